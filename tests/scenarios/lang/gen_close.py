# close() of a suspended generator/coroutine throws GeneratorExit in at the suspension
# point: finally blocks and with-exits run; ignoring it is a RuntimeError; closing an
# unstarted or finished one does nothing. Compared with CPython 3.13's output.
import asyncio


def counter(log):
    try:
        for i in range(10):
            yield i
    finally:
        log.append("finally")


def stubborn():
    try:
        yield 1
    except GeneratorExit:
        print("ignoring GeneratorExit")
    yield 2


def catcher():
    try:
        yield 1
    except GeneratorExit:
        print("caught GeneratorExit")
        raise


class Res:
    def __enter__(self):
        return self

    def __exit__(self, t, e, tb):
        print("exit", t.__name__ if t else None)
        return False


def with_gen():
    with Res():
        yield "in with"


async def waiter():
    try:
        await asyncio.sleep(1)
    finally:
        print("coroutine finally")


async def main():
    log = []
    g = counter(log)
    print(next(g), next(g))
    g.close()
    print(log)
    g.close()
    print(log)
    try:
        next(g)
    except StopIteration:
        print("StopIteration after close")
    fresh = counter(log)
    fresh.close()
    print(log)
    s = stubborn()
    next(s)
    try:
        s.close()
    except RuntimeError as e:
        print("RuntimeError", e)
    c = catcher()
    next(c)
    c.close()
    w = with_gen()
    print(next(w))
    w.close()
    t = asyncio.create_task(waiter())
    await asyncio.sleep(0)
    t.cancel()
    try:
        await t
    except asyncio.CancelledError:
        print("task cancelled")
    print("done")


asyncio.run(main())
