# repr of floats and ints: shortest round-trip digits, exponents, big ints near 2**63.
import asyncio

async def main():
    vals = [0.1, 1/3, 2/3, 1e-5, 1.5e-7, 123456789012345.0, 1234567890123456789.0, 2.0**53, -0.5, 100.0, 1e22]
    print(vals)
    print(9223372036854775807, -9223372036854775807 - 1, 10**18, 7 * 6, 3.0 * 2, 9 / 3, 2**0.5)
    print(float("inf"), float("-inf"), float("nan"))


if __name__ == "__main__":
    asyncio.run(main())
