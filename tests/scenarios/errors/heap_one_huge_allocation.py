import asyncio


async def main():
    # One allocation far beyond --max-heap: refused at once, never handed to the OS.
    s = "a" * 10_000_000_000
    print(len(s))
