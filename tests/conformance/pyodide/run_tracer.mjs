// Runs the reference tracer under CPython 3.14 as shipped by pyodide (npm, Node.js):
// copies tracer.py, trace_contract.py and the scenario into pyodide's file system, runs
// the tracer there and prints its JSON lines.  Usage: node run_tracer.mjs [TRACER.py] SCENARIO.py
// (exit status as tracer.py's; 4 = pyodide unavailable, after a "3.14: skipped (...)" line).
import { readFileSync } from "node:fs";
import { basename, dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const args = process.argv.slice(2);
if (args.length < 1 || args.length > 2) {
  process.stderr.write("usage: node run_tracer.mjs [TRACER.py] SCENARIO.py\n");
  process.exit(2);
}
const tracerPath = resolve(args.length === 2 ? args[0] : join(here, "..", "tracer.py"));
const scenarioPath = resolve(args[args.length - 1]);

function skipped(reason) {
  // Callers (pythons.py, check_examples.py) look for exactly this prefix.
  process.stdout.write(`3.14: skipped (${reason})\n`);
  process.exit(4);
}

let loadPyodide;
try {
  ({ loadPyodide } = await import("pyodide"));
} catch (err) {
  skipped(`pyodide is not installed: run tests/conformance/pyodide/install.sh (${err.code ?? err.message})`);
}

let scenario;
try {
  scenario = readFileSync(scenarioPath);
} catch (err) {
  process.stderr.write(`tracer: no such scenario file: ${scenarioPath}\n`);
  process.exit(2);
}

let pyodide;
try {
  // Silence the loader's own chatter: only the tracer's output goes to stdout.
  pyodide = await loadPyodide({ stdout: () => {}, stderr: () => {} });
} catch (err) {
  skipped(`pyodide failed to start: ${err.message}`);
}

// The tracer imports its contract module from its own directory: copy every sibling .py
// it needs (just trace_contract.py today).
pyodide.FS.mkdirTree("/tracer");
pyodide.FS.mkdirTree("/scenario");
const tracerDir = dirname(tracerPath);
pyodide.FS.writeFile("/tracer/tracer.py", readFileSync(tracerPath));
pyodide.FS.writeFile("/tracer/trace_contract.py", readFileSync(join(tracerDir, "trace_contract.py")));
const scenarioInFs = `/scenario/${basename(scenarioPath)}`;
pyodide.FS.writeFile(scenarioInFs, scenario);

pyodide.globals.set("scenario_path", scenarioInFs);
// Run the tracer as `python tracer.py SCENARIO` would, catching its SystemExit; its
// stdout/stderr are collected as text and handed back whole (no line re-buffering).
const result = pyodide.runPython(`
import io, runpy, sys, traceback
sys.argv = ["/tracer/tracer.py", scenario_path]
_out, _err = io.StringIO(), io.StringIO()
_saved = sys.stdout, sys.stderr
sys.stdout, sys.stderr = _out, _err
_code = 0
try:
    runpy.run_path("/tracer/tracer.py", run_name="__main__")
except SystemExit as exc:
    _code = exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 1)
except BaseException:
    traceback.print_exc()
    _code = 1
finally:
    sys.stdout, sys.stderr = _saved
[_code, _out.getvalue(), _err.getvalue()]
`);
const [code, out, err] = result.toJs();
result.destroy();
process.stderr.write(err);
process.stdout.write(out, () => process.exit(code));
