# An exception thrown into a suspended coroutine (task.cancel() -> CancelledError) gets the
# handled exception of the frame it is raised in as __context__ (gen_throw ->
# _PyErr_ChainStackItem), and again in each awaiting frame it propagates out into along
# the delegation chain of the throw, while a plain propagation never re-chains.
import asyncio


def chain(e):
    names = []
    while e is not None:
        names.append(type(e).__name__)
        e = e.__context__
    return " <- ".join(names)


async def wait_forever():
    await asyncio.get_running_loop().create_future()


async def in_except():
    # Suspended inside an except block: the thrown error chains to it.
    try:
        raise KeyError("k")
    except KeyError:
        await wait_forever()


async def inner_plain():
    await wait_forever()


async def outer_handles():
    # The inner frame handles nothing; the outer one handles ValueError while awaiting it:
    # the error comes out of the inner frame and is chained in the outer one.
    try:
        raise ValueError
    except ValueError:
        await inner_plain()


async def outer_over_inner():
    # Both frames handle an exception: the inner one chains the error to KeyError, then the
    # outer one replaces that context with its own ValueError.
    try:
        raise ValueError
    except ValueError:
        await in_except()


async def inner_converts():
    try:
        await wait_forever()
    except asyncio.CancelledError:
        raise LookupError("converted")


async def outer_handles_converted():
    # The inner frame turns the CancelledError into LookupError (context CancelledError),
    # then the outer frame re-chains it to its own handled TypeError.
    try:
        raise TypeError
    except TypeError:
        await inner_converts()


async def raises_later():
    await asyncio.sleep(0)
    raise OSError("later")


async def catches_then_awaits_new():
    try:
        raise ZeroDivisionError
    except ZeroDivisionError:
        try:
            await wait_forever()
        except asyncio.CancelledError:
            pass
        # A new coroutine, not on the chain the throw went down: its error is an ordinary
        # raise in an except block.
        await raises_later()


async def in_finally():
    try:
        raise IndexError
    finally:
        await wait_forever()


async def no_handler():
    await inner_plain()


async def run(coro_fn):
    t = asyncio.create_task(coro_fn())
    await asyncio.sleep(0)
    t.cancel()
    try:
        await t
    except BaseException as e:
        print(coro_fn.__name__ + ":", chain(e))


def gen_in_except():
    try:
        raise KeyError
    except KeyError:
        yield 1


def gen_outer():
    try:
        raise ValueError
    except ValueError:
        yield from gen_plain()


def gen_plain():
    yield 2


async def main():
    for fn in (in_except, outer_handles, outer_over_inner, outer_handles_converted, catches_then_awaits_new,
               in_finally, no_handler):
        await run(fn)
    for make in (gen_in_except, gen_outer):
        g = make()
        next(g)
        try:
            g.throw(RuntimeError("thrown"))
        except RuntimeError as e:
            print(make.__name__ + ":", chain(e))


if __name__ == "__main__":
    asyncio.run(main())
