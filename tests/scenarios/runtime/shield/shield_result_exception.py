# test_shield_result, test_shield_exception, test_shield_shortcut (test_tasks.py): the outer
# future takes the inner result or exception; a done inner future is returned as it is.
import asyncio


async def main():
    loop = asyncio.get_running_loop()
    inner = loop.create_future()
    outer = asyncio.shield(inner)
    print("outer is inner:", outer is inner)
    loop.call_later(1, inner.set_result, 42)
    print("result:", await outer)

    inner2 = loop.create_future()
    outer2 = asyncio.shield(inner2)
    await asyncio.sleep(0)
    inner2.set_exception(RuntimeError("expected"))
    try:
        await outer2
    except RuntimeError as exc:
        print("exception:", exc.args[0], exc is inner2.exception())

    done = loop.create_future()
    done.set_result(7)
    print("shortcut:", asyncio.shield(done) is done)
