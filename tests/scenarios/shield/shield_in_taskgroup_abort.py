# A TaskGroup child awaiting a shielded task is cancelled when a sibling fails; the
# shielded task survives the group. differs: 3.11/3.12 vs 3.13/3.14
import asyncio


async def precious():
    await asyncio.sleep(2)
    print("precious finished")


async def child(p):
    await asyncio.shield(p)


async def failing():
    await asyncio.sleep(1)
    raise ValueError("boom")


async def main():
    p = asyncio.create_task(precious())
    try:
        async with asyncio.TaskGroup() as tg:
            tg.create_task(child(p))
            tg.create_task(failing())
    except ExceptionGroup as eg:
        print("group failed:", [repr(e) for e in eg.exceptions])
    await p
    print("precious survived")


if __name__ == "__main__":
    asyncio.run(main())
