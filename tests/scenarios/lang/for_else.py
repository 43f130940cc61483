# for loops over lists, ranges, strings and dicts; else, break, continue, nested loops.
import asyncio

async def main():
    for i in range(3):
        print("i", i)
    else:
        print("done")
    for ch in "hey":
        if ch == "e":
            continue
        print(ch)
    for x in [10, 20, 30]:
        if x == 20:
            print("found", x)
            break
    else:
        print("not found")
    total = 0
    for i in range(4):
        for j in range(4):
            if j > i:
                break
            total += i * j
    print("total", total)
    for k, v in {"a": 1, "b": 2}.items():
        print(k, v)
    for i, (a, b) in enumerate([(1, 2), (3, 4)]):
        print(i, a + b)


if __name__ == "__main__":
    asyncio.run(main())
