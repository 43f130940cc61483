# tuple, list, range and slice objects.
()
(1,)
(1, 2)
((),)
(1, 'a', None, 1.5, True)
[]
[1, [2, [3]]]
[1, 'a', (2,)]
l = [1, 2] ;; l.append(l) ;; l
t = ([],) ;; t[0].append(t) ;; t
len([1, 2, 3])
len(())
[1, 2] + [3]
(1,) + (2,)
[1] + (2,)
(1,) + [2]
[1, 2] * 2
2 * [0]
[1] * -1
[1] * 1.5
(1,) * 3
[1, 2] == [1, 2]
[1, 2] == (1, 2)
[1, 2] < [1, 3]
[1, 2] < [1, 2, 0]
[1, 'a'] < [1, 'b']
[1] < ['a']
(1, 2) > (1,)
(1, 2) <= (1, 2)
[float('nan')] == [float('nan')]
[1, 2, 3][1]
[1, 2, 3][-1]
[1, 2, 3][3]
[1, 2, 3][-4]
(1, 2)[5]
[1, 2]['a']
(1, 2)['a']
[1, 2][1.0]
[1, 2, 3, 4, 5][1:3]
[1, 2, 3, 4, 5][::2]
[1, 2, 3, 4, 5][::-1]
[1, 2, 3, 4, 5][-2:]
[1, 2, 3, 4, 5][:-2]
[1, 2, 3, 4, 5][4:1:-1]
[1, 2, 3, 4, 5][10:]
[1, 2, 3, 4, 5][-10:2]
[1, 2, 3, 4, 5][::0]
[1, 2, 3, 4, 5][1:4:2]
(1, 2, 3)[::-2]
[1, 2, 3][None:None:None]
[1, 2, 3][True]
l = [1, 2, 3] ;; l[0] = 9 ;; l
l = [1, 2, 3] ;; l[-1] = 9 ;; l
l = [1, 2, 3] ;; l[5] = 9 ;; l
l = [1, 2, 3, 4] ;; l[1:3] = ['a', 'b', 'c'] ;; l
l = [1, 2, 3, 4] ;; l[1:3] = [] ;; l
l = [1, 2, 3, 4] ;; l[::2] = ['x', 'y'] ;; l
l = [1, 2, 3, 4] ;; l[::2] = ['x'] ;; l
l = [1, 2, 3, 4] ;; l[0:1] = 5 ;; l
l = [1, 2, 3, 4] ;; l[2:2] = 'ab' ;; l
l = [1, 2, 3, 4] ;; del l[0] ;; l
l = [1, 2, 3, 4] ;; del l[::2] ;; l
l = [1, 2, 3, 4] ;; del l[1:3] ;; l
l = [1, 2, 3, 4] ;; del l[9] ;; l
l = [1, 2, 3, 4] ;; del l[::-1] ;; l
t = (1, 2) ;; t[0] = 5 ;; t
s = 'ab' ;; s[0] = 'x' ;; s
s = 'ab' ;; del s[0] ;; s
l = [] ;; l.append(1) ;; l.append('a') ;; l
l = [1] ;; l.extend([2, 3]) ;; l.extend((4,)) ;; l.extend('ab') ;; l
l = [1] ;; l.extend(5) ;; l
l = [1, 2] ;; l.insert(0, 'a') ;; l.insert(-1, 'b') ;; l.insert(99, 'c') ;; l.insert(-99, 'd') ;; l
l = [1, 2] ;; l.insert('a', 1) ;; l
l = [1, 2, 3] ;; (l.pop(), l)
l = [1, 2, 3] ;; (l.pop(0), l)
l = [1, 2, 3] ;; (l.pop(-2), l)
[].pop()
[1].pop(5)
l = [1, 2, 1] ;; l.remove(1) ;; l
[1].remove(2)
[1, 2, 3, 2].index(2)
[1, 2, 3, 2].index(2, 2)
[1, 2, 3].index(5)
[1, 2, 3].index(1, 1)
(1, 2, 3).index(3)
(1, 2).index(9)
[1, 2, 1, 1].count(1)
(1, 1.0, True).count(1)
[].count()
l = [3, 1, 2] ;; l.sort() ;; l
l = [3, 1, 2] ;; l.sort(reverse=True) ;; l
l = ['b', 'A', 'c'] ;; l.sort(key=str.lower) ;; l
l = ['bb', 'a', 'ccc', 'dd'] ;; l.sort(key=len) ;; l
l = ['bb', 'a', 'ccc', 'dd'] ;; l.sort(key=len, reverse=True) ;; l
l = [(1, 'b'), (0, 'z'), (1, 'a')] ;; l.sort() ;; l
l = [3, 1.5, True, 2] ;; l.sort() ;; l
l = [1, 'a'] ;; l.sort() ;; l
l = [3, 1] ;; l.sort(1) ;; l
l = [3, 1] ;; l.sort(foo=1) ;; l
l = [5, 2, 8, 1, 9, 3, 7, 4, 6, 0, 15, 12, 11, 19, 14, 13, 18, 17, 16, 10, 25, 21] ;; l.sort() ;; l
l = [(2, 'a'), (1, 'b'), (2, 'c'), (1, 'd'), (0, 'e')] ;; l.sort(key=lambda p: p[0]) ;; l
l = [1, 2, 3] ;; l.reverse() ;; l
l = [1, 2] ;; c = l.copy() ;; c.append(3) ;; (l, c)
l = [1, 2] ;; l.clear() ;; l
l = [1] ;; l += [2] ;; l += (3,) ;; l
l = [1] ;; m = l ;; m += [2] ;; l
l = [1] ;; l *= 3 ;; l
l = [1] ;; l += 5 ;; l
l = [1] ;; l *= 'a' ;; l
t = (1,) ;; t += (2,) ;; t
t = (1,) ;; t += [2] ;; t
1 in [1, 2]
'a' in (1, 2)
[] in [[]]
1.0 in [1]
list('abc')
list((1, 2))
list(range(3))
list({'a': 1, 'b': 2})
list(5)
tuple([1, 2])
tuple('ab')
tuple(None)
list()
tuple()
range(5)
range(1, 5)
range(0, 10, 2)
range(5, 0, -1)
range(0)
range(0, 1, 0)
range(1.5)
range()
list(range(5, 0, -2))
list(range(0, -5, -1))
len(range(0, 10, 3))
len(range(10, 0))
len(range(-5, 5, 2))
range(10)[3]
range(10)[-1]
range(10)[10]
range(0, 10, 2)[2:4]
range(0, 10, 2)[::-1]
range(10)[::3]
3 in range(0, 10, 3)
4 in range(0, 10, 3)
3.0 in range(5)
-1 in range(5)
range(0, 10, 2).index(4)
range(0, 10, 2).index(5)
range(0, 10, 2).count(4)
range(3) == range(3)
range(0) == range(5, 5)
range(0, 3, 2) == range(0, 4, 2)
range(1, 5).start
range(1, 5).stop
range(1, 5).step
hash(range(3)) == hash(range(0, 3))
bool(range(0))
list(reversed(range(1, 10, 3)))
slice(1, 2)
slice(3)
slice(1, 2, 3)
slice(None)
slice(1, 2).start
slice(1, 2).step
slice(1, 2) == slice(1, 2)
[1, 2, 3, 4][slice(1, 3)]
list(reversed([1, 2, 3]))
list(reversed((1, 2)))
list(reversed('abc'))
reversed(5)
list(enumerate('ab'))
list(enumerate('ab', 1))
list(enumerate('ab', start=10))
list(zip([1, 2, 3], 'ab'))
list(zip())
list(zip([1], [2], [3]))
list(zip([1, 2], [3], strict=True))
list(zip([1], [3, 4], strict=True))
list(zip([1], [2], [3, 4], strict=True))
list(zip([1, 2], [3, 4], strict=True))
list(zip(1, 2))
list(map(abs, [-1, 2, -3]))
list(map(lambda a, b: a + b, [1, 2], [10, 20, 30]))
list(filter(None, [0, 1, '', 'a', None]))
list(filter(lambda x: x % 2, range(6)))
it = iter([1, 2]) ;; (next(it), next(it), next(it, 'done'))
it = iter([]) ;; next(it)
next([1])
iter(5)
list(iter(lambda: 1, 1))
sorted([3, 1, 2])
sorted('bca')
sorted([3, 1, 2], reverse=True)
sorted(['bb', 'a', 'ccc'], key=len)
sorted([1, 'a'])
sorted([])
sorted([1], [2])
[].nosuch
