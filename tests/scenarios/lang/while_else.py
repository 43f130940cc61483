# while loops with else, break and continue.
import asyncio

async def main():
    n = 0
    while n < 5:
        n += 1
        if n == 2:
            continue
        print("n", n)
    else:
        print("while finished without break")
    k = 0
    while True:
        k += 1
        if k > 3:
            break
    else:
        print("not printed")
    print("k", k)


if __name__ == "__main__":
    asyncio.run(main())
