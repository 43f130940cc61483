# bpo-32684: once a cancel() reached a child, gather ends with CancelledError even with
# return_exceptions=True, and even when the child swallowed the cancellation; the error
# is the last child's _make_cancelled_error().
import asyncio


async def stubborn():
    try:
        await asyncio.sleep(5)
    except asyncio.CancelledError:
        print("stubborn swallows the cancel")
    return "kept"


async def plain():
    await asyncio.sleep(5)
    return "plain"


async def main():
    g = asyncio.gather(stubborn(), plain(), return_exceptions=True)
    await asyncio.sleep(1)
    print("cancel ->", g.cancel("stop"))
    try:
        print("result:", await g)
    except asyncio.CancelledError as exc:
        print("gather raised:", exc.args)
