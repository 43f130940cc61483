# A name a module lacks: getattr says which module (module_getattro), del says
# "'module' object" (the generic setattr path), a call through the name fails
# before any call is made, and getattr() words it as the attribute read does.
import asyncio
import sys


async def main():
    for f in (lambda: asyncio.no_such_name, lambda: sys.no_such_name, lambda: asyncio.no_such_fn(),
              lambda: getattr(asyncio, "no_such_name")):
        try:
            f()
        except AttributeError as e:
            print(type(e).__name__, e)
    try:
        del asyncio.no_such_name
    except AttributeError as e:
        print(type(e).__name__, e)
    print(getattr(asyncio, "no_such_name", "default"), hasattr(sys, "no_such_name"))
    print(asyncio.__name__, asyncio.sleep.__name__)


asyncio.run(main())
