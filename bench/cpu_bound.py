# CPU-bound scenario for the interpreter benchmark: nested loops, calls, list work, no
# awaits in the hot path. Compare: `time build/tasklensd run bench/cpu_bound.py` against
# `time python3.13 bench/cpu_bound.py`.
import asyncio


def score(i, j):
    return (i * 31 + j * 17) % 97


def build(n):
    out = []
    for i in range(n):
        row = []
        for j in range(n):
            row.append(score(i, j))
        out.append(row)
    return out


def total(rows):
    s = 0
    for row in rows:
        for v in row:
            if v > 50:
                s += v
            else:
                s -= 1
    return s


async def main():
    acc = 0
    for k in range(6):
        acc += total(build(300))
    print(acc)


if __name__ == "__main__":
    asyncio.run(main())
