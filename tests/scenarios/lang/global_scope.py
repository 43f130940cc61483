# Module-level code, globals read and written from functions, __name__ guard.
import asyncio

TOTAL = 0
NAMES = []

def add(n):
    global TOTAL
    TOTAL += n
    NAMES.append(n)

print("module level runs first")
for i in range(3):
    add(i)

async def main():
    add(10)
    print(TOTAL, NAMES)


if __name__ == "__main__":
    asyncio.run(main())
