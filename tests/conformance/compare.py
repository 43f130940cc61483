#!/usr/bin/env python3
"""Compares two traces (JSON lines) event by event on `event`, `t` and the contract fields
of TRACE.md (trace_contract.py); other fields are ignored.  Usage: compare.py EXPECTED ACTUAL
Exit 0 equal, 1 different (first difference shown with context), 2 unreadable input.
"""

import json
import math
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import trace_contract  # noqa: E402

CONTEXT_BEFORE = 7
CONTEXT_AFTER = 3  # with CONTEXT_BEFORE: at most ten events of context
_ABSENT = object()


class TraceError(Exception):
    """A trace file that is not JSON lines of objects."""


def parse_trace(text, source="trace"):
    """[(line_text, event_dict)] of a JSON-lines trace; blank lines are skipped."""
    events = []
    for number, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        try:
            event = json.loads(line)
        except ValueError as exc:
            raise TraceError(f"{source}:{number}: not JSON: {exc}") from None
        if not isinstance(event, dict):
            raise TraceError(f"{source}:{number}: not a JSON object")
        events.append((line, event))
    return events


def load_trace(path):
    with open(path, encoding="utf-8") as f:
        return parse_trace(f.read(), path)


def _is_number(value):
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def same_value(field, expected, actual):
    if field in trace_contract.FLOAT_FIELDS and _is_number(expected) and _is_number(actual):
        return float(expected) == float(actual) or (
            math.isnan(float(expected)) and math.isnan(float(actual)))
    # Strict otherwise: JSON true must not equal 1, nor "1" equal 1.
    return type(expected) is type(actual) and expected == actual


def _field(event, name):
    value = event.get(name, _ABSENT)
    if value is _ABSENT and name in trace_contract.ABSENT_WHEN_NULL.get(event.get("event"), ()):
        return None  # see trace_contract.ABSENT_WHEN_NULL
    return value


def _show(value):
    return "(missing)" if value is _ABSENT else json.dumps(value)


def event_difference(expected, actual):
    """Why two events differ on the contract, or None when they agree."""
    kind = expected.get("event", _ABSENT)
    fields = trace_contract.compared_fields(kind) if isinstance(kind, str) else None
    if fields is None:
        return f"expected event has unknown kind {_show(kind)}"
    for name in fields:
        want, got = _field(expected, name), _field(actual, name)
        if want is _ABSENT or got is _ABSENT:
            if want is not got:
                side = "expected" if want is _ABSENT else "actual"
                return (f"contract field {name!r} missing in {side} "
                        f"(expected {_show(want)}, actual {_show(got)})")
            return f"contract field {name!r} missing on both sides"
        if not same_value(name, want, got):
            return f"field {name!r}: expected {_show(want)}, actual {_show(got)}"
    return None


def first_difference(expected, actual):
    """(index, reason) of the first difference between two loaded traces, or None."""
    for index in range(max(len(expected), len(actual))):
        if index >= len(actual):
            return index, f"actual trace ends after {len(actual)} events"
        if index >= len(expected):
            return index, f"actual trace has more than the expected {len(expected)} events"
        reason = event_difference(expected[index][1], actual[index][1])
        if reason is not None:
            return index, reason
    return None


def describe(expected, actual, index, reason, out):
    out.write(f"traces differ at event #{index + 1}: {reason}\n")
    start = max(0, index - CONTEXT_BEFORE)
    if start < index:
        out.write("before it (equal on the contract):\n")
        for text, _ in expected[start:index]:
            out.write(f"            {text}\n")
    for side, trace in (("expected", expected), ("actual", actual)):
        text = trace[index][0] if index < len(trace) else "(no event)"
        out.write(f"  {side:>8}: {text}\n")
    for side, trace in (("expected", expected), ("actual", actual)):
        following = trace[index + 1:index + 1 + CONTEXT_AFTER]
        if following:
            out.write(f"then {side}:\n")
            for text, _ in following:
                out.write(f"            {text}\n")


def main(argv=None):
    argv = sys.argv[1:] if argv is None else argv
    if len(argv) != 2:
        sys.stderr.write("usage: compare.py EXPECTED.jsonl ACTUAL.jsonl\n")
        return 2
    try:
        expected, actual = load_trace(argv[0]), load_trace(argv[1])
    except (OSError, TraceError) as exc:
        sys.stderr.write(f"compare.py: {exc}\n")
        return 2
    found = first_difference(expected, actual)
    if found is None:
        print(f"equal: {len(expected)} events")
        return 0
    describe(expected, actual, *found, sys.stdout)
    return 1


if __name__ == "__main__":
    sys.exit(main())
