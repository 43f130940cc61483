import asyncio


async def main():
    await asyncio.sleep(0.1)
    print([1, 2][5])
