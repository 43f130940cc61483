# Cancelling the task running wait_for on a task that ignores cancellations: wait_for
# waits for it to exit. Port of test_asyncio_wait_for_cancelled (test_waitfor.py), with
# the loop's clock instead of time.monotonic. differs: 3.11 vs 3.12/3.13/3.14
import asyncio

TASK_TIMEOUT = 0.2


async def slow_run(state):
    loop = asyncio.get_running_loop()
    exitat = loop.time() + TASK_TIMEOUT
    while True:
        tosleep = exitat - loop.time()
        if tosleep <= 0:
            break
        try:
            await asyncio.sleep(tosleep)
        except asyncio.CancelledError:
            print("slow task ignores a cancel at", loop.time())
    state.append("exited")


async def main():
    state = []
    waitfortask = asyncio.create_task(asyncio.wait_for(slow_run(state), TASK_TIMEOUT * 2))
    await asyncio.sleep(0)
    waitfortask.cancel()
    await asyncio.wait({waitfortask})
    print("exited:", state, "wait_for task cancelled:", waitfortask.cancelled())


if __name__ == "__main__":
    asyncio.run(main())
