# Children already done when gather() is called: 3.12+ handle them inside the call (all
# done: gather returns a done future), 3.11 through a done-callback one pass later.
# Also gather() of nothing, and test_cancel_gather_1: a cancel arriving when every child is
# done but the callback has not run yet is refused (bpo-26923).
import asyncio


async def main():
    loop = asyncio.get_running_loop()
    f1 = loop.create_future()
    f1.set_result(1)
    f2 = loop.create_future()
    f2.set_result(2)
    g = asyncio.gather(f1, f2)
    print("gather of done futures done at once:", g.done())
    print("result:", await g)

    empty = asyncio.gather()
    print("empty:", empty.done(), await empty)

    fut = loop.create_future()
    g2 = asyncio.gather(fut)
    fut.set_result(42)
    print("cancel with done child ->", g2.cancel())
    print("g2:", await g2)
