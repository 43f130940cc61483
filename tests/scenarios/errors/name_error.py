import asyncio


async def main():
    print(undefined_name)
