# str methods and operations: split, join, replace, strip, find, formatting, slicing.
import asyncio

async def main():
    s = "  Hello, World  "
    t = s.strip()
    print(t, t.lower(), t.upper(), t.split(", "), "-".join(["a", "b", "c"]))
    print(t.replace("l", "L"), t.find("World"), t.startswith("He"), t.endswith("x"))
    print(t[0], t[-1], t[2:5], t[::-1], t[::2], len(t))
    print("a,b,,c".split(","), "x".center(5, "*"), "ab" * 3, "b" in "abc")
    print("%s=%d (%.2f)" % ("k", 7, 2.5), "{}-{}".format(1, 2), "{x}".format(x=3))
    print(repr("quote's"), repr('dq"'), str(12), ord("A"), chr(66))


if __name__ == "__main__":
    asyncio.run(main())
