# dict: ordering, Python key equality (1 == 1.0 == True), methods, views, errors.
{}
{'a': 1}
{'a': 1, 'b': [1, 2], 'c': {'d': None}}
{1: 'int', 1.0: 'float', True: 'bool'}
{True: 1, 1: 2}
{1.0: 'x', 1: 'y'}
{(1, 2): 'tuple'}
{[]: 1}
{None: 1, 0: 2, '': 3, (): 4}
d = {} ;; d['self'] = d ;; d
d = {'b': 1, 'a': 2} ;; d['c'] = 3 ;; d['b'] = 4 ;; d
d = {'a': 1, 'b': 2, 'c': 3} ;; del d['b'] ;; d['b'] = 5 ;; d
d = {'a': 1} ;; del d['z'] ;; d
{}['x']
{}[1]
{}[(1, 'a')]
{}[[]]
{'a': 1}['a']
{1: 'one'}[1.0]
{1: 'one'}[True]
d = {} ;; d[1.5] = 1 ;; d[3 / 2]
len({'a': 1, 'b': 2})
'a' in {'a': 1}
1 in {'a': 1}
[] in {'a': 1}
{'a': 1}.get('a')
{'a': 1}.get('z')
{'a': 1}.get('z', 0)
{}.get()
d = {'a': 1} ;; (d.setdefault('a', 5), d.setdefault('b', 6), d.setdefault('c'), d)
d = {'a': 1, 'b': 2} ;; (d.pop('a'), d)
d = {'a': 1} ;; (d.pop('z', 'dflt'), d)
{}.pop('z')
d = {'a': 1, 'b': 2} ;; (d.popitem(), d)
{}.popitem()
d = {'a': 1} ;; d.update({'b': 2}) ;; d.update([('c', 3)]) ;; d.update(d=4) ;; d
d = {'a': 1} ;; d.update(5) ;; d
d = {'a': 1} ;; d.update([1]) ;; d
d = {'a': 1} ;; d.update([(1, 2, 3)]) ;; d
{}.update([1], [2])
{'a': 1, 'b': 2}.keys()
{'a': 1, 'b': 2}.values()
{'a': 1, 'b': 2}.items()
{}.keys()
list({'a': 1, 'b': 2}.items())
'a' in {'a': 1}.keys()
('a', 1) in {'a': 1}.items()
('a', 2) in {'a': 1}.items()
1 in {'a': 1}.values()
len({'a': 1}.items())
{'a': 1}.keys() == {'a': 2}.keys()
d = {'a': 1} ;; k = d.keys() ;; d['b'] = 2 ;; k
d = {'a': 1, 'b': 2} ;; c = d.copy() ;; c['c'] = 3 ;; (d, c)
d = {'a': 1} ;; d.clear() ;; d
dict.fromkeys(['a', 'b'])
dict.fromkeys('ab', 0)
{}.fromkeys([1])
dict()
dict(a=1, b=2)
dict([('a', 1), ('b', 2)])
dict({'a': 1}, b=2)
dict(zip('ab', [1, 2]))
dict([1])
dict([(1, 2, 3)])
dict(1)
dict(1, 2)
{'a': 1} | {'b': 2}
{'a': 1, 'b': 2} | {'a': 3}
{'a': 1} | [('b', 2)]
d = {'a': 1} ;; d |= {'b': 2} ;; d |= [('c', 3)] ;; d
d = {'a': 1} ;; d |= 5 ;; d
{'a': 1} == {'a': 1}
{'a': 1, 'b': 2} == {'b': 2, 'a': 1}
{'a': 1} == {'a': 1.0}
{'a': 1} != {'a': 2}
{'a': 1} < {'a': 2}
{1: 'a'} == {True: 'a'}
list(reversed({'a': 1, 'b': 2}))
list(reversed({'a': 1, 'b': 2}.items()))
d = {'a': 1} ;; it = iter(d) ;; d['b'] = 2 ;; next(it)
d = {1: 2} ;; list(d)
{**{'a': 1}, 'b': 2}
hash({})
hash({}.keys())
bool({})
bool({0: 0})
sorted({'b': 1, 'a': 2})
min({'b': 1, 'a': 2})
{}.nosuch
