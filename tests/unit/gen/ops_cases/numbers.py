# int, bool and float: arithmetic, comparison, hashing, rounding, conversions.
1 + 2
7 - 10
6 * 7
7 / 2
-7 / 2
1 / 3
7 // 2
-7 // 2
7 // -2
-7 // -2
7 % 3
-7 % 3
7 % -3
-7 % -3
2 ** 10
2 ** -1
(-2) ** 3
(-2) ** -2
0 ** 0
10 ** -2
1 << 10
-1 << 3
1024 >> 3
-1024 >> 3
-1 >> 100
5 & 3
5 | 3
5 ^ 3
~5
-(5)
+(-5)
1 // 0
1 % 0
1 / 0
1.0 / 0
1.0 // 0
1.0 % 0
0 ** -1
0.0 ** -1
1 << -1
9223372036854775807 + 1
-9223372036854775807 - 2
9223372036854775807 * 2
2 ** 63
2 ** 62
1 << 63
1 << 62
-(-9223372036854775807 - 1)
(-9223372036854775807 - 1) // -1
(-9223372036854775807 - 1) % -1
3000000000 * 3
True + True
True + 1
True * 2.5
True & False
True | False
True ^ True
True & 3
~True
-True
+True
not 0
True / 2
7 // True
1 - True
0.1 + 0.2
1.5 * 4
7.5 // 2
-7.5 // 2
7.5 % 2
-7.5 % 2
7.5 % -2
-0.0 % 5
5.0 % -0.5
1e308 * 10
-1e308 * 10
2.0 ** 0.5
2.0 ** -1
(-8.0) ** 3
(-2.0) ** 0.5
2.0 ** 10000
1.5 ** 2
0.0 ** 0
float('inf') - float('inf')
float('inf') * 0
float('nan') == float('nan')
float('nan') != float('nan')
float('nan') < 1
1 == 1.0
1 == True
0 == False
1.5 == 1
2 ** 53 == 2.0 ** 53
2 ** 53 + 1 == 2.0 ** 53
2 ** 53 + 1 > 2.0 ** 53
9007199254740993 < 9007199254740992.0
-1 < -0.5
3 < 3.5
3 <= 3.0
3 > float('-inf')
9223372036854775807 < 9223372036854775808.0
9223372036854775807 == 9223372036854775808.0
1 < 2 < 3
1 < 3 < 2
1 < 'a'
None < None
1 == 'a'
1 != 'a'
hash(0)
hash(1)
hash(-1)
hash(-2)
hash(2 ** 61 - 1)
hash(2 ** 61)
hash(2 ** 62)
hash(-2 ** 62)
hash(9223372036854775807)
hash(-9223372036854775807 - 1)
hash(True)
hash(False)
hash(None)
hash(1.0)
hash(1.5)
hash(-1.5)
hash(0.1)
hash(-0.0)
hash(1e100)
hash(1e-100)
hash(float('inf'))
hash(float('-inf'))
hash(2.0 ** 61)
hash(123456789.125)
hash(())
hash((1,))
hash((1, 2))
hash((1, 2, (3, 4)))
hash((None, True, 1.5))
hash(((),))
round(2.5)
round(3.5)
round(-2.5)
round(0.5)
round(1.5)
round(2.675, 2)
round(1.005, 2)
round(0.125, 2)
round(0.375, 2)
round(123.456, -1)
round(125.0, -1)
round(135.0, -1)
round(1234.5678, 3)
round(-1234.5678, 1)
round(1e300, 2)
round(5e-324, 400)
round(1.5, None)
round(1234, -2)
round(1250, -2)
round(1350, -2)
round(-1250, -2)
round(1234, 2)
round(7, -1)
round(float('inf'))
round(float('nan'))
round(float('inf'), 2)
round(0.0, 3)
round(-0.4)
round(-0.0, 1)
round(2.5, 0)
round(3.5, 0)
round('a')
round(1.5, 1.5)
int(3.9)
int(-3.9)
int(1e18)
int(1e19)
int(float('inf'))
int(float('nan'))
int('12')
int(' -3 ')
int('+7')
int('ff', 16)
int('FF', 16)
int('0x10', 0)
int('0o17', 0)
int('0b101', 0)
int('0x10', 16)
int('10', 2)
int('z', 36)
int('1_000')
int('1__000')
int('_1')
int('1_')
int('x')
int('1.5')
int('')
int('9223372036854775808')
int('-9223372036854775808')
int('010', 0)
int('0', 0)
int('00', 0)
int(None)
int('1', 1)
int(1, 2)
int(True)
int()
float('1.5')
float(' 1e3 ')
float('-inf')
float('INFINITY')
float('nan')
float('-nan')
float('1_000.5')
float('x')
float('')
float('1e')
float(None)
float(3)
float()
float('.5')
float('5.')
float('0x1p3')
1e16
1e15
123456789012345678.0
0.0001
0.00001
-0.0
1e-7
1.0
100.0
2.5e-5
1.7976931348623157e308
5e-324
0.1 + 0.7
1 / 7
2 / 3 * 3
divmod(7, 2)
divmod(-7, 2)
divmod(7, -2)
divmod(7.5, 2)
divmod(-7.5, 2)
divmod(1, 0)
divmod(1.0, 0)
divmod(1, 0.0)
divmod('a', 1)
pow(2, 10)
pow(2, -1)
pow(2, 3, 5)
pow(2, -1, 5)
pow(3, 200, 7)
pow(-3, 3, 7)
pow(3, 3, -7)
pow(2, 3, 0)
pow(2.0, 3, 5)
pow(2, 0.5)
pow(4, -1, 6)
abs(-5)
abs(5.5)
abs(-0.0)
abs(True)
abs(-9223372036854775807 - 1)
abs('a')
(5).bit_length()
(-255).bit_length()
(0).bit_length()
(3.0).is_integer()
(3.5).is_integer()
(0.5).as_integer_ratio()
(-0.75).as_integer_ratio()
(10).as_integer_ratio()
(5).real
(5).imag
(2.5).real
True.real
(7).numerator
(7).denominator
(1).x
(1.5).x
isinstance(True, int)
isinstance(1, bool)
isinstance(1.0, int)
isinstance(1, (str, int))
type(True)
type(1)
type(1.5)
type(None)
bool(0.0)
bool(-0.0)
bool(float('nan'))
bool(0)
bool(3)
bool(None)
1 + None
None + 1
1 + 'a'
1.5 + 'a'
'a' - 1
-'a'
~1.5
+'a'
1 @ 2
2 ** 'a'
x = 5 ;; x += 2 ;; x
x = 5 ;; x -= 'a' ;; x
x = 2.5 ;; x **= 2 ;; x
x = 7 ;; x //= 2 ;; x
x = 1 ;; x <<= 4 ;; x
