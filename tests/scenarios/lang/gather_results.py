# asyncio.gather collects results in order; return_exceptions.
import asyncio

async def job(i):
    await asyncio.sleep(0.1 * (3 - i))
    if i == 1:
        raise ValueError("job 1 failed")
    return i

async def main():
    print(await asyncio.gather(job(0), job(2)))
    print(await asyncio.gather(job(0), job(1), job(2), return_exceptions=True))
    try:
        await asyncio.gather(job(1), job(0))
    except ValueError as e:
        print("gather raised", e)


if __name__ == "__main__":
    asyncio.run(main())
