# Binding the `with ... as` target is inside the with block: when the store fails, the
# context manager's __exit__ receives the exception (sync and async). Compared with
# CPython 3.13's output.
import asyncio


class CM:
    def __init__(self, value):
        self.value = value

    def __enter__(self):
        print("enter")
        return self.value

    def __exit__(self, t, e, tb):
        print("exit", t.__name__ if t else None, e)
        return False


class ACM:
    async def __aenter__(self):
        print("aenter")
        return 5

    async def __aexit__(self, t, e, tb):
        print("aexit", t.__name__ if t else None)
        return True


class Frozen:
    def __setattr__(self, name, value):
        raise AttributeError("frozen: " + name)


async def main():
    try:
        with CM([1, 2, 3]) as (a, b):
            print("body", a, b)
    except ValueError as e:
        print("ValueError", e)
    try:
        with CM(1) as Frozen().x:
            print("body")
    except AttributeError as e:
        print("AttributeError", e)
    async with ACM() as (p, q):
        print("never")
    print("suppressed")
    with CM(7) as v:
        print("ok", v)


asyncio.run(main())
