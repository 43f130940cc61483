# loop.set_task_factory(asyncio.eager_task_factory) (3.12+): asyncio.create_task and
# loop.create_task start the task inside the call; a name is applied after the eager
# step in 3.12, becomes "None" when not given in 3.13, and is passed through in 3.14.
# get_task_factory reports the factory; 3.11 has no eager_task_factory.
import asyncio


async def quick(tag):
    print("quick runs", tag, asyncio.current_task().get_name())
    return tag


async def waits(tag):
    print("waits starts", tag)
    await asyncio.sleep(0.1)
    return tag


async def main():
    loop = asyncio.get_running_loop()
    print("factory before:", loop.get_task_factory())
    if not hasattr(asyncio, "eager_task_factory"):
        print("no eager_task_factory")
        return
    loop.set_task_factory(asyncio.eager_task_factory)
    print("factory set:", loop.get_task_factory() is asyncio.eager_task_factory)
    t1 = asyncio.create_task(quick("a"))
    print("t1 done at once:", t1.done(), t1.get_name())
    t2 = asyncio.create_task(quick("b"), name="named-b")
    print("t2:", t2.done(), t2.get_name())
    t3 = loop.create_task(waits("c"), name="named-c")
    print("t3:", t3.done(), t3.get_name())
    print("results:", await t1, await t2, await t3)
    loop.set_task_factory(None)
    print("factory after:", loop.get_task_factory())
    t4 = asyncio.create_task(quick("d"))
    print("t4 done at once:", t4.done())
    await t4


if __name__ == "__main__":
    asyncio.run(main())
