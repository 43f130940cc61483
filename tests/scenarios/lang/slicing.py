# Slicing with negative indices, steps, assignment and deletion.
import asyncio

async def main():
    l = list(range(10))
    print(l[2:8:2], l[-3:], l[:-7], l[::-3], l[8:2:-2], l[100:], l[-100:2])
    l[::2] = [0] * 5
    print(l)
    del l[1::2]
    print(l)
    s = "abcdefgh"
    print(s[1:-1], s[::-1], s[-3:-1], s[5:1], s[::3])
    t = tuple(range(6))
    print(t[1:4], t[::-2])


if __name__ == "__main__":
    asyncio.run(main())
