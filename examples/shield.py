# Lesson: shield() protects the inner task, not the task awaiting it.
#
# `main` waits on shield(save()) inside a 0.5 s timeout. When the timeout fires it
# cancels `main`; the CancelledError reaches main's await of the shield's outer future,
# which is cancelled, but the inner task `save` never receives a cancel and finishes on
# its own at t=1. The timeout turns main's CancelledError into TimeoutError. To keep the
# result, keep a reference to the inner task and await it later.
import asyncio


async def save():
    await asyncio.sleep(1)
    print("saved")
    return "ok"


async def main():
    inner = asyncio.create_task(save())
    try:
        async with asyncio.timeout(0.5):
            await asyncio.shield(inner)
    except TimeoutError:
        print("main gave up waiting; inner cancelled?", inner.cancelled())
    print("inner result:", await inner)
