import asyncio


async def main():
    print("café")
