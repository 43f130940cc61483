# if/elif/else chains and truthiness of every builtin kind.
import asyncio

def classify(v):
    if v is None:
        return "none"
    elif isinstance(v, bool):
        return "bool"
    elif not v:
        return "falsy"
    elif v:
        return "truthy"
    else:
        return "unreachable"

async def main():
    for v in [None, True, 0, 1, 0.0, 2.5, "", "x", [], [0], {}, {"a": 1}, (), (1,), set()]:
        print(repr(v), classify(v))


if __name__ == "__main__":
    asyncio.run(main())
