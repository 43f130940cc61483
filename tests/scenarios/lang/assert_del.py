# assert with and without message; del of names, items and attributes.
import asyncio

class O:
    pass

async def main():
    assert 1 + 1 == 2
    try:
        assert 1 > 2, "math is broken"
    except AssertionError as e:
        print("assert:", e)
    try:
        assert []
    except AssertionError as e:
        print("empty assert:", repr(e))
    x = 5
    del x
    try:
        print(x)
    except NameError as e:
        print("NameError:", e)
    d = {"a": 1, "b": 2}
    del d["a"]
    o = O()
    o.attr = 1
    del o.attr
    print(d, hasattr(o, "attr"))


if __name__ == "__main__":
    asyncio.run(main())
