# Classes: __init__, methods, class attributes, instance attributes, __repr__/__str__.
import asyncio

class Point:
    dims = 2
    def __init__(self, x, y):
        self.x = x
        self.y = y
    def norm2(self):
        return self.x * self.x + self.y * self.y
    def __repr__(self):
        return f"Point({self.x}, {self.y})"
    def __str__(self):
        return f"({self.x}, {self.y})"

async def main():
    p = Point(3, 4)
    print(p, repr(p), [p], p.norm2(), Point.dims, p.dims)
    p.z = 5
    print(p.z, hasattr(p, "z"), hasattr(p, "w"), getattr(p, "w", "default"))
    print(type(p).__name__, isinstance(p, Point))


if __name__ == "__main__":
    asyncio.run(main())
