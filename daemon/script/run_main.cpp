// The run command: flags, loading (parse + compile, errors reported before anything
// runs), the module body, then asyncio.run(main()) as the reference tracer does it
// (tests/conformance/tracer.py: the module is imported under a name other than
// __main__, then main() runs on the virtual loop), and the trace on stdout.
#include "daemon/script/run_main.h"

#include <cstdio>
#include <cstring>
#include <fstream>
#include <sstream>
#include <string>

#include "daemon/object/str.h"
#include "daemon/runtime/runner.h"
#include "daemon/runtime/semantics.h"
#include "daemon/script/compiler.h"
#include "daemon/script/diagnostic.h"
#include "daemon/script/parser.h"
#include "daemon/script/source.h"
#include "daemon/script/vm.h"
#include "daemon/trace/jsonl_writer.h"

namespace tl::script {

namespace {

struct Options {
    rt::PyVersion version = rt::kDefaultVersion;
    bool real_clock = false;
    double speed = 1.0;
    bool text = false;
    bool none = false;  // --format none: no trace at all (benchmarks)
    uint64_t max_steps = VmLimits{}.max_steps;
    double timeout = VmLimits{}.max_seconds;
    std::string file;
    bool help = false;
};

const char* const kUsage =
    "usage: tasklensd run [--python 3.11|3.12|3.13|3.14] [--clock virtual|real] [--speed X]\n"
    "                     [--format jsonl|text|none] [--max-steps N] [--timeout SECONDS] FILE\n";

const char* const kHelp =
    "\n"
    "Runs one asyncio scenario (a Python file with `async def main()`) on tasklens's port of\n"
    "asyncio and writes its cancellation trace to stdout.\n"
    "\n"
    "  --python V        asyncio semantics of CPython V: 3.11, 3.12, 3.13 (default) or 3.14\n"
    "  --clock C         virtual (default: sleeps take no wall time) or real\n"
    "  --speed X         real clock only: run X times faster than wall time (default 1)\n"
    "  --format F        jsonl (default: one TRACE.md event per line), text (readable),\n"
    "                    or none (no trace, no print output: for benchmarks)\n"
    "  --max-steps N     stop the run with an `error` event after N VM instructions\n"
    "  --timeout S       stop the run with an `error` event after S seconds of wall time\n"
    "\n"
    "Exit status: 0 the scenario ran (an uncaught exception in main() still ends with the\n"
    "`exit` event and a traceback on stderr); 2 it could not run (bad flags, unreadable\n"
    "file, syntax error, unsupported import, no async main()).\n";

bool parse_args(int argc, char** argv, Options& o) {
    for (int i = 1; i < argc; ++i) {
        std::string a = argv[i];
        auto value = [&](std::string& out) {
            if (i + 1 >= argc) {
                std::fprintf(stderr, "tasklensd run: %s needs a value\n", a.c_str());
                return false;
            }
            out = argv[++i];
            return true;
        };
        std::string v;
        if (a == "--python") {
            if (!value(v)) return false;
            auto pv = rt::parse_version(v);
            if (!pv) {
                std::fprintf(stderr, "tasklensd run: unknown Python version '%s' (3.11, 3.12, 3.13 or 3.14)\n", v.c_str());
                return false;
            }
            o.version = *pv;
        } else if (a == "--clock") {
            if (!value(v)) return false;
            if (v != "virtual" && v != "real") {
                std::fprintf(stderr, "tasklensd run: --clock is virtual or real\n");
                return false;
            }
            o.real_clock = v == "real";
        } else if (a == "--speed") {
            if (!value(v)) return false;
            o.speed = std::atof(v.c_str());
            if (!(o.speed > 0)) {
                std::fprintf(stderr, "tasklensd run: --speed must be a positive number\n");
                return false;
            }
        } else if (a == "--format") {
            if (!value(v)) return false;
            if (v != "jsonl" && v != "text" && v != "none") {
                std::fprintf(stderr, "tasklensd run: --format is jsonl, text or none\n");
                return false;
            }
            o.text = v == "text";
            o.none = v == "none";
        } else if (a == "--max-steps") {
            if (!value(v)) return false;
            o.max_steps = std::strtoull(v.c_str(), nullptr, 10);
        } else if (a == "--timeout") {
            if (!value(v)) return false;
            o.timeout = std::atof(v.c_str());
        } else if (a == "-h" || a == "--help") {
            std::fputs(kUsage, stdout);
            std::fputs(kHelp, stdout);
            o.help = true;
            return false;
        } else if (!a.empty() && a[0] == '-') {
            std::fprintf(stderr, "tasklensd run: unknown option %s\n%s", a.c_str(), kUsage);
            return false;
        } else if (o.file.empty()) {
            o.file = a;
        } else {
            std::fprintf(stderr, "tasklensd run: one scenario file at a time\n");
            return false;
        }
    }
    if (o.file.empty()) {
        std::fputs(kUsage, stderr);
        return false;
    }
    return true;
}

// `--format text`: one readable line per event, the contract fields as key=value.
class TextWriter : public rt::Observer {
public:
    void on_event(const rt::Event& e) override {
        std::string json;
        trace::append_event_json(json, e, ++seq_, false);
        if (e.kind == rt::EventKind::Print) {
            std::fprintf(stdout, "%10.4f  print  %.*s\n", e.t, static_cast<int>(e.text.size()), e.text.data());
            return;
        }
        // {"seq": 1, "t": 0.0, "event": "x", "k": v, ...} -> "t  x  k=v ..."
        std::string line;
        size_t pos = json.find("\"event\": \"");
        size_t end = json.find('"', pos + 10);
        line = json.substr(pos + 10, end - pos - 10);
        std::string rest = json.substr(end + 1);
        if (!rest.empty() && rest.back() == '}') rest.pop_back();
        std::string fields;
        bool in_str = false;
        for (size_t i = 0; i < rest.size(); ++i) {
            char c = rest[i];
            if (c == '"' && (i == 0 || rest[i - 1] != '\\')) { in_str = !in_str; continue; }
            if (!in_str && c == ':') { fields += '='; if (i + 1 < rest.size() && rest[i + 1] == ' ') ++i; continue; }
            if (!in_str && c == ',') continue;
            fields += c;
        }
        std::fprintf(stdout, "%10.4f  %s%s\n", e.t, line.c_str(), fields.c_str());
    }
    uint64_t count() const { return seq_; }

private:
    uint64_t seq_ = 0;
};

// print() output becomes `print` events (tracer.py's _emit_print: one event per output
// call, minus one final newline; an empty write is no event); stderr passes through.
class EventSink : public PrintSink {
public:
    explicit EventSink(rt::EventLoop& loop) : loop_(loop) {}
    void write_out(std::string_view text) override {
        if (muted) return;
        if (!text.empty() && text.back() == '\n') text.remove_suffix(1);
        else if (text.empty()) return;
        rt::Event e{rt::EventKind::Print};
        e.text = text;
        loop_.emit(e);
    }
    void write_err(std::string_view text) override { std::fwrite(text.data(), 1, text.size(), stderr); }
    bool muted = false;

private:
    rt::EventLoop& loop_;
};

bool read_file(const std::string& path, std::string& out) {
    std::ifstream in(path, std::ios::binary);
    if (!in) return false;
    std::ostringstream ss;
    ss << in.rdbuf();
    out = ss.str();
    return true;
}

}  // namespace

int run_main(int argc, char** argv) {
    Options opt;
    if (!parse_args(argc, argv, opt)) return opt.help ? 0 : 2;
    std::string source;
    if (!read_file(opt.file, source)) {
        std::fprintf(stderr, "tasklensd run: cannot read %s\n", opt.file.c_str());
        return 2;
    }
    ParseResult parsed = parse_module(source, opt.file);
    if (!parsed.ok()) {
        std::fputs(parsed.error->format().c_str(), stderr);
        return 2;
    }
    CompileResult compiled = compile_module(*parsed.module, opt.file);
    if (!compiled.ok()) {
        SourceFile sf(source, opt.file);
        SyntaxError err = make_syntax_error(sf, compiled.error->line, compiled.error->col, compiled.error->message);
        std::fputs(err.format().c_str(), stderr);
        return 2;
    }
    if (opt.real_clock) {
        std::fputs("tasklensd run: --clock real is not yet supported (it needs the libuv-driven loop of the daemon)\n", stderr);
        return 2;
    }

    rt::VirtualClock clock;
    trace::JsonlWriter jsonl(stdout, true);
    TextWriter text;
    rt::Observer* observer = opt.none ? nullptr : opt.text ? static_cast<rt::Observer*>(&text) : &jsonl;
    rt::EventLoop loop(clock, rt::Semantics{opt.version}, observer);
    EventSink sink(loop);
    sink.muted = opt.none;  // print events need an observer; `none` has none
    VmLimits limits;
    limits.max_steps = opt.max_steps;
    limits.max_seconds = opt.timeout;
    Vm vm(&loop, &sink, limits);

    auto error_event = [&](const std::string& what) {
        // Not a contract event: says why the run stopped early.
        uint64_t seq = (opt.text ? text.count() : jsonl.count()) + 1;
        jsonl.flush();
        if (opt.none) {
            // no trace: the reason goes to stderr only
        } else if (opt.text) {
            std::fprintf(stdout, "%10.4f  error  %s\n", loop.time(), what.c_str());
        } else {
            std::string line = "{\"seq\": " + std::to_string(seq) + ", \"t\": ";
            char buf[64];
            std::snprintf(buf, sizeof buf, "%.17g", loop.time());
            line += buf;
            line += ", \"event\": \"error\", \"text\": ";
            trace::append_json_string(line, what);
            line += "}\n";
            std::fputs(line.c_str(), stdout);
        }
        std::fprintf(stderr, "tasklensd run: %s\n", what.c_str());
    };
    auto report = [&](const ExcRef& exc) {
        jsonl.flush();
        std::fflush(stdout);
        std::fputs(Vm::format_traceback(*exc).c_str(), stderr);
    };

    Outcome mod = vm.run_module(compiled.code, "tasklens_scenario");
    if (!mod.ok()) {
        if (vm.limit_hit()) {
            error_event(vm.limit_error());
            return 0;
        }
        report(mod.exc);
        return 2;
    }
    if (!vm.scenario_ran_loop) {
        Value main_fn = vm.globals().get("main");
        if (main_fn.is_null()) {
            jsonl.flush();
            std::fprintf(stderr, "tasklensd run: %s defines no main()\n", opt.file.c_str());
            return 2;
        }
        Outcome coro = vm.call(main_fn, {});
        if (!coro.ok()) {
            report(coro.exc);
            return 2;
        }
        if (!coro.value.is_obj() || coro.value.as_obj()->type()->layout() != Layout::Coroutine) {
            jsonl.flush();
            std::fprintf(stderr, "tasklensd run: main() returned %s, not a coroutine\n", type_name(coro.value).c_str());
            return 2;
        }
        vm.loop_running = true;
        rt::RunResult r = rt::run_virtual(loop, Ref<rt::Coroutine>(coro.value.obj_as<rt::Coroutine>()));
        vm.loop_running = false;
        sink.muted = true;
        if (vm.limit_hit()) error_event(vm.limit_error());
        else if (!r.error.empty()) error_event(r.error);
        if (r.status == rt::DoneState::Exception && r.exc && !vm.limit_hit()) report(r.exc);
    }
    jsonl.flush();
    std::fflush(stdout);
    return 0;
}

}  // namespace tl::script
