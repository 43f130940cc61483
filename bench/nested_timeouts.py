# Cancellation workload (issue 8): 20,000 rounds of nested asyncio.timeout blocks whose
# inner one expires (the outer ones must let the TimeoutError through untouched), on the
# virtual clock. Runs unchanged under CPython.
import asyncio

N = 20000


async def main():
    expired = 0
    outer_ok = 0
    for i in range(N):
        async with asyncio.timeout(100):
            async with asyncio.timeout(50):
                try:
                    async with asyncio.timeout(0.001):
                        await asyncio.sleep(1)
                except TimeoutError:
                    expired += 1
            outer_ok += 1
    print("nested_timeouts", expired, outer_ok)


if __name__ == "__main__":
    asyncio.run(main())
