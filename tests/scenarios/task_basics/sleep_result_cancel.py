# sleep(10, result) cancelled: its timer handle is cancelled too, so the clock never
# reaches 10. Port of test_sleep_cancel (test_tasks.py).
import asyncio


async def main():
    loop = asyncio.get_running_loop()
    t = asyncio.create_task(asyncio.sleep(10.0, "yeah"))
    await asyncio.sleep(0)
    t.cancel()
    try:
        await t
    except asyncio.CancelledError:
        print("cancelled at", loop.time())
    await asyncio.sleep(0)
    print("end at", loop.time())


if __name__ == "__main__":
    asyncio.run(main())
