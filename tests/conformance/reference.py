"""CPython's traces of many scenarios at once, for run.py and diff.py: runs
`tracer.py --batch` under each reference interpreter (pythons.py) and caches every trace
under build/conformance-cache/, keyed by (scenario content, interpreter, tracer code), so a
scenario that has not changed is never traced again.

A failed or killed batch is not trusted for the scenarios it did not report: those are
rerun one by one in single-file mode, each with its own time limit.
"""

import concurrent.futures
import hashlib
import json
import os
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import pythons  # noqa: E402

TRACER = os.path.join(HERE, "tracer.py")
# tracer.py imports trace_contract.py; run_tracer.mjs hosts it under 3.14.  A change to
# any of them may change a trace, so all three are part of the tracer's hash.
TRACER_FILES = (TRACER, os.path.join(HERE, "trace_contract.py"), pythons.PYODIDE_RUNNER)
SKIP_MARK = "3.14: skipped ("  # run_tracer.mjs: pyodide turned out to be unusable
SINGLE_TIMEOUT = 120  # seconds for one scenario run alone (pyodide starts in ~2 s)
BATCH_BASE_TIMEOUT, BATCH_PER_SCENARIO = 120, 10


class Reference:
    """CPython's result for one scenario under one version.  `status` is the tracer's exit
    status (0 trace written, 2 cannot load, 3 cannot finish); None when there is no result:
    `skipped` then says why the version is unavailable, or `error` why the run failed."""

    def __init__(self, status=None, trace="", stderr="", skipped=None, error=None,
                 cached=False):
        self.status, self.trace, self.stderr = status, trace, stderr
        self.skipped, self.error, self.cached = skipped, error, cached

    @property
    def ok(self):
        return self.status == 0

    def problem(self):
        """One line on why there is no usable trace, or None."""
        if self.skipped:
            return f"skipped: {self.skipped}"
        if self.error:
            return self.error
        if self.status != 0:
            last = [l for l in self.stderr.splitlines() if l.strip()]
            return (f"reference tracer exit {self.status}"
                    + (f": {last[-1].strip()}" if last else ""))
        return None


def repo_root():
    return os.path.dirname(os.path.dirname(HERE))


def default_cache_dir():
    return os.environ.get("TASKLENS_CONFORMANCE_CACHE") or os.path.join(
        repo_root(), "build", "conformance-cache")


def _sha256(*chunks):
    digest = hashlib.sha256()
    for chunk in chunks:
        digest.update(chunk if isinstance(chunk, bytes) else chunk.encode())
        digest.update(b"\0")
    return digest.hexdigest()


_tracer_hash = None


def tracer_hash():
    global _tracer_hash
    if _tracer_hash is None:
        contents = []
        for path in TRACER_FILES:
            try:
                with open(path, "rb") as f:
                    contents.append(f.read())
            except OSError:
                contents.append(b"")
        _tracer_hash = _sha256(*contents)
    return _tracer_hash


def interpreter_identity(interpreter):
    """What makes two runs of one version comparable: the interpreter's path (with its
    patch release) and, for pyodide, the installed package version."""
    identity = interpreter.line()
    if interpreter.argv and interpreter.argv[-1] == pythons.PYODIDE_RUNNER:
        try:
            with open(os.path.join(pythons.PYODIDE_DIR, "node_modules", "pyodide",
                                   "package.json")) as f:
                identity += " pyodide " + json.load(f).get("version", "?")
        except (OSError, ValueError):
            pass
    return identity


class Cache:
    """One JSON file per (scenario content, interpreter, tracer); writes are atomic, so
    concurrent runs in one tree cannot see half a file."""

    def __init__(self, directory):
        self.directory = directory

    def key(self, content, interpreter):
        return _sha256(content, interpreter_identity(interpreter), tracer_hash())

    def _path(self, version, key):
        return os.path.join(self.directory, version, key + ".json")

    def load(self, version, key):
        if self.directory is None:
            return None
        try:
            with open(self._path(version, key), encoding="utf-8") as f:
                data = json.load(f)
            return Reference(data["status"], data["trace"], data["stderr"], cached=True)
        except (OSError, ValueError, KeyError):
            return None

    def store(self, version, key, reference):
        if self.directory is None or reference.status not in (0, 2, 3):
            return  # timeouts and crashes of the tracer's host are not results
        path = self._path(version, key)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=os.path.dirname(path), suffix=".tmp")
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            json.dump({"status": reference.status, "trace": reference.trace,
                       "stderr": reference.stderr}, f)
        os.replace(tmp, path)


