# Decorators on functions and classes, stacked, with arguments.
import asyncio

def shout(fn):
    def wrapper(*args, **kwargs):
        return fn(*args, **kwargs).upper()
    return wrapper

def repeat(n):
    def deco(fn):
        def wrapper(x):
            return [fn(x) for _ in range(n)]
        return wrapper
    return deco

def register(cls):
    cls.registered = True
    return cls

@shout
def hello(name):
    return "hello " + name

@repeat(2)
@shout
def hi(x):
    return "hi " + x

@register
class Thing:
    pass

async def main():
    print(hello("bob"), hi("al"), Thing.registered)


if __name__ == "__main__":
    asyncio.run(main())
