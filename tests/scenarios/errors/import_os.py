import asyncio
import os


async def main():
    pass
