# A nested async context manager raises from __aexit__ while a child failed: both errors
# in one group, the parent's cancel count back to 0. Port of
# test_taskgroup_context_manager_exit_raises (test_taskgroups.py), class-based.
import asyncio


class CustomException(Exception):
    pass


async def raise_exc():
    raise CustomException


class Database:
    async def __aenter__(self):
        return self

    async def __aexit__(self, exc_type, exc, tb):
        raise CustomException


async def inner():
    task = asyncio.current_task()
    try:
        async with asyncio.TaskGroup() as tg:
            async with Database():
                tg.create_task(raise_exc())
                await asyncio.sleep(1)
    except* CustomException as err:
        print("cancelling:", task.cancelling(), "errors:", len(err.exceptions))


async def main():
    await asyncio.create_task(inner())


if __name__ == "__main__":
    asyncio.run(main())
