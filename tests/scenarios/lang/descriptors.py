# property (getter, setter, deleter, read-only errors), staticmethod and classmethod, on
# instances and on the class; output compared with CPython 3.13 by scenarios_lang.sh.
import asyncio


class Temperature:
    scale = "C"

    def __init__(self, c):
        self._c = c

    @property
    def celsius(self):
        return self._c

    @celsius.setter
    def celsius(self, value):
        if value < -273:
            raise ValueError("too cold")
        self._c = value

    @celsius.deleter
    def celsius(self):
        print("deleting")
        self._c = 0

    @property
    def kelvin(self):
        return self._c + 273

    @staticmethod
    def convert(c):
        return c * 9 // 5 + 32

    @classmethod
    def freezing(cls):
        return cls(0)

    @classmethod
    def describe(cls, suffix):
        return cls.__name__ + "/" + cls.scale + suffix


class Sub(Temperature):
    scale = "S"


async def main():
    t = Temperature(20)
    print(t.celsius, t.kelvin)
    t.celsius = 25
    print(t.celsius, t.kelvin)
    try:
        t.celsius = -300
    except ValueError as e:
        print("ValueError", e)
    try:
        t.kelvin = 5
    except AttributeError as e:
        print("AttributeError", e)
    del t.celsius
    print(t.celsius)
    print(Temperature.convert(100), t.convert(0))
    f = Temperature.freezing()
    print(type(f).__name__, f.celsius)
    print(Sub.freezing().__class__.__name__, Sub(1).describe("!"), Temperature.describe("?"))
    print(type(Temperature.__dict__["convert"]).__name__ if hasattr(Temperature, "__dict__") else "staticmethod")
    print(isinstance(Temperature.celsius, property))
    p = property(lambda self: 42)
    print(type(p).__name__)


asyncio.run(main())
