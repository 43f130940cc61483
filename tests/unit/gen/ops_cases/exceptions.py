# Exceptions: repr/str, args, attributes, groups and their checks, split/subgroup.
ValueError('x')
ValueError()
ValueError('x', 1)
ValueError(1)
str(ValueError('x'))
str(ValueError())
str(ValueError('x', 1))
str(ValueError(None))
KeyError('k')
str(KeyError('k'))
str(KeyError())
str(KeyError('a', 'b'))
str(KeyError(1))
repr(KeyError('k'))
str(OSError(2, 'No such file'))
str(TimeoutError())
StopIteration(5).value
StopIteration().value
SystemExit(3).code
BaseException('a')
Exception('a', ['b'])
ValueError('x').args
ValueError().args
ValueError('x', 1).args
ValueError().__traceback__
ValueError().__cause__
ValueError().__context__
ValueError().__suppress_context__
ValueError().__notes__
e = ValueError('x') ;; e.add_note('n1') ;; e.add_note('n2') ;; e.__notes__
e = ValueError('x') ;; e.add_note(5) ;; e
e = ValueError('x') ;; e.__cause__ = KeyError('k') ;; (e.__cause__, e.__suppress_context__)
e = ValueError('x') ;; e.__cause__ = 5 ;; e
e = ValueError('x') ;; e.__context__ = TypeError() ;; e.__context__
e = ValueError('x') ;; e.args = ('a', 'b') ;; (e, str(e))
e = ValueError('x') ;; e.code = 3 ;; e.code
e = ValueError('x') ;; e.nosuch
ValueError('x').with_traceback(None)
ValueError('x') == ValueError('x')
e = ValueError('x') ;; e == e
isinstance(ValueError(), Exception)
isinstance(KeyError(), LookupError)
issubclass(KeyError, LookupError)
issubclass(TimeoutError, OSError)
issubclass(KeyboardInterrupt, Exception)
issubclass(5, int)
isinstance(1, 5)
ValueError
ExceptionGroup
BaseException.__mro__
ExceptionGroup.__mro__
ExceptionGroup.__bases__
ValueError.__name__
ValueError.__qualname__
ValueError.__module__
ValueError.nosuch
ExceptionGroup('m', [ValueError(1)])
ExceptionGroup('m', (ValueError(1), TypeError('t')))
str(ExceptionGroup('m', [ValueError(1)]))
str(ExceptionGroup('m', [ValueError(1), TypeError()]))
ExceptionGroup('m', [ValueError(1)]).message
ExceptionGroup('m', [ValueError(1)]).exceptions
ExceptionGroup('m', [ValueError(1)]).args
BaseExceptionGroup('m', [ValueError()])
type(BaseExceptionGroup('m', [ValueError()]))
type(BaseExceptionGroup('m', [KeyboardInterrupt()]))
BaseExceptionGroup('m', [KeyboardInterrupt()])
ExceptionGroup('m', [KeyboardInterrupt()])
ExceptionGroup('m', [])
ExceptionGroup('m', [1])
ExceptionGroup(1, [ValueError()])
ExceptionGroup('m')
ExceptionGroup('m', 'abc')
ExceptionGroup('m', ValueError())
eg = ExceptionGroup('eg', [ValueError(1), TypeError(2), ExceptionGroup('inner', [ValueError(3), KeyError(4)])]) ;; eg.split(ValueError)
eg.split(TypeError)
eg.split((KeyError, TypeError))
eg.split(LookupError)
eg.split(Exception)
eg.split(OSError)
eg.subgroup(ValueError)
eg.subgroup(OSError)
eg.subgroup(lambda e: isinstance(e, KeyError))
eg.split(lambda e: not isinstance(e, ExceptionGroup) and e.args[0] > 2)
eg.split(5)
eg.split(int)
eg.derive([ValueError('d')])
eg.derive([KeyboardInterrupt()])
str(eg)
eg2 = ExceptionGroup('n', [ValueError(1)]) ;; eg2.add_note('note') ;; eg2.split(ValueError)[0] is eg2
eg2.subgroup(lambda e: True) is eg2
eg3 = ExceptionGroup('n', [ValueError(1), TypeError()]) ;; eg3.add_note('note') ;; eg3.__cause__ = KeyError() ;; p = eg3.split(ValueError) ;; (p[0], p[0].__notes__, p[0].__cause__, p[1])
ValueError(k=1)
hash(ValueError) == hash(ValueError)
CancelledError if False else 1
