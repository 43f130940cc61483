import asyncio


async def main():
    # A dict with ever more keys: stopped by --max-heap, not by the OS.
    d = {}
    i = 0
    while True:
        d[i] = str(i)
        i += 1
