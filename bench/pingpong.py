# Cancellation workload (issue 8): two tasks play a 50,000-round cancel/uncancel
# ping-pong: each catches the CancelledError it is sent, uncancels it and cancels the
# other. Runs unchanged under CPython.
import asyncio

ROUNDS = 50000


async def player(name, peers, count, over):
    me = asyncio.current_task()
    hits = 0
    while True:
        try:
            await asyncio.sleep(3600)
        except asyncio.CancelledError:
            me.uncancel()
            hits += 1
            count[0] += 1
            if count[0] >= ROUNDS:
                over.set()
                return hits
            peers["b" if name == "a" else "a"].cancel()


async def main():
    peers = {}
    count = [0]
    over = asyncio.Event()
    peers["a"] = asyncio.create_task(player("a", peers, count, over))
    peers["b"] = asyncio.create_task(player("b", peers, count, over))
    await asyncio.sleep(0)
    peers["a"].cancel()
    await over.wait()
    # The player that did not make the last hit is still asleep: its final cancel ends it.
    for t in peers.values():
        if not t.done():
            t.cancel()
    a = await peers["a"]
    b = await peers["b"]
    print("pingpong", a, b, count[0])


if __name__ == "__main__":
    asyncio.run(main())
