# Coroutine objects driven by hand: send/throw/close, the StopIteration that carries the
# return value, __await__'s coroutine_wrapper, and CPython's RuntimeError/TypeError
# wording for reuse, a non-None first send, bad throw arguments and an ignored
# GeneratorExit; for `async def` coroutines and asyncio's own (sleep, Timeout.__aenter__).
# differs: close() returns the return value from 3.13
import asyncio


def show(label, fn):
    try:
        r = fn()
    except BaseException as e:
        print(label, "->", type(e).__name__, e.args)
    else:
        print(label, "=", r)


async def answer():
    return 42


async def two_steps():
    x = await Yielder("first")
    return ("got", x)


class Yielder:
    def __init__(self, v):
        self.v = v

    def __await__(self):
        return (yield self.v)


async def catches():
    try:
        await Yielder("waiting")
    except KeyError as e:
        return "caught " + repr(e)


async def stubborn():
    try:
        await Yielder(1)
    except GeneratorExit:
        await Yielder(2)


async def returns_on_exit():
    try:
        await Yielder(1)
    except GeneratorExit:
        return "bye"


def steps():
    c = answer()
    show("send non-None first", lambda: c.send(1))
    show("send None", lambda: c.send(None))
    show("send again", lambda: c.send(None))
    show("throw after end", lambda: c.throw(ValueError("x")))
    show("close after end", lambda: c.close())

    c = two_steps()
    show("two: first", lambda: c.send(None))
    try:
        c.send("hello")
    except StopIteration as e:
        print("two: value", e.value, "args", e.args)

    c = catches()
    c.send(None)
    show("throw instance", lambda: c.throw(KeyError("k")))
    c = catches()
    c.send(None)
    show("throw class+value", lambda: c.throw(KeyError, "v"))
    c = catches()
    c.send(None)
    show("throw class+instance+tb", lambda: c.throw(KeyError, KeyError("w"), None))
    c = catches()
    c.send(None)
    show("throw not exception", lambda: c.throw(1))
    show("throw instance+value", lambda: c.throw(KeyError("a"), "b"))
    show("throw ValueError", lambda: c.throw(ValueError))
    show("send after raise", lambda: c.send(None))

    c = answer()
    show("throw unstarted", lambda: c.throw(OSError("early")))
    show("send after early throw", lambda: c.send(None))
    c = answer()
    show("close unstarted", lambda: c.close())
    show("send after close", lambda: c.send(None))

    c = stubborn()
    c.send(None)
    show("close stubborn", lambda: c.close())
    c = returns_on_exit()
    c.send(None)
    show("close returning", lambda: c.close())

    w = two_steps().__await__()
    print("wrapper:", type(w).__name__, iter(w) is w)
    show("wrapper next", lambda: next(w))
    show("wrapper send", lambda: w.send("via wrapper"))
    w = catches().__await__()
    next(w)
    show("wrapper throw", lambda: w.throw(KeyError("kw")))
    print("for over __await__:", [x for x in two_steps().__await__()])


async def natives():
    s = asyncio.sleep(0, "slept")
    show("sleep send 1", lambda: s.send(None))
    show("sleep send 2", lambda: s.send(None))
    show("sleep send 3", lambda: s.send(None))
    s = asyncio.sleep(0)
    show("sleep close unstarted", lambda: s.close())
    show("sleep after close", lambda: s.send(None))
    s = asyncio.sleep(0)
    s.send(None)
    show("sleep throw", lambda: s.throw(LookupError("in sleep")))
    s = asyncio.sleep(0)
    s.send(None)
    show("sleep close suspended", lambda: s.close())
    w = asyncio.sleep(0, "w").__await__()
    print("sleep wrapper:", list(w))
    cm = asyncio.timeout(None)
    c = cm.__aenter__()
    show("timeout aenter send", lambda: c.send(None))
    show("timeout aenter again", lambda: c.send(None))
    await cm.__aexit__(None, None, None)


async def main():
    steps()
    await natives()


if __name__ == "__main__":
    asyncio.run(main())
