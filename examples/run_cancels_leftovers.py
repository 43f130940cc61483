# Lesson: when main() returns, asyncio.run() cancels every task still pending, and their
# cleanup runs then — after your program "ended".
#
# `heartbeat` loops forever and nobody awaits it. main returns at t=0.25; asyncio.run's
# _cancel_all_tasks cancels the heartbeat (by nobody: the runner is not a task) and runs
# the loop until it is done, so its `finally` prints after main's last line. A task that
# swallowed this cancel would keep asyncio.run waiting until it returned.
import asyncio


async def heartbeat():
    try:
        while True:
            await asyncio.sleep(0.1)
            print("beat")
    finally:
        print("heartbeat cleaned up by asyncio.run")


async def main():
    asyncio.create_task(heartbeat())
    await asyncio.sleep(0.25)
    print("main returns")
