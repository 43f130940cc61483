# List, set, dict comprehensions, nested clauses, conditions, scoping.
import asyncio

async def main():
    x = "outer"
    print([x for x in range(3)], x)
    print([(i, j) for i in range(3) for j in range(i)])
    print({c for c in "mississippi"} == set("misp"))
    print({k: v for k, v in zip("abc", range(3)) if v != 1})
    matrix = [[1, 2], [3, 4]]
    print([n for row in matrix for n in row], [[r[i] for r in matrix] for i in range(2)])
    print([y for x in range(5) if (y := x * 2) > 4])


if __name__ == "__main__":
    asyncio.run(main())
