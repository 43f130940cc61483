# A task answers cancel() by raising SystemExit: the task ends with that exception (not
# cancelled) and the SystemExit escapes the loop. Port of test_baseexception_during_cancel.
import asyncio


async def sleeper():
    await asyncio.sleep(10)


async def notmuch():
    try:
        await sleeper()
    except asyncio.CancelledError:
        raise SystemExit()


async def main():
    task = asyncio.create_task(notmuch())
    await asyncio.sleep(0)
    task.cancel()
    print("done after cancel():", task.done())
    await asyncio.sleep(1)
    print("not reached: SystemExit stops the loop")


if __name__ == "__main__":
    asyncio.run(main())
