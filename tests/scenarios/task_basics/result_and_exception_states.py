# result()/exception() on pending, finished, failed and cancelled tasks.
import asyncio


async def ok():
    return 1


async def bad():
    raise ValueError("bad")


async def slow():
    await asyncio.sleep(1)


async def main():
    t = asyncio.create_task(ok())
    try:
        t.result()
    except asyncio.InvalidStateError as e:
        print("pending result:", e)
    await asyncio.sleep(0)
    print("finished:", t.result(), t.exception())
    b = asyncio.create_task(bad())
    await asyncio.sleep(0)
    print("failed exception:", repr(b.exception()))
    try:
        b.result()
    except ValueError as e:
        print("failed result raises:", repr(e))
    s = asyncio.create_task(slow())
    await asyncio.sleep(0)
    s.cancel("why")
    await asyncio.sleep(0)
    for getter in (s.result, s.exception):
        try:
            getter()
        except asyncio.CancelledError as e:
            print("cancelled getter raises CancelledError", e.args)


if __name__ == "__main__":
    asyncio.run(main())
