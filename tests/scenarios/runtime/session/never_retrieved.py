# A task fails and nobody awaits it: "Task exception was never retrieved"
# (diagnostic exception-never-retrieved).
import asyncio


async def boom():
    raise ValueError("lost")


async def main():
    asyncio.create_task(boom())
    await asyncio.sleep(0.1)
