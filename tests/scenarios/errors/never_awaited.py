# Coroutine objects dropped without ever running: CPython's "coroutine ... was never
# awaited" RuntimeWarning on stderr (located at the running line, once per message and
# line as the default warnings filter shows it); closed or awaited ones say nothing.
# never_awaited.stderr is CPython 3.13's stderr with the script path made relative, as
# tasklensd prints the path it was given.
import asyncio


async def job():
    return 1


def forget():
    job()


async def main():
    forget()
    for _ in range(3):
        job()
    c = job()
    c.close()
    await job()
    print("done")


if __name__ == "__main__":
    asyncio.run(main())
