#!/usr/bin/env python3
# Generates the expected answers of the ops.h data-driven tests by running each case in
# CPython 3.13: reads tests/unit/gen/ops_cases/<area>.py (one case per line: statements
# separated by " ;; ", the last part an expression; '#' lines are comments) and writes
# tests/unit/data/ops_<area>.tsv as "case<TAB>repr(result)" or "case<TAB>!Type: message".
# Run: /root/.pyenv/versions/3.13.0/bin/python3 tests/unit/gen/gen_ops_cases.py [area...]
import os
import sys
import warnings

HERE = os.path.dirname(os.path.abspath(__file__))
DATA = os.path.join(HERE, "..", "data")


def escape(s):
    return s.replace("\\", "\\\\").replace("\n", "\\n").replace("\t", "\\t")


# Where tasklens deliberately differs from CPython, the expectation is rewritten: ints
# are int64 (a result outside int64 is tasklens's OverflowError) and complex numbers are
# not supported (a complex result is tasklens's ValueError).
OVERFLOW = "!OverflowError: integer overflow: tasklens ints are 64-bit"
COMPLEX = "!ValueError: complex numbers are not supported by tasklens"


def run_case(line, ns):
    parts = line.split(" ;; ")
    try:
        for stmt in parts[:-1]:
            exec(stmt, ns)
        value = eval(parts[-1], ns)
        if type(value) is int and not -2**63 <= value < 2**63:
            return OVERFLOW
        if type(value) is complex:
            return COMPLEX
        return repr(value)
    except Exception as e:  # the case expects this exception
        return "!%s: %s" % (type(e).__name__, e)


def generate(area):
    src = os.path.join(HERE, "ops_cases", area + ".py")
    ns = {}
    out = []
    with open(src, encoding="utf-8") as f:
        for raw in f:
            line = raw.rstrip("\n")
            if not line.strip() or line.lstrip().startswith("#"):
                continue
            out.append(escape(line) + "\t" + escape(run_case(line, ns)))
    dst = os.path.join(DATA, "ops_%s.tsv" % area)
    with open(dst, "w", encoding="utf-8") as f:
        f.write("\n".join(out) + "\n")
    print("%s: %d cases" % (dst, len(out)))


def main():
    if sys.version_info[:2] != (3, 13):
        sys.exit("run with CPython 3.13 (/root/.pyenv/versions/3.13.0/bin/python3)")
    warnings.simplefilter("ignore")
    areas = sys.argv[1:] or sorted(n[:-3] for n in os.listdir(os.path.join(HERE, "ops_cases")) if n.endswith(".py"))
    for area in areas:
        generate(area)


if __name__ == "__main__":
    main()
