# test_locks EventTests.test_wait_cancel and test_clear_with_waiters: a cancelled wait()
# leaves nothing behind; set() wakes the remaining waiters even if clear() follows at once.
import asyncio


async def waiter(ev, name):
    r = await ev.wait()
    print(name, "woke with", r)


async def main():
    ev = asyncio.Event()
    wait = asyncio.create_task(ev.wait())
    asyncio.get_running_loop().call_soon(wait.cancel)
    try:
        await wait
    except asyncio.CancelledError:
        print("wait cancelled:", wait.cancelled())
    w1 = asyncio.create_task(waiter(ev, "w1"))
    w2 = asyncio.create_task(waiter(ev, "w2"))
    await asyncio.sleep(0)
    w1.cancel()
    ev.set()
    ev.clear()
    print("is_set:", ev.is_set())
    await asyncio.sleep(0)
    print("w1 cancelled:", w1.cancelled(), "w2 done:", w2.done())
    ev.set()
    print("set wait:", await ev.wait())


if __name__ == "__main__":
    asyncio.run(main())
