# test_locks ConditionTests.test_cancelled_wakeup: notify(1) picks consumer c0, which is
# cancelled before it ran. 3.13's wait() passes the notification on to c1, which consumes
# the item; in 3.11/3.12 the wake-up is lost and the item stays.
import asyncio

state = 0


async def consumer(cond, name):
    global state
    async with cond:
        while True:
            try:
                await cond.wait_for(lambda: state != 0)
            except asyncio.CancelledError:
                print(name, "cancelled")
                raise
            if state < 0:
                print(name, "exits")
                return
            state -= 1
            print(name, "consumed, state", state)


async def main():
    global state
    cond = asyncio.Condition()
    c = [asyncio.create_task(consumer(cond, f"c{i}")) for i in range(2)]
    await asyncio.sleep(0)
    async with cond:
        state += 1
        cond.notify(1)
        c[0].cancel()
    for _ in range(3):
        await asyncio.sleep(0)
    print("state:", state)
    async with cond:
        state = -1
        cond.notify_all()
    await c[1]
    print("c0 cancelled:", c[0].cancelled())


if __name__ == "__main__":
    asyncio.run(main())
