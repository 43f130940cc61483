# Two cancel() calls on a sleeping child: the first message is delivered; the parent then
# awaits the child while it is still pending, and cancels and uncancels itself (3.13
# rescinds the pending cancellation, 3.11/3.12 deliver it).
import asyncio


async def child():
    try:
        await asyncio.sleep(10)
    except asyncio.CancelledError:
        print("child cancelled, cancelling =", asyncio.current_task().cancelling())
        raise


async def main():
    t = asyncio.create_task(child())
    await asyncio.sleep(0)
    t.cancel("first")
    t.cancel("second")
    print(t.cancelling())
    try:
        await t
    except asyncio.CancelledError:
        print("t cancelled:", t.cancelled())
    me = asyncio.current_task()
    me.cancel()
    print("after self-cancel", me.cancelling())
    me.uncancel()
    await asyncio.sleep(0)
    print("survived:", me.cancelling())


if __name__ == "__main__":
    asyncio.run(main())
