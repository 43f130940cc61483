# list and tuple operations: append, extend, insert, pop, remove, index, count, sort, slicing.
import asyncio

async def main():
    l = [3, 1, 2]
    l.append(5); l.extend([7, 0]); l.insert(0, 9)
    print(l, l.pop(), l.pop(0), l)
    l.remove(2)
    l.sort()
    print(l, l.index(5), l.count(1), l[1:3], l[::-1], l[-2:])
    l[0:2] = ["a", "b", "c"]
    del l[1]
    print(l, len(l), l + [1], [0] * 3)
    t = (1, 2, 3)
    print(t, t[1:], t.count(2), t.index(3), t + (4,), (1,) * 2, tuple([5, 6]))
    print([1, 2] < [1, 3], (1, 2) == (1, 2), max([4, 8, 2]), min((4, 8, 2)))


if __name__ == "__main__":
    asyncio.run(main())
