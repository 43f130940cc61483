# A hand-made timeout with call_later + cancel + uncancel in finally, as timeouts.py does.
# Port of test_uncancel_structured_blocks (test_tasks.py).
import asyncio


async def make_request_with_timeout(sleep, timeout):
    task = asyncio.current_task()
    loop = asyncio.get_running_loop()
    state = {"timed_out": False, "finished": False}

    def on_timeout():
        state["timed_out"] = True
        task.cancel()

    timeout_handle = loop.call_later(timeout, on_timeout)
    try:
        try:
            await asyncio.sleep(sleep)
            state["finished"] = True
        except asyncio.CancelledError:
            timeout_handle.cancel()
            if state["timed_out"] and task.uncancel() == 0:
                raise TimeoutError
            raise
        finally:
            timeout_handle.cancel()
    except TimeoutError:
        print("TimeoutError, timed_out =", state["timed_out"])
    await asyncio.sleep(0)
    return state["timed_out"], state["finished"], True


async def main():
    t1 = asyncio.create_task(make_request_with_timeout(10.0, 0.1))
    print(await t1, "cancelling:", t1.cancelling())
    t2 = asyncio.create_task(make_request_with_timeout(0, 10.0))
    print(await t2, "cancelling:", t2.cancelling())


if __name__ == "__main__":
    asyncio.run(main())
