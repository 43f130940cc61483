# Data-model dunders dispatched from builtins: __eq__, __lt__, __hash__, __len__, __add__, __bool__, __iter__, __getitem__, __contains__.
import asyncio

class V:
    def __init__(self, *xs):
        self.xs = list(xs)
    def __eq__(self, other):
        return isinstance(other, V) and self.xs == other.xs
    def __hash__(self):
        return hash(tuple(self.xs))
    def __lt__(self, other):
        return sum(self.xs) < sum(other.xs)
    def __len__(self):
        return len(self.xs)
    def __add__(self, other):
        return V(*(self.xs + other.xs))
    def __iter__(self):
        return iter(self.xs)
    def __getitem__(self, i):
        return self.xs[i]
    def __contains__(self, x):
        return x in self.xs
    def __repr__(self):
        return "V" + repr(tuple(self.xs))

async def main():
    a, b = V(1, 2), V(3)
    print(a == V(1, 2), a != b, len(a + b), list(a + b), a[1], 2 in a, 5 in a)
    print(sorted([V(9), V(1, 1), V(5)]), bool(V()), bool(a))
    print(len({a, V(1, 2), b}))


if __name__ == "__main__":
    asyncio.run(main())
