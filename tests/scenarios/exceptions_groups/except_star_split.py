# except* splits an ExceptionGroup raised by a TaskGroup by type; each handler sees its
# part. differs: 3.11/3.12 vs 3.13/3.14
import asyncio


async def fail(exc):
    await asyncio.sleep(0.1)
    raise exc


async def main():
    try:
        async with asyncio.TaskGroup() as tg:
            tg.create_task(fail(ValueError("v")))
            tg.create_task(fail(KeyError("k")))
            tg.create_task(fail(ValueError("w")))
    except* ValueError as eg:
        print("ValueErrors:", [repr(e) for e in eg.exceptions])
    except* KeyError as eg:
        print("KeyErrors:", [repr(e) for e in eg.exceptions])


if __name__ == "__main__":
    asyncio.run(main())
