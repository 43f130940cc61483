import asyncio


async def main():
    # Each pass doubles the string: the allocation that would leave the heap far above
    # --max-heap is refused, and the run ends with the heap-limit error event.
    s = "ab"
    while True:
        s = s + s
