# str: repr quoting and escaping, indexing by code point, methods, % and str.format.
'abc'
"it's"
'say "hi"'
'both \' and "'
'tab\there'
'new\nline'
'back\\slash'
'\x00\x01\x1f\x7f'
'\x80\x9f\xa0\xad'
'é€😀'
'\u2028\u200b\u3000\ufeff'
'\ue000'
'日本語'
''
str('abc')
str(None)
str(1.5)
str([1, 'a'])
str(('a',))
repr('a\'b"c')
ascii('é€😀a')
ascii(['é'])
len('abc')
len('é€😀')
len('')
'abc'[0]
'abc'[-1]
'abc'[3]
'abc'[-4]
'é€😀'[1]
'é€😀'[-1]
'abcdef'[1:4]
'abcdef'[::2]
'abcdef'[::-1]
'abcdef'[-2:]
'abcdef'[10:]
'abcdef'[4:1]
'abcdef'[4:1:-1]
'é€😀x'[1:3]
'é€😀x'[::-1]
'abc'['a']
'abc'[1.5]
'abc'[::0]
'a' + 'b'
'a' + 1
'ab' * 3
3 * 'ab'
'ab' * 0
'ab' * -2
'ab' * 'c'
'ab' * 1.5
'a' < 'b'
'abc' < 'abd'
'ab' < 'abc'
'B' < 'a'
'é' > 'z'
'a' == 'a'
'a' in 'cat'
'at' in 'cat'
'' in 'cat'
1 in 'cat'
'a' not in 'cat'
','.join(['a', 'b', 'c'])
''.join([])
', '.join(('x',))
'-'.join('abc')
','.join([1, 2])
','.join(5)
'a b  c'.split()
'  a b  c  '.split()
'a,b,,c'.split(',')
'a,b,,c'.split(',', 1)
'a b c d'.split(None, 2)
'a b c d'.split(maxsplit=1)
'a,b,c'.split(sep=',', maxsplit=1)
'abc'.split('')
''.split()
''.split(',')
'a b c d'.rsplit(None, 2)
'a,b,c,d'.rsplit(',', 2)
'a,b,c'.rsplit(',')
'  a  b  '.rsplit(maxsplit=1)
'a\tb\nc\x1cd'.split()
'  hi  '.strip()
'  hi  '.lstrip()
'  hi  '.rstrip()
'xxhixx'.strip('x')
'abchiab'.strip('abc')
'hi'.strip(None)
'a'.strip(1)
'\t\n hi \x0b'.strip()
'hello'.startswith('he')
'hello'.startswith(('x', 'he'))
'hello'.startswith('lo', 3)
'hello'.endswith('lo')
'hello'.endswith(('x', 'y'))
'hello'.endswith('ell', 0, 4)
'hello'.startswith(1)
'hello'.startswith(('a', 1))
'hello'.find('l')
'hello'.rfind('l')
'hello'.find('z')
'hello'.find('l', 3)
'hello'.find('l', -2)
'hello'.find('')
'hello'.find('', 10)
'héllo'.find('l')
'hello'.index('e')
'hello'.index('z')
'hello'.rindex('l')
'hello'.count('l')
'hello'.count('')
'aaaa'.count('aa')
'hello'.count('l', 3)
'hello'.replace('l', 'L')
'hello'.replace('l', 'L', 1)
'abc'.replace('', '-')
'abc'.replace('', '-', 2)
'hello'.replace('x', 'y')
'hello'.replace(1, 2)
'Hello World'.upper()
'Hello World'.lower()
'hello world'.title()
"they're bill's friends".title()
'hELLO wORLD'.capitalize()
'Hello'.swapcase()
'éa'.upper()
'ÉA'.lower()
'hello'.capitalize()
'123'.isdigit()
'12a'.isdigit()
''.isdigit()
'abc'.isalpha()
'ab1'.isalpha()
'ab1'.isalnum()
' \t\n'.isspace()
''.isspace()
'ABC'.isupper()
'AbC'.isupper()
'abc'.islower()
'Hello World'.istitle()
'hello'.isidentifier()
'1abc'.isidentifier()
'abc'.isascii()
'é'.isascii()
'42'.zfill(5)
'-42'.zfill(5)
'+42'.zfill(2)
'abc'.center(7)
'abc'.center(6, '*')
'abc'.center(8, '*')
'ab'.center(5, '*')
'ab'.center(7, '*')
'abc'.ljust(6, '.')
'abc'.rjust(6)
'abc'.rjust(2)
'abc'.center(6, 'ab')
'a=b=c'.partition('=')
'abc'.partition('=')
'a=b=c'.rpartition('=')
'abc'.rpartition('=')
'abc'.partition('')
'a\nb\r\nc\rd'.splitlines()
'a\nb\r\nc\rd\n'.splitlines(True)
''.splitlines()
'a\n\nb'.splitlines()
'prefix_name'.removeprefix('prefix_')
'name.py'.removesuffix('.py')
'a\tb'.expandtabs(4)
'%s' % 'x'
'%s and %s' % (1, 'a')
'%r' % 'x'
'%d' % 42
'%d' % 3.9
'%d' % True
'%5d|' % 42
'%-5d|' % 42
'%05d' % -42
'%+d' % 5
'% d' % 5
'%x %X %o' % (255, 255, 8)
'%#x %#X %#o' % (255, 255, 8)
'%.3d' % 5
'%f' % 3.14159
'%.2f' % 2.675
'%5.1f|' % 3.14159
'%-8.3f|' % 3.14159
'%08.3f' % -3.14159
'%e' % 1234.5
'%.2E' % 0.000123
'%g' % 0.00001
'%g' % 123456789
'%G' % 1e-10
'%.3g' % 3.14159
'%#g' % 1.0
'%c' % 65
'%c' % 'z'
'%%' % ()
'100%%' % ()
'%s' % (1, 2)
'%s %s' % (1,)
'%d' % 'a'
'%x' % 1.5
'%f' % 'a'
'%q' % 1
'%' % ()
'%(a)s-%(b)d' % {'a': 'x', 'b': 2}
'%s' % {'a': 1}
'%s' % [1, 2]
'%s' % ((1, 2),)
'%*d' % (5, 42)
'%.*f' % (2, 3.14159)
'%5s|%-5s|' % ('ab', 'cd')
'%.2s' % 'abcdef'
'%r' % 'é'
'%a' % 'é'
'%i %u' % (1, 2)
'%f' % float('inf')
'%5.1f' % float('nan')
'{}'.format(1)
'{} {}'.format(1, 'a')
'{0} {1} {0}'.format('a', 'b')
'{x} {y}'.format(x=1, y=2)
'{0[1]}'.format([1, 2])
'{0[a]}'.format({'a': 5})
'{0.real}'.format(3)
'{:>5}|'.format('ab')
'{:*^9}'.format('mid')
'{:.2f}'.format(3.14159)
'{0:{1}}|'.format('a', 4)
'{:{}}|'.format('a', 4)
'{!r}'.format('x')
'{!s}'.format('x')
'{!a}'.format('é')
'{{}} {}'.format(1)
'{}'.format()
'{0}{}'.format(1, 2)
'{}{0}'.format(1, 2)
'{x}'.format()
'{'.format()
'}'.format()
'{!x}'.format(1)
'{:d}'.format('a')
'{0:,}'.format(1234567)
'{:%}'.format(0.25)
'{a}'.format_map({'a': 1})
'a'.nosuch
