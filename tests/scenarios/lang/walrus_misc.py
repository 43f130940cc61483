# Walrus, pass, ellipsis statements, conditional imports of names, nested functions returning closures.
import asyncio

def gen_lines():
    data = ["a", "bb", "", "ccc"]
    i = 0
    while (line := data[i]) != "":
        yield line
        i += 1

async def main():
    print(list(gen_lines()))
    if (n := len("hello")) > 3:
        print("long", n)
    pass
    ...
    def adder(k):
        return lambda v: v + k
    print(adder(2)(3), [adder(i)(10) for i in range(3)])


if __name__ == "__main__":
    asyncio.run(main())
