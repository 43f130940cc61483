# wait() on futures that are already done returns without suspending the waiting task for
# a timer.
import asyncio


async def main():
    loop = asyncio.get_running_loop()
    f1 = loop.create_future()
    f1.set_result(1)
    f2 = loop.create_future()
    f2.set_exception(ValueError("x"))
    done, pending = await asyncio.wait([f1, f2], return_when=asyncio.FIRST_COMPLETED)
    print(len(done), len(pending))
    print(f2.exception())


if __name__ == "__main__":
    asyncio.run(main())
