# 3.13+: uncancel() to zero also clears a pending _must_cancel (diagnostic cancel-rescinded);
# in 3.11/3.12 the cancellation is still delivered.
import asyncio


async def main():
    me = asyncio.current_task()
    me.cancel()
    me.uncancel()
    try:
        await asyncio.sleep(0)
        print("not cancelled")
    except asyncio.CancelledError:
        print("cancelled")
