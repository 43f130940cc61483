# Lesson: asyncio.wait_for() changed in 3.12: a coroutine now runs inside the caller's
# task, under an asyncio.timeout(), instead of in a task of its own.
#
# In 3.11 wait_for() wraps the coroutine in a new task (Task-2) with its own timer; at the
# deadline it cancels Task-2 and waits for it. From 3.12 it is `async with timeout():
# await coro` in the caller (Task-1): the deadline cancels Task-1 itself, the coroutine
# sees that CancelledError, and Timeout-1 exits. The coroutine here swallows the cancel
# and returns late, so in both cases wait_for() returns its result — but the trace shows
# who was cancelled: Task-2 in 3.11, Task-1 (with a Timeout scope) in 3.12 and later.
import asyncio


async def stubborn():
    me = asyncio.current_task()
    try:
        await asyncio.sleep(10)
    except asyncio.CancelledError:
        print("stubborn runs in", me.get_name(), "and swallows the cancel")
    await asyncio.sleep(0.5)
    return "late result"


async def main():
    try:
        r = await asyncio.wait_for(stubborn(), timeout=1)
        print("wait_for returned", r)
    except TimeoutError:
        print("wait_for raised TimeoutError")
