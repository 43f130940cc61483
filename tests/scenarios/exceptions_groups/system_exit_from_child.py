# A child raising SystemExit: it escapes the event loop (not grouped, not caught by main);
# asyncio.run then cancels the still pending main task, so exit reports "cancelled".
import asyncio


async def quitter():
    await asyncio.sleep(1)
    raise SystemExit(3)


async def main():
    asyncio.create_task(quitter())
    await asyncio.sleep(5)
    print("not reached")


if __name__ == "__main__":
    asyncio.run(main())
