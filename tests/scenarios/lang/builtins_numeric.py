# Numeric builtins: abs, round, divmod, pow, sum, int/float conversion, floor division and modulo signs.
import asyncio

async def main():
    print(abs(-3), abs(-2.5), round(2.675, 2), round(3.5), round(4.5), round(7), divmod(17, 5), divmod(-17, 5))
    print(pow(2, 10), 2 ** -1, sum([1, 2, 3]), sum([0.1] * 3), sum([[1], [2]], []))
    print(int("42"), int(3.9), int(-3.9), float("1.5"), float(2), int(True), bool(0), bool("0"))
    print(7 // 2, -7 // 2, 7 % 3, -7 % 3, 7 % -3, 7.5 // 2, -7.5 % 2)
    print(10 / 4, 1 / 3, 2 ** 62, 1e300 * 10, -1e300 * 10, 0.1 * 3)
    print(hex(255), oct(8), bin(5), 0x1F, 0o17, 0b101, 1_000_000)
    print(max(1, 2.5), min(-1, -1.5), 3 == 3.0, 1 < 2 < 3, 3 > 2 > 2)


if __name__ == "__main__":
    asyncio.run(main())
