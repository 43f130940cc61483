# test_shield_cancel_outer (test_tasks.py): cancelling the outer future directly leaves the
# inner one pending and drops the inner's callback; the inner finishes later unaffected.
import asyncio


async def main():
    loop = asyncio.get_running_loop()
    inner = loop.create_future()
    outer = asyncio.shield(inner)
    await asyncio.sleep(0)
    print("cancel outer ->", outer.cancel())
    await asyncio.sleep(0)
    print("outer cancelled:", outer.cancelled(), "inner done:", inner.done())
    inner.set_result(3)
    await asyncio.sleep(0)
    print("inner result:", inner.result())
