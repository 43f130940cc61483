import asyncio


def down(n):
    return down(n + 1)


async def main():
    down(0)
