# What becomes a print event: one per print() call or sys.stdout.write(), text minus one
# final newline (sep/end applied, embedded newlines kept); stderr output is not traced.
import asyncio
import sys


async def main():
    print("a", "b", sep="-")
    print("no newline", end="")
    print("two\nlines")
    print()
    await asyncio.sleep(0.25)
    print("to stdout explicitly", file=sys.stdout)
    sys.stdout.write("raw write\n")
    print("to stderr", file=sys.stderr)


if __name__ == "__main__":
    asyncio.run(main())
