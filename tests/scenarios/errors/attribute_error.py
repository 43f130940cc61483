import asyncio


async def main():
    value = None
    value.missing_attribute
