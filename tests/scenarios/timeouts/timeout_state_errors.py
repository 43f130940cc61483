# reschedule() is refused outside the active state: not entered, expiring, expired,
# finished; a Timeout cannot be entered twice. Port of test_timeout_already_entered,
# _double_enter, _finished, _expired, _expiring, _not_entered (test_timeouts.py).
import asyncio


async def main():
    cm = asyncio.timeout(0.01)
    try:
        cm.reschedule(0.02)
    except RuntimeError as e:
        print("not entered:", e)
    async with asyncio.timeout(0.01) as cm:
        try:
            async with cm:
                pass
        except RuntimeError as e:
            print("already entered:", e)
    try:
        async with cm:
            pass
    except RuntimeError as e:
        print("double enter:", e)
    try:
        cm.reschedule(0.02)
    except RuntimeError as e:
        print("finished:", e)
    async with asyncio.timeout(0.01) as cm2:
        try:
            await asyncio.sleep(1)
        except asyncio.CancelledError:
            print("expiring: body cancelled")
        try:
            cm2.reschedule(0.02)
        except RuntimeError as e:
            print("expiring:", e)
    print("after expiring block, expired:", cm2.expired())
    try:
        async with asyncio.timeout(0.01) as cm3:
            await asyncio.sleep(1)
    except TimeoutError:
        pass
    try:
        cm3.reschedule(0.02)
    except RuntimeError as e:
        print("expired:", e)


if __name__ == "__main__":
    asyncio.run(main())
