# except* splitting an ExceptionGroup, re-raising the rest, nested groups.
import asyncio

async def main():
    try:
        raise ExceptionGroup("eg", [ValueError(1), TypeError(2), ValueError(3)])
    except* ValueError as eg:
        print("values", repr(eg.exceptions))
    except* TypeError as eg:
        print("types", repr(eg.exceptions))
    try:
        try:
            raise ExceptionGroup("outer", [KeyError("k"), ExceptionGroup("inner", [OSError("o")])])
        except* KeyError as eg:
            print("keys", len(eg.exceptions))
    except* OSError as eg:
        print("rest reached outer:", repr(eg))
    try:
        raise ValueError("naked")
    except* ValueError as eg:
        print("wrapped", repr(eg))


if __name__ == "__main__":
    asyncio.run(main())
