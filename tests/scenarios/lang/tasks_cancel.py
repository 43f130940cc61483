# Cancelling a task: CancelledError with a message, cancelling(), uncancel(), cancelled().
import asyncio

async def sleeper():
    try:
        await asyncio.sleep(5)
    except asyncio.CancelledError as e:
        print("sleeper got", repr(e.args))
        raise

async def main():
    t = asyncio.create_task(sleeper())
    await asyncio.sleep(0)
    print(t.cancel("stop now"), t.cancelling())
    try:
        await t
    except asyncio.CancelledError:
        print("awaiting cancelled task raised CancelledError")
    print(t.cancelled(), t.done(), t.cancel())


if __name__ == "__main__":
    asyncio.run(main())
