# raise from, implicit __context__, __suppress_context__, re-raise.
import asyncio

async def main():
    try:
        try:
            1 / 0
        except ZeroDivisionError as e:
            raise ValueError("bad") from e
    except ValueError as e:
        print(repr(e), repr(e.__cause__), e.__suppress_context__, repr(e.__context__))
    try:
        try:
            {}["k"]
        except KeyError:
            raise TypeError("during")
    except TypeError as e:
        print(repr(e.__context__), e.__cause__, e.__suppress_context__)
    try:
        try:
            raise OSError("a")
        except OSError:
            raise RuntimeError("b") from None
    except RuntimeError as e:
        print(e.__cause__, e.__suppress_context__, repr(e.__context__))
    try:
        try:
            raise KeyError("inner")
        except KeyError:
            raise
    except KeyError as e:
        print("reraised", repr(e))


if __name__ == "__main__":
    asyncio.run(main())
