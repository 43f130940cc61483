import asyncio


async def helper():
    pass
