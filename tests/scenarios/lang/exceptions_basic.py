# try/except/else/finally, exception matching by class and tuple, bare except, as-binding.
import asyncio

def risky(n):
    if n == 0:
        raise ValueError("zero")
    if n == 1:
        return {}["missing"]
    if n == 2:
        return [][3]
    return 10 // (n - 3)

async def main():
    for n in range(5):
        try:
            r = risky(n)
        except ValueError as e:
            print("value", e)
        except (KeyError, IndexError) as e:
            print("lookup", type(e).__name__, e)
        except Exception as e:
            print("other", repr(e))
        else:
            print("ok", r)
        finally:
            print("finally", n)
    try:
        raise RuntimeError("x")
    except:
        print("bare except")


if __name__ == "__main__":
    asyncio.run(main())
