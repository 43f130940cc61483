"""The trace contract of /work/shared/TRACE.md as data: which fields of each event must
equal CPython's.  The one place that lists them; tracer.py (field order in its output),
compare.py and the checks all read this table.  Stdlib only, runs on 3.11-3.14 and pyodide.
"""

# Every event starts with these, in this order.
COMMON_FIELDS = ("seq", "t", "event")

# Contract fields per event, in the order the reference traces write them
# (the order of /work/shared/trace-examples/*.jsonl).
EVENT_FIELDS = {
    "task_created": ("task", "coro", "parent"),
    "cancel": ("task", "by", "msg", "result", "cancelling", "must_cancel"),
    "uncancel": ("task", "by", "cancelling", "must_cancel", "rescinded"),
    "throw": ("task", "exc", "msg"),
    "done": ("task", "state", "exc"),
    "timeout_enter": ("scope", "task", "when"),
    "timeout_reschedule": ("scope", "when"),
    "timeout_expire": ("scope", "task"),
    "timeout_exit": ("scope", "task", "expired", "raised"),
    "taskgroup_enter": ("scope", "task"),
    "taskgroup_abort": ("scope",),
    "taskgroup_exit": ("scope", "task", "raised"),
    "print": ("text",),
    "exit": ("status", "exc"),
}

# The one place where TRACE.md and the reference traces disagree.  TRACE.md: "a contract
# field is always present, null when it has no value"; trace-examples/*.jsonl write `done`
# without `exc` unless its state is "exception".  The tracer writes what the reference
# traces write (they are its byte-for-byte acceptance test); compare.py takes "absent" and
# null as equal for exactly these fields, so a runtime that follows TRACE.md to the letter
# is not failed for it either.
ABSENT_WHEN_NULL = {"done": frozenset({"exc"})}

# Fields compared as doubles (JSON 1 and 1.0 are the same time); null stays null.
FLOAT_FIELDS = frozenset({"t", "when"})

# Fields that are compared, per event: `seq` is only the position, so it is not.
def compared_fields(event):
    """Fields of `event` that must match, or None for an event the contract does not know."""
    fields = EVENT_FIELDS.get(event)
    if fields is None:
        return None
    return ("event", "t") + fields
