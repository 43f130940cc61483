# Comparisons, chained comparisons, is/in, and/or/not returning operands, conditional expressions.
import asyncio

async def main():
    a, b = 3, 5
    print(a < b, a == 3 == 3, 1 < a < b < 10, 1 < a > 4, a is not None, a in [3], a not in (1, 2))
    print(0 or "x", "" or [] or 0, 1 and 2, 0 and 1, not 0, not "a", None or None)
    print("big" if b > 4 else "small", "neg" if -a > 0 else "pos")
    l = [1, 2]
    print(l == [1, 2], l is l, [] is [], "ab" < "b", (1, "a") < (1, "b"))
    x = None
    print(x is None, x == None, (x or 7))


if __name__ == "__main__":
    asyncio.run(main())
