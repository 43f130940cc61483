# Done callbacks run through call_soon in registration order, after the task is done;
# remove_done_callback removes every registration of the callback.
import asyncio


async def work():
    await asyncio.sleep(1)
    return "r"


async def main():
    t = asyncio.create_task(work())

    def cb1(fut):
        print("cb1", fut.result())

    def cb2(fut):
        print("cb2", fut.done())

    t.add_done_callback(cb1)
    t.add_done_callback(cb2)
    t.add_done_callback(cb1)
    print("removed:", t.remove_done_callback(cb1))
    t.add_done_callback(cb1)
    await t
    print("awaited")
    await asyncio.sleep(0)
    print("after one more pass")


if __name__ == "__main__":
    asyncio.run(main())
