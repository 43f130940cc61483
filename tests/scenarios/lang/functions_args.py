# def with defaults, keyword args, *args, **kwargs, keyword-only and positional-only parameters.
import asyncio

def f(a, b=2, *args, c, d=4, **kw):
    return (a, b, args, c, d, sorted(kw.items()))

def g(x, y, /, z):
    return x + y + z

async def main():
    print(f(1, c=3))
    print(f(1, 2, 3, 4, c=5, e=6, d=7))
    print(f(*[1, 2, 3], **{"c": 9, "z": 0}))
    print(g(1, 2, z=3))
    args = (1, 2)
    print(g(*args, 3))
    for call in [lambda: f(), lambda: f(1), lambda: f(1, 2, c=3, c2=4, b=5), lambda: g(1, y=2, z=3)]:
        try:
            call()
        except TypeError as e:
            print("TypeError:", e)


if __name__ == "__main__":
    asyncio.run(main())
