# test_timeout_already_entered / _double_enter / _without_task: __aenter__ refuses a second
# entry and a call outside any task, with CPython's messages.
import asyncio


async def main():
    async with asyncio.timeout(0.01) as cm:
        try:
            async with cm:
                pass
        except RuntimeError as e:
            print("RuntimeError:", e)
    try:
        async with cm:
            pass
    except RuntimeError as e:
        print("RuntimeError:", e)
    cm = asyncio.timeout(0.01)
    err = None

    def outside_task():
        nonlocal err
        try:
            for _ in cm.__aenter__().__await__():
                pass
        except BaseException as e:
            err = e

    asyncio.get_running_loop().call_soon(outside_task)
    await asyncio.sleep(0)
    print(type(err).__name__ + ":", err)
    try:
        cm.reschedule(0.02)
    except RuntimeError as e:
        print("RuntimeError:", e)
