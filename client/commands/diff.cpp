// `tasklens diff [--python V]… FILE`: would CPython do the same? Runs
// tests/conformance/diff.py (found beside the build's repo, or in the installed share dir),
// which traces FILE under the real CPythons and under tasklensd and shows the first
// divergence. Says plainly when that script or CPython is not available.
#include "client/commands/command.h"

#include <cstdio>
#include <unistd.h>

namespace tl::client {

static std::string dir_of(const std::string& p) {
    auto s = p.rfind('/');
    return s == std::string::npos ? "." : p.substr(0, s);
}

int diff_command(int argc, char** argv) {
    CLI::App app("Compare tasklens with real CPython on a scenario (tests/conformance/diff.py).", "tasklens diff");
    std::vector<std::string> pythons;
    std::string file;
    bool no_cache = false;
    app.add_option("--python", pythons, "Only this version (3.11, 3.12, 3.13, 3.14); repeatable")
        ->check(CLI::IsMember({"3.11", "3.12", "3.13", "3.14"}));
    app.add_flag("--no-cache", no_cache, "Trace with CPython again even when cached");
    app.add_option("FILE", file, "The scenario")->required();
    if (int rc = parse_or_exit(app, argc, argv); rc >= 0) return rc;
    if (::access(file.c_str(), R_OK) != 0) return fail("diff", "cannot read " + file);

    std::string bin_dir = dir_of(self_exe());
    std::vector<std::string> candidates = {bin_dir + "/../tests/conformance/diff.py",
                                           bin_dir + "/../share/tasklens/conformance/diff.py"};
    if (const char* env = std::getenv("TASKLENS_DIFF")) candidates.insert(candidates.begin(), env);
    std::string script;
    for (auto& c : candidates)
        if (::access(c.c_str(), R_OK) == 0) {
            script = c;
            break;
        }
    if (script.empty())
        return fail("diff", "tests/conformance/diff.py not found beside " + bin_dir + " (set TASKLENS_DIFF)");
    if (::system("python3 -c 'import sys; sys.exit(sys.version_info < (3, 8))' >/dev/null 2>&1") != 0)
        return fail("diff", "python3 (3.8+) is needed to run the CPython reference tracer and was not found");
    std::vector<std::string> args = {"python3", script, "--build", bin_dir};
    for (auto& v : pythons) args.insert(args.end(), {"--python", v});
    if (no_cache) args.push_back("--no-cache");
    args.push_back(file);
    std::vector<char*> cargs;
    for (auto& a : args) cargs.push_back(a.data());
    cargs.push_back(nullptr);
    std::fflush(stdout);
    ::execvp("python3", cargs.data());
    return fail("diff", "cannot run python3");
}

}  // namespace tl::client
