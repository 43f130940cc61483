# Assignment: chained, tuple/list unpacking, starred targets, swaps.
import asyncio

async def main():
    a = b = 3
    x, y = 1, 2
    x, y = y, x
    [p, q] = "ab"
    first, *rest = [1, 2, 3, 4]
    *init, last = (5, 6, 7)
    h, *mid, t = range(5)
    (m, n), o = (8, 9), 10
    print(a, b, x, y, p, q, first, rest, init, last, h, mid, t, m, n, o)
    try:
        u, v = [1, 2, 3]
    except ValueError as e:
        print("ValueError:", e)
    try:
        u, v, w = (1,)
    except ValueError as e:
        print("ValueError:", e)


if __name__ == "__main__":
    asyncio.run(main())
