# Futures: set_result, add_done_callback with call_soon ordering, loop.call_later and loop.time.
import asyncio

async def main():
    loop = asyncio.get_running_loop()
    fut = loop.create_future()
    fut.add_done_callback(lambda f: print("callback saw", f.result()))
    loop.call_later(0.5, fut.set_result, "value")
    loop.call_soon(print, "call_soon runs first")
    t0 = loop.time()
    print("awaited", await fut, round(loop.time() - t0, 1))
    f2 = asyncio.Future()
    f2.set_exception(ValueError("bad future"))
    try:
        await f2
    except ValueError as e:
        print("future raised", e, f2.done(), repr(f2.exception()))


if __name__ == "__main__":
    asyncio.run(main())
