import asyncio


async def main():
    # Grows a list of lists without bound: --max-heap must stop it with an error event.
    x = []
    while True:
        x.append([0] * 1000)
