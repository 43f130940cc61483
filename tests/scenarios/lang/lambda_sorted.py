# lambda, sorted with key and reverse, min/max with key.
import asyncio

async def main():
    words = ["pear", "fig", "banana", "kiwi"]
    print(sorted(words))
    print(sorted(words, key=len))
    print(sorted(words, key=lambda w: (len(w), w), reverse=True))
    print(min(words, key=len), max(words, key=lambda w: w[-1]))
    add = lambda a, b=10: a + b
    print(add(1), add(1, 2))
    print(list(map(lambda x: x * 2, [1, 2, 3])), list(filter(lambda x: x % 2, range(7))))


if __name__ == "__main__":
    asyncio.run(main())
