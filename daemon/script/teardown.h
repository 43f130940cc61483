// End-of-run heap teardown: objects here are reference counted with no cycle collector,
// so a run leaves cycles behind (module globals <-> their functions, classes <-> methods,
// suspended coroutine frames <-> the tasks and exceptions they hold). Vm's destructor calls
// this to break them the way CPython's finalisation does before its last gc pass.
#pragma once

#include <cstddef>
#include <vector>

#include "daemon/object/value.h"

namespace tl::script {

// Clears every per-run object reachable from `roots` (module globals, imported modules,
// the loop's live tasks): dicts, lists, sets and tuples are emptied; instances, modules
// and scenario classes lose their attributes; functions their globals, defaults and
// closures; cells their value; bound methods their self; exceptions their args,
// __context__/__cause__, notes and members; suspended generators and coroutines their
// frame's locals and stack. Shared objects (immortal builtin types and singletons, and
// classes that are not the scenario's) are visited through but never cleared. Runs no
// Python code. Returns how many objects were cleared (for tests).
size_t clear_run_heap(const std::vector<Value>& roots);

// Scenario classes are emptied but kept (instances point at their class without a
// reference, and may outlive the run): how many the process holds so far.
size_t retired_class_count();

}  // namespace tl::script
