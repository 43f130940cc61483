# test_cancel_gather_2 (test_tasks.py): cancelling a task that awaits gather() reaches the
# children through _GatheringFuture.cancel (the task's _fut_waiter), with the message.
import asyncio


async def loop_gather():
    n = 0
    while True:
        n += 1
        await asyncio.gather(asyncio.sleep(0.25), return_exceptions=True)
        if n > 10:
            return n


async def main():
    qwe = asyncio.create_task(loop_gather())
    await asyncio.sleep(0.6)
    qwe.cancel("my message")
    try:
        await qwe
    except asyncio.CancelledError as exc:
        print("qwe raised:", exc.args, "cancelled:", qwe.cancelled())
