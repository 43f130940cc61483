# A task raising SystemExit (tests/scenarios/exceptions_groups/system_exit_from_child.py):
# it escapes the loop, asyncio.run cancels main, and the session must end cleanly with
# the same trace as CPython (expected: python3.1x tests/conformance/tracer.py FILE).
import asyncio


async def quitter():
    await asyncio.sleep(1)
    raise SystemExit(3)


async def main():
    asyncio.create_task(quitter())
    await asyncio.sleep(5)
    print("not reached")


if __name__ == "__main__":
    asyncio.run(main())
