# test_nested_timeouts (test_timeouts.py): two timeouts with one deadline; only the
# outermost converts, the inner one lets the CancelledError through (count > recorded).
import asyncio


async def main():
    loop = asyncio.get_running_loop()
    deadline = loop.time() + 0.01
    try:
        async with asyncio.timeout_at(deadline) as cm1:
            try:
                async with asyncio.timeout_at(deadline) as cm2:
                    await asyncio.sleep(10)
            except asyncio.CancelledError:
                print("inner block saw CancelledError")
                raise
    except TimeoutError:
        print("outer TimeoutError", cm1.expired(), cm2.expired())
