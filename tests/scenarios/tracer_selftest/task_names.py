# Task names: name= takes no Task-N number; 3.11's TaskGroup.create_task(name=) creates the
# task as Task-N (number used up) and renames it; set_name applies to later events.
import asyncio


async def job():
    await asyncio.sleep(0.1)
    return asyncio.current_task().get_name()


async def main():
    a = asyncio.create_task(job(), name="alpha")
    b = asyncio.create_task(job())
    async with asyncio.TaskGroup() as tg:
        c = tg.create_task(job(), name="gamma")
        d = tg.create_task(job())
    b.set_name("renamed-b")
    print(await a, await b, c.get_name(), d.get_name())
    print("cancel done task ->", b.cancel())
    e = asyncio.create_task(job())
    print("next unnamed:", await e)


if __name__ == "__main__":
    asyncio.run(main())
