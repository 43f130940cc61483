// Runs the reference tracer under CPython 3.14 as shipped by pyodide (npm, Node.js):
// copies tracer.py, trace_contract.py and the scenario into pyodide's file system, runs
// the tracer there and prints its JSON lines.
// Usage: node run_tracer.mjs [TRACER.py] SCENARIO.py
//        node run_tracer.mjs [TRACER.py] --batch OUTDIR SCENARIO.py...
// (exit status as tracer.py's; 4 = pyodide unavailable, after a "3.14: skipped (...)" line).
// Batch mode loads pyodide once (its start-up is the ~2 s a single run costs) and runs
// tracer.py --batch inside it; OUTDIR is the host directory, mounted, so each trace and
// batch.results line lands there as soon as the tracer writes it.
import { mkdirSync, readFileSync } from "node:fs";
import { basename, dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const args = process.argv.slice(2);
const usage = "usage: node run_tracer.mjs [TRACER.py] SCENARIO.py | [TRACER.py] --batch OUTDIR SCENARIO.py...\n";
let tracerPath = join(here, "..", "tracer.py");
if (args.length >= 2 && args[0].endsWith(".py") && args[1] !== undefined &&
    (args[1] === "--batch" || args.length === 2)) {
  tracerPath = args.shift();
}
tracerPath = resolve(tracerPath);
let outDir = null;
if (args[0] === "--batch") {
  if (args.length < 3) {
    process.stderr.write(usage);
    process.exit(2);
  }
  outDir = resolve(args[1]);
  args.splice(0, 2);
} else if (args.length !== 1) {
  process.stderr.write(usage);
  process.exit(2);
}
const scenarioPaths = args.map((p) => resolve(p));
const scenarioPath = scenarioPaths[0];

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
if (outDir === null) {
  try {
    scenario = readFileSync(scenarioPath);
  } catch (err) {
    process.stderr.write(`tracer: no such scenario file: ${scenarioPath}\n`);
    process.exit(2);
  }
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
let tracerArgv;
if (outDir === null) {
  const scenarioInFs = `/scenario/${basename(scenarioPath)}`;
  pyodide.FS.writeFile(scenarioInFs, scenario);
  tracerArgv = [scenarioInFs];
} else {
  // Each scenario keeps its file name (the trace's name) in a directory of its own; a file
  // that cannot be read is passed on under a path that does not exist, so the tracer
  // reports it in batch.results as it would a missing file.
  const inFs = scenarioPaths.map((path, i) => {
    const dir = `/scenario/${i}`;
    pyodide.FS.mkdirTree(dir);
    const target = `${dir}/${basename(path)}`;
    try {
      pyodide.FS.writeFile(target, readFileSync(path));
    } catch (err) {
      return `${dir}/missing/${basename(path)}`;
    }
    return target;
  });
  mkdirSync(outDir, { recursive: true });
  pyodide.FS.mkdirTree("/out");
  pyodide.FS.mount(pyodide.FS.filesystems.NODEFS, { root: outDir }, "/out");
  tracerArgv = ["--batch", "/out", ...inFs];
}

pyodide.globals.set("tracer_argv", pyodide.toPy(tracerArgv));
// Run the tracer as `python tracer.py SCENARIO` would, catching its SystemExit; its
// stdout/stderr are collected as text and handed back whole (no line re-buffering).
const result = pyodide.runPython(`
import io, runpy, sys, traceback
sys.argv = ["/tracer/tracer.py", *tracer_argv]
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
