# Iteration builtins: range, enumerate, zip, reversed, iter/next, any/all, map/filter, len.
import asyncio

async def main():
    print(list(range(5)), list(range(2, 10, 3)), list(range(5, 0, -2)), range(3)[1], len(range(10)))
    print(list(enumerate("ab", start=1)), list(zip([1, 2, 3], "xy")), list(reversed([1, 2, 3])))
    it = iter([10, 20])
    print(next(it), next(it), next(it, "end"))
    print(any([0, 0, 1]), all([1, 2, 0]), any([]), all([]))
    print(sorted(map(str, [3, 1, 2])), list(filter(None, [0, 1, "", "a"])))
    print(len("abc"), len([1]), len({}), len({1: 2}), len((1, 2)))


if __name__ == "__main__":
    asyncio.run(main())
