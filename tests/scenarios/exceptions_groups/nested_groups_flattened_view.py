# A TaskGroup inside a TaskGroup: the outer group holds the inner ExceptionGroup as one
# member; except* matches through the nesting. differs: 3.11/3.12 vs 3.13/3.14
import asyncio


async def fail(exc, d):
    await asyncio.sleep(d)
    raise exc


async def inner_group():
    async with asyncio.TaskGroup() as tg:
        tg.create_task(fail(ValueError("deep"), 0.1))


async def main():
    try:
        async with asyncio.TaskGroup() as tg:
            tg.create_task(inner_group())
            tg.create_task(fail(KeyError("shallow"), 0.2))
    except* ValueError as eg:
        print("ValueError part:", repr(eg))
    except* KeyError as eg:
        print("KeyError part:", repr(eg))


if __name__ == "__main__":
    asyncio.run(main())
