# main() raising ends the run with exit status "exception".
import asyncio


async def main():
    await asyncio.sleep(1)
    print("about to fail")
    raise RuntimeError("main failed")


if __name__ == "__main__":
    asyncio.run(main())
