# finally runs on return, break and continue; return in finally overrides.
import asyncio

def f():
    try:
        return "try"
    finally:
        print("finally of f")

def g():
    try:
        raise ValueError("lost")
    finally:
        return "finally wins"

def h():
    out = []
    for i in range(4):
        try:
            if i == 1:
                continue
            if i == 3:
                break
            out.append(i)
        finally:
            out.append("f%d" % i)
    return out

async def main():
    print(f())
    print(g())
    print(h())


if __name__ == "__main__":
    asyncio.run(main())
