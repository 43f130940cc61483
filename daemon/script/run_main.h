// `tasklensd run [flags] FILE`: runs one scenario in-process on the virtual clock and
// writes its trace (../shared/TRACE.md) to stdout as JSON lines or readable text.
#pragma once

namespace tl::script {

// argv[0] is "run"; returns the process exit status (0 run completed, 2 cannot run).
int run_main(int argc, char** argv);

}  // namespace tl::script
