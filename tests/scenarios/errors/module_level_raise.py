import asyncio

raise ValueError("at import")


async def main():
    pass
