# A child cancels the main task: the run ends with exit status "cancelled".
import asyncio


async def main():
    me = asyncio.current_task()

    async def killer():
        await asyncio.sleep(1)
        me.cancel("from child")

    asyncio.create_task(killer())
    await asyncio.sleep(5)
    print("not reached")


if __name__ == "__main__":
    asyncio.run(main())
