# import forms: import x as y, from x import y; sys.version_info and time.monotonic on the loop clock.
import asyncio

import sys
import time
import asyncio as aio
from asyncio import sleep as nap, CancelledError

async def main():
    t0 = time.monotonic()
    await nap(1.5)
    print(round(time.monotonic() - t0, 1), sys.version_info[0], sys.version_info >= (3, 11))
    print(aio.sleep is nap, issubclass(CancelledError, BaseException))


if __name__ == "__main__":
    asyncio.run(main())
