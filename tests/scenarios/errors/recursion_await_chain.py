import asyncio


async def down(n):
    return await down(n + 1)


async def main():
    await down(0)
