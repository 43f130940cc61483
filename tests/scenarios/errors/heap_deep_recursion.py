import asyncio


def down(n, pad):
    # Every level keeps a large list alive: the heap limit is reached long before the
    # recursion limit.
    return down(n + 1, [n] * 100_000)


async def main():
    down(0, [])
