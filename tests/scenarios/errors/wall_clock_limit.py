import asyncio


async def main():
    n = 0
    while True:
        n += 1
