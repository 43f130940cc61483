# cancel('my message') before the task ever ran: the CancelledError carries the message.
# Port of test_task_cancel_message_getter (test_tasks.py).
import asyncio


async def coro():
    pass


async def main():
    t = asyncio.create_task(coro())
    t.cancel("my message")
    try:
        await t
    except asyncio.CancelledError as e:
        print("args:", e.args)


if __name__ == "__main__":
    asyncio.run(main())
