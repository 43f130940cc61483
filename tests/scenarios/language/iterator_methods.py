# Builtin iterators' __next__ and __iter__ called as methods (the tp_iternext / tp_iter
# slots), next() with a default, and StopIteration from an exhausted __next__().
import asyncio


async def main():
    it = iter([1, 2])
    print(it.__next__(), next(it), iter(it) is it, it.__iter__() is it)
    try:
        it.__next__()
    except StopIteration:
        print("StopIteration")
    print(next(it, "dflt"))
    for source in ("ab", range(2), {"k": 1}, {3}, (4,), enumerate("x"), zip("y", "z"), reversed([5])):
        i = iter(source)
        print(i.__next__(), i.__iter__() is i)
    m = map(str, [6, 7])
    print(m.__next__(), list(m))
    await asyncio.sleep(0)
