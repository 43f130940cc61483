# ExceptionGroup.split and subgroup keep the nesting and the message.
import asyncio


async def main():
    eg = ExceptionGroup("outer", [ValueError(1), ExceptionGroup("inner", [KeyError(2), ValueError(3)])])
    match, rest = eg.split(ValueError)
    print(repr(match))
    print(repr(rest))
    print(repr(eg.subgroup(KeyError)))
    print(eg.subgroup(TypeError))
    await asyncio.sleep(0)


if __name__ == "__main__":
    asyncio.run(main())
