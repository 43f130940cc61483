# test_timeout_not_called / test_timeout_disabled / test_timeout_at_disabled: no deadline
# (None) or a far one never fires; when() stays None or the deadline.
import asyncio


async def main():
    async with asyncio.timeout(10) as cm:
        await asyncio.sleep(0.01)
    print("far deadline: expired", cm.expired(), "when", cm.when())
    async with asyncio.timeout(None) as cm:
        await asyncio.sleep(0.01)
    print("timeout(None): expired", cm.expired(), "when", cm.when())
    async with asyncio.timeout_at(None) as cm:
        await asyncio.sleep(0.01)
    print("timeout_at(None): expired", cm.expired(), "when", cm.when())
