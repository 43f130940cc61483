import asyncio


def callback(fut):
    raise ValueError("boom in callback")


async def main():
    fut = asyncio.get_running_loop().create_future()
    fut.add_done_callback(callback)
    fut.set_result(1)
    await asyncio.sleep(0)
    print("main goes on")
