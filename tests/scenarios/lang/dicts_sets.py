# dict and set operations: get, setdefault, pop, update, keys/values/items, set algebra.
import asyncio

async def main():
    d = {"a": 1, "b": 2}
    d["c"] = 3
    print(d, d.get("z"), d.get("z", 0), d.setdefault("e", 5), d.pop("a"), d)
    d.update({"b": 20}, f=6)
    print(list(d.keys()), list(d.values()), list(d.items()), "b" in d, len(d))
    del d["c"]
    print(d, dict(x=1), dict([("y", 2)]), {**d, "z": 0})
    s = {3, 1, 2}
    s.add(4); s.discard(1)
    print(sorted(s), sorted(s | {9}), sorted(s & {2, 3}), sorted(s - {2}), 3 in s)
    print(sorted({1, 2} ^ {2, 3}), set() == set(), frozenset([1]) == {1})


if __name__ == "__main__":
    asyncio.run(main())
