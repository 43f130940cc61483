# uncancel() of a cancellation that has not been delivered yet: from 3.13 on, reaching a
# count of 0 rescinds it (the task runs normally); 3.11/3.12 still deliver it.  2 -> 1 never
# rescinds.  uncancel() on a done task only moves the count.
import asyncio


async def victim():
    await asyncio.sleep(0)
    print("victim ran, cancelling =", asyncio.current_task().cancelling())
    return "alive"


async def main():
    t = asyncio.create_task(victim())
    t.cancel("changed my mind")
    t.uncancel()
    try:
        print("t result:", await t)
    except asyncio.CancelledError as exc:
        print("t cancelled:", exc.args)
    u = asyncio.create_task(victim())
    u.cancel()
    u.cancel("second")
    u.uncancel()
    try:
        print("u result:", await u)
    except asyncio.CancelledError as exc:
        print("u cancelled:", exc.args)
    print("uncancel of done u ->", u.uncancel())


if __name__ == "__main__":
    asyncio.run(main())