def _chunks(paths, count):
    """`count` lists (fewer if there are few paths) with unique file names in each, as
    tracer.py --batch requires."""
    chunks = [[] for _ in range(max(1, count))]
    names = [set() for _ in chunks]
    for index, path in enumerate(paths):
        name = os.path.basename(path)
        order = list(range(index % len(chunks), len(chunks))) + list(range(index % len(chunks)))
        for slot in order:
            if name not in names[slot]:
                break
        else:
            chunks.append([])
            names.append(set())
            slot = len(chunks) - 1
        chunks[slot].append(path)
        names[slot].add(name)
    return [chunk for chunk in chunks if chunk]


def _run_single(interpreter, path):
    try:
        proc = subprocess.run(interpreter.tracer_command(TRACER, path), capture_output=True,
                              text=True, timeout=SINGLE_TIMEOUT)
    except subprocess.TimeoutExpired:
        return Reference(error=f"reference tracer timed out after {SINGLE_TIMEOUT} s")
    except OSError as exc:
        return Reference(error=f"reference tracer could not start: {exc}")
    if proc.stdout.startswith(SKIP_MARK):
        return Reference(skipped=proc.stdout.strip()[len("3.14: skipped ("):-1])
    if proc.returncode not in (0, 2, 3):
        return Reference(error=f"reference tracer crashed (exit {proc.returncode}): "
                               f"{proc.stderr.strip()[-300:]}")
    return Reference(proc.returncode, proc.stdout, proc.stderr)


def _run_batch(interpreter, paths):
    """{path: Reference} for the scenarios the batch reported; the caller reruns the rest."""
    results = {}
    with tempfile.TemporaryDirectory(prefix="tasklens-ref-") as outdir:
        argv = list(interpreter.argv) + [TRACER, "--batch", outdir] + list(paths)
        timeout = BATCH_BASE_TIMEOUT + BATCH_PER_SCENARIO * len(paths)
        try:
            proc = subprocess.run(argv, capture_output=True, text=True, timeout=timeout)
            if proc.stdout.startswith(SKIP_MARK):
                reason = proc.stdout.strip()[len(SKIP_MARK):-1]
                return {path: Reference(skipped=reason) for path in paths}
        except (subprocess.TimeoutExpired, OSError):
            pass  # whatever batch.results holds is still good
        by_name = {os.path.basename(path)[:-3]: path for path in paths}
        try:
            with open(os.path.join(outdir, "batch.results"), encoding="utf-8") as f:
                lines = f.read().splitlines()
        except OSError:
            lines = []
        for line in lines:
            try:
                record = json.loads(line)
                path = by_name[record["name"]]
                with open(os.path.join(outdir, record["name"] + ".jsonl"),
                          encoding="utf-8") as f:
                    trace = f.read()
            except (ValueError, KeyError, OSError):
                continue  # a torn last line of a killed batch
            results[path] = Reference(record["status"], trace, record["stderr"])
    return results


def reference_traces(interpreters, paths, jobs=2, cache_dir=None, use_cache=True,
                     progress=None):
    """{(version, path): Reference} for every interpreter (pythons.Interpreter) and path.
    Unavailable interpreters give `skipped` references.  Batches of all versions share
    one pool of `jobs` processes."""
    cache = Cache(cache_dir or default_cache_dir()) if use_cache else Cache(None)
    out = {}
    work = []  # (interpreter, [(path, key)])
    for interpreter in interpreters:
        if not interpreter.available:
            for path in paths:
                out[(interpreter.version, path)] = Reference(skipped=interpreter.reason)
            continue
        missing = []
        for path in paths:
            try:
                with open(path, "rb") as f:
                    key = cache.key(f.read(), interpreter)
            except OSError as exc:
                out[(interpreter.version, path)] = Reference(error=f"unreadable: {exc}")
                continue
            hit = cache.load(interpreter.version, key)
            if hit is not None:
                out[(interpreter.version, path)] = hit
            else:
                missing.append((path, key))
        if missing:
            work.append((interpreter, missing))

    def run_chunk(interpreter, chunk, keys):
        results = _run_batch(interpreter, chunk)
        skipped = next((r for r in results.values() if r.skipped), None)
        for path in chunk:
            if path not in results:
                results[path] = skipped or _run_single(interpreter, path)
            cache.store(interpreter.version, keys[path], results[path])
        if progress:
            progress(interpreter.version, len(chunk))
        return interpreter.version, results

    with concurrent.futures.ThreadPoolExecutor(max(1, jobs)) as pool:
        futures = []
        for interpreter, missing in work:
            keys = dict(missing)
            # Few scenarios: one process (start-up dominates); many: one per job.
            count = 1 if len(missing) < 16 else max(1, jobs)
            for chunk in _chunks([path for path, _ in missing], count):
                futures.append(pool.submit(run_chunk, interpreter, chunk, keys))
        for future in futures:
            version, results = future.result()
            for path, reference in results.items():
                out[(version, path)] = reference
    return out
