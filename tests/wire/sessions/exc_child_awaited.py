# stopOnException, a child task's exception that main awaits and does not catch: the
# same exception object then ends main too; the session stops once, at the child's raise.
import asyncio


async def worker():
    await asyncio.sleep(1)
    raise KeyError("missing")


async def main():
    t = asyncio.create_task(worker())
    await t


if __name__ == "__main__":
    asyncio.run(main())
