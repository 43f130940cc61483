# Messages of common builtin errors match CPython's.
import asyncio

async def main():
    tests = [
        lambda: 1 + "a",
        lambda: "a" + 1,
        lambda: [1][5],
        lambda: {}["k"],
        lambda: None.attr,
        lambda: int("x"),
        lambda: 1 / 0,
        lambda: len(5),
        lambda: undefined_name,
        lambda: [].pop(),
        lambda: (1, 2)[0:1][3],
        lambda: {1: 2}[[]],
    ]
    for t in tests:
        try:
            t()
        except Exception as e:
            print(type(e).__name__ + ":", e)


if __name__ == "__main__":
    asyncio.run(main())
