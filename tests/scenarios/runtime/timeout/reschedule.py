# test_reschedule plus reschedule while active: later deadlines, None, a deadline in the
# past (fires through call_soon), and the RuntimeErrors outside the active state.
import asyncio


async def main():
    loop = asyncio.get_running_loop()
    fut = loop.create_future()

    async def f():
        async with asyncio.timeout_at(loop.time() + 10) as cm:
            fut.set_result(cm)
            await asyncio.sleep(50)

    task = asyncio.create_task(f())
    cm = await fut
    cm.reschedule(30.0)
    print("when", cm.when())
    cm.reschedule(None)
    print("when", cm.when())
    task.cancel()
    try:
        await task
    except asyncio.CancelledError:
        print("task cancelled; expired", cm.expired())
    try:
        cm.reschedule(1)
    except RuntimeError as e:
        print("RuntimeError:", e)
    fresh = asyncio.timeout(1)
    try:
        fresh.reschedule(1)
    except RuntimeError as e:
        print("RuntimeError:", e)
    try:
        async with asyncio.timeout(10) as cm:
            await asyncio.sleep(1)
            cm.reschedule(loop.time() - 1)
            await asyncio.sleep(1)
    except TimeoutError:
        print("rescheduled into the past: TimeoutError")
    try:
        cm.reschedule(1)
    except RuntimeError as e:
        print("RuntimeError:", e)
    async with asyncio.timeout(0.5) as cm:
        try:
            await asyncio.sleep(1)
        except asyncio.CancelledError:
            try:
                cm.reschedule(5)
            except RuntimeError as e:
                print("RuntimeError:", e)
