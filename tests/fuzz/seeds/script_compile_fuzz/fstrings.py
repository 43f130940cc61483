# f-strings: conversions, format specs, nested specs, = debugging.
import asyncio

async def main():
    n, f, s = 42, 3.14159, "hi"
    print(f"{n} {n:5d} {n:<5}| {n:^7} {n:08.3f} {n:x} {n:#o} {n:,}")
    print(f"{f:.3f} {f:10.2e} {f:%} {f!r} {s!r} {s!s} {'é'!a}")
    width = 6
    print(f"[{s:>{width}}] [{s:*^{width}}] {n=} {f = :.1f}")
    print(f"{'nested'} {[1, 2][0]} {{literal}} {n + 1}")
    print(f"{True} {None} {1e16} {0.1 + 0.2} {-0.0}")


if __name__ == "__main__":
    asyncio.run(main())
