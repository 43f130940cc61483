import asyncio


def main():
    print("sync")
