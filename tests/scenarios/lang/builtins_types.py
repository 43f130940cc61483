# type introspection: type(), isinstance with tuples, issubclass, callable, id/hash consistency, repr of types.
import asyncio

class A: pass
class B(A): pass

async def main():
    print(type(1).__name__, type("s").__name__, type([]).__name__, type(None).__name__, type(1.0).__name__)
    print(isinstance(1, (str, int)), isinstance(True, int), isinstance(B(), A), issubclass(bool, int))
    print(callable(len), callable(1), callable(A), callable(lambda: 0))
    x = object()
    print(id(x) == id(x), hash(1) == hash(1.0), hash("a") == hash("a"))
    print(int, str, A.__name__, B.__mro__ == (B, A, object))
    print(repr(None), repr(True), str(False), repr(1.0), repr(10**15 * 1.0), repr(1e16))


if __name__ == "__main__":
    asyncio.run(main())
