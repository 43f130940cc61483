# test_wait_errors / test_wait_invalid_args (test_tasks.py): an empty set is a ValueError and
# a coroutine a TypeError, both raised when wait() is awaited; a repeated future counts once.
import asyncio


async def noop():
    return 0


async def main():
    try:
        await asyncio.wait([])
    except ValueError as exc:
        print("ValueError:", exc.args[0])
    coro = noop()
    try:
        await asyncio.wait([coro])
    except TypeError as exc:
        print("TypeError:", exc.args[0])
    await coro
    t = asyncio.create_task(noop())
    done, pending = await asyncio.wait([t, t])
    print("duplicates:", len(done), len(pending))
