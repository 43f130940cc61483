# Recursive functions and mutual recursion.
import asyncio

def fact(n):
    return 1 if n <= 1 else n * fact(n - 1)

def is_even(n):
    return True if n == 0 else is_odd(n - 1)

def is_odd(n):
    return False if n == 0 else is_even(n - 1)

def hanoi(n, a, b, c, moves):
    if n:
        hanoi(n - 1, a, c, b, moves)
        moves.append((a, c))
        hanoi(n - 1, b, a, c, moves)
    return moves

async def main():
    print(fact(10), fact(20), is_even(50), is_odd(7), len(hanoi(6, "a", "b", "c", [])))


if __name__ == "__main__":
    asyncio.run(main())
