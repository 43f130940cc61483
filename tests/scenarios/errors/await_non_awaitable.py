import asyncio


async def main():
    await 5
