# A CancelledError subclass leaves the expired block: 3.11/3.12 convert only the exact
# class (the subclass passes), 3.13 converts subclasses into TimeoutError too.
import asyncio


class MyCancelled(asyncio.CancelledError):
    pass


async def main():
    try:
        async with asyncio.timeout(0.01):
            try:
                await asyncio.sleep(1)
            except asyncio.CancelledError:
                raise MyCancelled()
    except TimeoutError as e:
        print("TimeoutError from", type(e.__cause__).__name__)
    except MyCancelled:
        print("MyCancelled passed; cancelling", asyncio.current_task().cancelling())
