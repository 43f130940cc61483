import asyncio
from collections import deque


async def main():
    pass
