import asyncio


async def main():
    fut = asyncio.get_running_loop().create_future()
    await fut
