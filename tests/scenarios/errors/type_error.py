import asyncio


async def main():
    x = "a" + 1
