# Closures, nonlocal and global, late binding in loops.
import asyncio

counter = 0

def bump():
    global counter
    counter += 1
    return counter

def make_counter():
    n = 0
    def inc(step=1):
        nonlocal n
        n += step
        return n
    return inc

async def main():
    c = make_counter()
    c(); c(5)
    print(c(), bump(), bump(), counter)
    fs = [lambda: i for i in range(3)]
    print([f() for f in fs])
    gs = [lambda i=i: i for i in range(3)]
    print([g() for g in gs])
    def outer():
        x = "outer"
        def mid():
            def inner():
                return x
            return inner()
        return mid()
    print(outer())


if __name__ == "__main__":
    asyncio.run(main())
