# set and frozenset: CPython's table order for ints, bools, floats, tuples; algebra order.
{1, 2, 3}
{3, 2, 1}
{5, 3, 1, 100, -1, 8, 16}
{16, 8, 0}
{100, 200, 300, 7, 8}
{-5, -1, -2, 4}
{1.5, 2.5, 0.5}
{1, 1.0, True}
{True, 1}
{0, False, 0.0}
{(1, 2), (3, 4), (1,)}
{None, 1}
{2 ** 40, 2 ** 41, 3}
{1000000, 7, 63, 64, 65}
set(range(20))
set(range(20, 0, -1))
set(range(0, 100, 7))
set([9, 1, 17, 25, 33])
set([8, 16, 24, 32, 40, 48])
set()
frozenset()
frozenset([3, 1, 2])
frozenset({5: 1, 3: 2})
set('a')
{1, 2} | {3}
{3} | {1, 2}
{1, 2, 3} & {2, 3, 4}
{20, 10, 30} & {30, 10}
{1, 2, 3} - {2}
set(range(20)) - {5}
{1, 2, 3} - set(range(20))
{1, 2} ^ {2, 3}
{10, 20, 30} ^ {5, 20}
{1} | [2]
{1} & frozenset([1, 2])
frozenset([1, 2]) | {3}
type(frozenset([1]) | {2})
type({2} | frozenset([1]))
s = {1, 2, 3} ;; s.add(4) ;; s.add(2) ;; s
s = {1, 2, 3} ;; s.discard(2) ;; s.discard(9) ;; s
s = {1, 2, 3} ;; s.remove(2) ;; s
{1}.remove(9)
{1}.add([])
s = {1, 2, 3} ;; (s.pop(), s.pop(), s)
set().pop()
s = set(range(10)) ;; s.pop() ;; s.pop() ;; s.add(100) ;; s
s = {1, 2, 3} ;; s.discard(1) ;; s.add(9) ;; s
s = set(range(8)) ;; s.discard(3) ;; s.add(11) ;; s
s = {1} ;; s.update([5, 3], (2,)) ;; s
s = {1, 2, 3} ;; s.clear() ;; s
{1, 2}.union([3], (4,))
{1, 2, 3}.intersection([2, 3, 9])
{1, 2, 3}.intersection([2], [2, 3])
{1, 2, 3}.difference([2])
{1, 2, 3}.difference([2], [3])
{1, 2, 3}.symmetric_difference([3, 4])
s = {1, 2, 3} ;; s.intersection_update([2, 3, 4]) ;; s
s = {1, 2, 3} ;; s.difference_update([1]) ;; s
s = {1, 2, 3} ;; s.symmetric_difference_update([3, 4]) ;; s
s = set(range(40)) ;; s.difference_update(range(5, 40)) ;; s
s = set(range(40)) ;; s -= set(range(5, 40)) ;; s.add(64) ;; s
s = {1, 2} ;; s |= {3} ;; s &= {2, 3} ;; s
s = {1, 2} ;; s ^= {2, 5} ;; s
s = {1, 2} ;; s -= {1} ;; s
{1, 2}.issubset([1, 2, 3])
{1, 4}.issubset({1, 2})
{1, 2, 3}.issuperset([1])
{1}.isdisjoint([2])
{1}.isdisjoint({1})
{1, 2} < {1, 2, 3}
{1, 2} <= {1, 2}
{1, 2} < {1, 2}
{1, 2, 3} > {1}
{1} == frozenset([1])
{1} != {2}
{1} < [1]
1 in {1, 2}
1.0 in {1, 2}
[] in {1}
len({1, 2, 3})
hash(frozenset())
hash(frozenset([1, 2]))
hash(frozenset([1, 2, 3])) == hash(frozenset([3, 2, 1]))
hash(frozenset(range(10)))
hash({1})
{frozenset([1]): 'a'}
{frozenset([1]), frozenset([2])}
list({3, 1, 2})
sorted({3, 1, 2})
s = {1, 2} ;; it = iter(s) ;; s.add(3) ;; next(it)
{1, 2}.copy()
frozenset([1]).copy()
set({1: 2, 3: 4})
set(5)
bool(set())
{1}.nosuch
