// Loads a tasklens Perfetto/Chrome export with Chrome DevTools' own trace engine (the npm
// package @paulirish/trace_engine, pinned in package.json beside this file) and checks what the
// engine made of it: no errors, every flow arrow of the file bound at both ends, each task's
// thread one tree of nested slices under its lifetime slice, one thread per task track.
//
// usage: node check_trace_engine.mjs ENGINE_DIR TRACE.json   (ENGINE_DIR: the package's folder)
// Prints "ok: …" or the problems, one a line; exit 1 on any problem.
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

const [engineDir, tracePath] = process.argv.slice(2);
const problems = [];
// The engine reports what it cannot make sense of on the console: those are problems here.
for (const level of ['error', 'warn']) {
  console[level] = (...args) => problems.push(`engine ${level}: ${args.join(' ').slice(0, 300)}`);
}
const Trace = await import(pathToFileURL(path.join(engineDir, 'models/trace/trace.js')).href);
const doc = JSON.parse(fs.readFileSync(tracePath, 'utf8'));
const events = doc.traceEvents;
const model = Trace.TraceModel.Model.createWithAllHandlers();
await model.parse(events);
const data = model.parsedTrace(0).data;

// Flows: the file's s/f pairs against the engine's bound flows (each a list of the events it
// joins; a flow whose ends bound to nothing is dropped by the engine).
const pairs = new Map();
for (const e of events) if (e.ph === 's' || e.ph === 'f') pairs.set(e.id, (pairs.get(e.id) || 0) + 1);
const filePairs = [...pairs.values()].filter(n => n === 2).length;
const bound = data.Flows.flows;
if (bound.length !== filePairs) problems.push(`${filePairs} flow arrows in the file, the engine bound ${bound.length}`);
for (const f of bound) {
  if (f.length !== 2) problems.push(`a flow joins ${f.length} events, not 2: ${f.map(e => e.name).join(' → ')}`);
  const last = [...f].sort((a, b) => a.ts - b.ts).at(-1);
  if (last.name !== 'cancel') problems.push(`a flow ends on "${last.name}", not on a cancel`);
}

// Threads: every thread with slices, each a single tree (everything nested in the lifetime
// slice, or in the loop's asyncio.run slice).
const tracks = new Set(events.filter(e => e.ph === 'X').map(e => `${e.pid}/${e.tid}`));
let threads = 0;
for (const [pid, proc] of data.Renderer.processes) {
  for (const [tid, thread] of proc.threads) {
    if (!thread.entries.length) continue;
    threads++;
    const roots = thread.tree ? thread.tree.roots.size : 0;
    if (roots !== 1) problems.push(`thread ${pid}/${tid} (${thread.name}): ${roots} top-level slices, wants 1`);
    if (!tracks.has(`${pid}/${tid}`)) problems.push(`thread ${pid}/${tid} is not a track of the file`);
  }
}
if (threads !== tracks.size) problems.push(`${tracks.size} tracks with slices in the file, the engine has ${threads}`);

for (const p of problems.slice(0, 30)) process.stdout.write(`  ${p}\n`);
if (problems.length) {
  process.stdout.write(`FAIL: ${problems.length} problems\n`);
  process.exit(1);
}
process.stdout.write(`ok: DevTools' trace engine bound ${bound.length} flows, ${threads} threads of nested slices\n`);
