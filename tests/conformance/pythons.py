#!/usr/bin/env python3
"""Lists the reference interpreters the conformance tests run the tracer with: one line per
version 3.11-3.14, `VERSION COMMAND` (COMMAND TRACER.py SCENARIO.py runs the tracer) or
`VERSION skipped: REASON`.  Never drops a version silently.  Usage: pythons.py
"""

import glob
import os
import re
import shlex
import shutil
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
VERSIONS = ("3.11", "3.12", "3.13", "3.14")
PYODIDE_DIR = os.path.join(HERE, "pyodide")
PYODIDE_RUNNER = os.path.join(PYODIDE_DIR, "run_tracer.mjs")


class Interpreter:
    """A version and either the argv prefix that runs a script with it, or why not."""

    def __init__(self, version, argv=None, reason=None):
        self.version, self.argv, self.reason = version, argv, reason

    @property
    def available(self):
        return self.argv is not None

    def tracer_command(self, tracer, scenario):
        # Interpreters and run_tracer.mjs both take `TRACER.py SCENARIO.py`.
        return list(self.argv) + [tracer, scenario]

    def line(self):
        if self.available:
            return f"{self.version} {shlex.join(self.argv)}"
        return f"{self.version} skipped: {self.reason}"


def _reports_version(executable, version):
    """Whether `executable` runs and is `version` (a pyenv shim for a version that is not
    selected exists on PATH but fails)."""
    try:
        out = subprocess.run(
            [executable, "-c", "import sys; print('%d.%d' % sys.version_info[:2])"],
            capture_output=True, text=True, timeout=30)
    except (OSError, subprocess.TimeoutExpired):
        return False
    return out.returncode == 0 and out.stdout.strip() == version


def _pyenv_candidates(version):
    found = []
    if shutil.which("pyenv"):
        try:
            prefix = subprocess.run(["pyenv", "prefix", version], capture_output=True,
                                    text=True, timeout=30).stdout.strip()
        except (OSError, subprocess.TimeoutExpired):
            prefix = ""
        for line in prefix.splitlines():  # `pyenv prefix` may list several
            found.append(os.path.join(line, "bin", "python" + version))
    root = os.environ.get("PYENV_ROOT") or os.path.expanduser("~/.pyenv")

    def patch_level(path):
        match = re.search(r"/%s\.(\d+)/" % re.escape(version), path)
        return int(match.group(1)) if match else -1

    # Newest patch release first: 3.11.10 after 3.11.9 needs a numeric sort.
    found += sorted(glob.glob(os.path.join(root, "versions", version + ".*", "bin",
                                           "python" + version)),
                    key=patch_level, reverse=True)
    return found


def find_native(version):
    """A CPython `version` installed through pyenv or on PATH, or None."""
    candidates = _pyenv_candidates(version)
    on_path = shutil.which("python" + version)
    if on_path:
        candidates.append(on_path)
    seen = set()
    for candidate in candidates:
        if candidate in seen or not os.path.isfile(candidate):
            continue
        seen.add(candidate)
        if _reports_version(candidate, version):
            return candidate
    return None


def pyodide_status():
    """(argv, None) when the pinned pyodide can run the tracer under Node, else (None, why)."""
    node = shutil.which("node")
    if node is None:
        return None, "no 3.14 interpreter, and node (for pyodide) is not on PATH"
    installed = os.path.join(PYODIDE_DIR, "node_modules", "pyodide", "package.json")
    if not os.path.isfile(installed):
        return None, ("no 3.14 interpreter, and pyodide is not installed "
                      "(run tests/conformance/pyodide/install.sh)")
    return [node, PYODIDE_RUNNER], None


def find_interpreters():
    result = []
    for version in VERSIONS:
        native = find_native(version)
        if native:
            result.append(Interpreter(version, [native]))
            continue
        if version == "3.14":
            argv, reason = pyodide_status()
            result.append(Interpreter(version, argv, reason))
            continue
        result.append(Interpreter(version, reason=(
            f"no python{version} found (pyenv prefix {version}, "
            f"~/.pyenv/versions/{version}.*, PATH)")))
    return result


def main():
    for interpreter in find_interpreters():
        print(interpreter.line())
    return 0


if __name__ == "__main__":
    sys.exit(main())
