# Augmented assignment on names, attributes and subscripts; list += extends in place.
import asyncio

class Box:
    def __init__(self):
        self.n = 1

async def main():
    i = 10
    i += 5; i -= 3; i *= 2; i //= 5; i **= 3; i %= 7
    print(i)
    f = 1.5
    f /= 2
    print(f)
    b = Box()
    b.n += 41
    d = {"k": 1}
    d["k"] += 9
    l = [1]
    alias = l
    l += [2, 3]
    print(b.n, d, l, alias is l)
    s = "ab"
    s *= 3
    print(s)
    x = 6
    x &= 3; x |= 8; x ^= 1; x <<= 2; x >>= 1
    print(x)


if __name__ == "__main__":
    asyncio.run(main())
