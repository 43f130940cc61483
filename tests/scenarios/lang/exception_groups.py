# ExceptionGroup/BaseExceptionGroup construction, split, subgroup, str and repr.
import asyncio

async def main():
    eg = ExceptionGroup("many", [ValueError("a"), TypeError("b"), ValueError("c")])
    print(str(eg), repr(eg), len(eg.exceptions), eg.message)
    match, rest = eg.split(ValueError)
    print(repr(match), repr(rest))
    print(repr(eg.subgroup(TypeError)), eg.subgroup(KeyError))
    beg = BaseExceptionGroup("base", [ValueError(1)])
    print(type(beg).__name__)
    beg2 = BaseExceptionGroup("base", [KeyboardInterrupt()])
    print(type(beg2).__name__, isinstance(beg2, Exception))


if __name__ == "__main__":
    asyncio.run(main())
