import asyncio


async def inner():
    await asyncio.sleep(0.5)
    raise ValueError("bad value")


async def main():
    try:
        await inner()
    except ValueError as e:
        raise RuntimeError("wrapped") from e
