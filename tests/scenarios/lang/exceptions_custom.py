# Exception subclasses with __init__, attributes, __str__, args.
import asyncio

class AppError(Exception):
    pass

class CodeError(AppError):
    def __init__(self, code, msg):
        super().__init__(msg)
        self.code = code

class Loud(Exception):
    def __str__(self):
        return "LOUD:" + str(self.args[0])

async def main():
    try:
        raise CodeError(404, "not found")
    except AppError as e:
        print(type(e).__name__, e.code, e, e.args, repr(e))
    print(str(Loud("x")), repr(AppError()), repr(AppError("a", 2)), AppError("a", 2).args)
    print(issubclass(CodeError, Exception), isinstance(CodeError(1, "m"), AppError))


if __name__ == "__main__":
    asyncio.run(main())
