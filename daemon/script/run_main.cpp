// The run command: flags, loading (parse + compile, errors reported before anything
// runs), the module body, then asyncio.run(main()) as the reference tracer does it
// (tests/conformance/tracer.py: the module is imported under a name other than
// __main__, then main() runs on the virtual loop), and the trace on stdout.
#include "daemon/script/run_main.h"

#include <sys/stat.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <optional>
#include <sstream>
#include <string>

#include "daemon/object/str.h"
#include "daemon/runtime/runner.h"
#include "daemon/runtime/semantics.h"
#include "daemon/script/compiler.h"
#include "daemon/script/diagnostic.h"
#include "daemon/script/diagnostics_trace.h"
#include "daemon/script/parser.h"
#include "daemon/script/function.h"
#include "daemon/script/lexer.h"
#include "daemon/script/source.h"
#include "daemon/script/traceback.h"
#include "daemon/script/vm.h"
#include "daemon/session/real_clock_run.h"
#include "daemon/trace/jsonl_writer.h"

namespace tl::script {

namespace {

struct Options {
    rt::PyVersion version = rt::kDefaultVersion;
    bool real_clock = false;
    double speed = 1.0;
    bool text = false;
    bool none = false;  // --format none: no trace at all (benchmarks)
    bool diagnostics = false;  // --diagnostics: cancellation findings in the trace
    uint64_t max_steps = VmLimits{}.max_steps;
    double timeout = VmLimits{}.max_seconds;
    uint64_t max_heap_mb = VmLimits{}.max_heap_bytes >> 20;
    std::string file;
    bool help = false;
};

const char* const kUsage =
    "usage: tasklensd run [--python 3.11|3.12|3.13|3.14] [--clock virtual|real] [--speed X]\n"
    "                     [--format jsonl|text|none] [--max-steps N] [--timeout SECONDS]\n"
    "                     [--max-heap MIB] [--diagnostics] FILE\n";

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
    "  --max-heap M      stop the run with an `error` event once the process has more than\n"
    "                    M MiB allocated (default 4096; 0: no limit)\n"
    "  --diagnostics     add the daemon's cancellation findings to the trace as `diagnostic`\n"
    "                    events (code, task, file, line, message), as sessions stream them\n"
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
        } else if (a == "--diagnostics") {
            o.diagnostics = true;
        } else if (a == "--max-steps") {
            if (!value(v)) return false;
            o.max_steps = std::strtoull(v.c_str(), nullptr, 10);
        } else if (a == "--max-heap") {
            if (!value(v)) return false;
            o.max_heap_mb = std::strtoull(v.c_str(), nullptr, 10);
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

// Reads the scenario; on failure `why` is the one-line reason.
// Forwards every event to the trace writer and logs callback errors on stderr as
// asyncio's default exception handler does (call_exception_handler: the message, then
// the exception's traceback).
class CallbackErrorLogger : public rt::Observer {
public:
    CallbackErrorLogger(rt::Observer* inner, const SourceLines& lines) : inner_(inner), lines_(lines) {}
    void on_event(const rt::Event& e) override {
        inner_->on_event(e);
        if (e.kind != rt::EventKind::CallbackError) return;
        std::fflush(stdout);
        std::string text(e.text.empty() ? std::string_view("Exception in callback") : std::string_view(e.text));
        text += "\n";
        if (e.exc) text += format_exception(*e.exc, lines_);
        std::fputs(text.c_str(), stderr);
    }

private:
    rt::Observer* inner_;
    const SourceLines& lines_;
};

bool read_file(const std::string& path, std::string& out, std::string& why) {
    struct stat st {};
    if (::stat(path.c_str(), &st) != 0) {
        why = "cannot read " + path + ": " + std::strerror(errno);
        return false;
    }
    if (S_ISDIR(st.st_mode)) {
        why = path + " is a directory, not a scenario file";
        return false;
    }
    std::ifstream in(path, std::ios::binary);
    if (!in) {
        why = "cannot read " + path + ": " + std::strerror(errno);
        return false;
    }
    std::ostringstream ss;
    ss << in.rdbuf();
    out = ss.str();
    return true;
}

// The modules a scenario may import (Vm::import_module's list).
bool importable(std::string_view name) {
    return name == "asyncio" || name == "sys" || name == "time" || name == "random" || name == "__future__";
}

// Load-time import check: every `import X` / `from X import` whose module tasklens does
// not provide is reported at its position before anything runs, as a syntax error
// would be. Token-based, so imports inside functions are found too.
std::optional<SyntaxError> check_imports(const std::string& source, const std::string& file) {
    LexResult lexed = lex(source, file);
    if (!lexed.ok()) return std::nullopt;  // the parser has reported it already
    const auto& t = lexed.tokens;
    auto statement_start = [&](size_t i) {
        if (i == 0) return true;
        TokenKind k = t[i - 1].kind;
        return k == TokenKind::Newline || k == TokenKind::Indent || k == TokenKind::Dedent || k == TokenKind::Semi;
    };
    SourceFile sf(source, file);
    auto refuse = [&](const Token& name, std::string module) {
        return make_syntax_error(sf, name.line, name.col,
                                 "module '" + module + "' is not available in tasklens scenarios");
    };
    for (size_t i = 0; i + 1 < t.size(); ++i) {
        if (!statement_start(i)) continue;
        if (t[i].kind == TokenKind::KwImport) {
            // import a.b as c, d
            size_t j = i + 1;
            while (j < t.size() && t[j].kind == TokenKind::Name) {
                size_t first = j;
                std::string module(t[j].text);
                while (j + 2 < t.size() && t[j + 1].kind == TokenKind::Dot && t[j + 2].kind == TokenKind::Name) {
                    module += "." + std::string(t[j + 2].text);
                    j += 2;
                }
                if (!importable(module)) return refuse(t[first], module);
                ++j;
                if (j + 1 < t.size() && t[j].kind == TokenKind::KwAs) j += 2;
                if (j < t.size() && t[j].kind == TokenKind::Comma) ++j;
                else break;
            }
        } else if (t[i].kind == TokenKind::KwFrom && t[i + 1].kind == TokenKind::Name) {
            size_t j = i + 1;
            std::string module(t[j].text);
            while (j + 2 < t.size() && t[j + 1].kind == TokenKind::Dot && t[j + 2].kind == TokenKind::Name) {
                module += "." + std::string(t[j + 2].text);
                j += 2;
            }
            if (!importable(module)) return refuse(t[i + 1], module);
        }
    }
    return std::nullopt;
}

// "FILE:LINE:COL: SyntaxError: msg" with the error's real class name instead.
std::string format_as(const SyntaxError& e, const char* kind) {
    std::string text = e.format();
    size_t at = text.find("SyntaxError: ");
    if (at != std::string::npos) text.replace(at, 11, kind);
    return text;
}

}  // namespace

int run_main(int argc, char** argv) {
    Options opt;
    if (!parse_args(argc, argv, opt)) return opt.help ? 0 : 2;
    std::string source, why;
    if (!read_file(opt.file, source, why)) {
        std::fprintf(stderr, "tasklensd run: %s\n", why.c_str());
        return 2;
    }
    ParseResult parsed = parse_module(source, opt.file);
    if (!parsed.ok()) {
        std::fputs(parsed.error->format().c_str(), stderr);
        return 2;
    }
    if (auto bad = check_imports(source, opt.file)) {
        std::fputs(format_as(*bad, "ModuleNotFoundError").c_str(), stderr);
        return 2;
    }
    CompileResult compiled = compile_module(*parsed.module, opt.file);
    if (!compiled.ok()) {
        SourceFile sf(source, opt.file);
        SyntaxError err = make_syntax_error(sf, compiled.error->line, compiled.error->col, compiled.error->message);
        std::fputs(err.format().c_str(), stderr);
        return 2;
    }
    // --clock real: timers wait in wall time / speed, on a libuv loop (daemon/session).
    rt::VirtualClock virtual_clock;
    rt::RealClock real_clock(opt.speed);
    rt::Clock& clock = opt.real_clock ? static_cast<rt::Clock&>(real_clock) : virtual_clock;
    trace::JsonlWriter jsonl(stdout, true);
    TextWriter text;
    // Source lines for tracebacks: the scenario is the only file with Python frames.
    std::vector<std::string> src_lines;
    {
        std::istringstream ls(source);
        for (std::string l; std::getline(ls, l);) src_lines.push_back(l);
    }
    SourceLines lines = [&](const std::string& file, int line) -> std::string {
        if (file != opt.file || line < 1 || static_cast<size_t>(line) > src_lines.size()) return "";
        return src_lines[static_cast<size_t>(line) - 1];
    };
    rt::Observer* writer = opt.text ? static_cast<rt::Observer*>(&text) : &jsonl;
    // --diagnostics: events go through the analyser's writer, which numbers its findings.
    std::optional<DiagnosticsTrace> diag;
    if (opt.diagnostics && !opt.none) writer = &diag.emplace(stdout, opt.text ? writer : nullptr);
    CallbackErrorLogger logged(writer, lines);
    rt::Observer* observer = opt.none ? nullptr : &logged;
    rt::EventLoop loop(clock, rt::Semantics{opt.version}, observer);
    if (diag) diag->attach(&loop);
    EventSink sink(loop);
    sink.muted = opt.none;  // print events need an observer; `none` has none
    VmLimits limits;
    limits.max_steps = opt.max_steps;
    limits.max_seconds = opt.timeout;
    limits.max_heap_bytes = opt.max_heap_mb << 20;
    Vm vm(&loop, &sink, limits);

    auto error_event = [&](const std::string& what) {
        // Not a contract event: says why the run stopped early.
        uint64_t seq = (diag ? diag->count() : opt.text ? text.count() : jsonl.count()) + 1;
        jsonl.flush();
        if (diag) diag->flush();
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
        if (diag) diag->flush();
        std::fflush(stdout);
        std::fputs(format_exception(*exc, lines).c_str(), stderr);
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
            std::fprintf(stderr, "tasklensd run: %s defines no main() (a scenario needs `async def main()`)\n", opt.file.c_str());
            return 2;
        }
        // Refused before it is called: a plain def main() would run its body first.
        bool is_async_def = main_fn.is_obj() && main_fn.as_obj()->type() == function_type() &&
                            main_fn.obj_as<FunctionObject>()->code->is_coroutine();
        if (!is_async_def) {
            jsonl.flush();
            bool plain_def = main_fn.is_obj() && main_fn.as_obj()->type() == function_type();
            std::fprintf(stderr, "tasklensd run: %s: main is %s, not an async function (write `async def main()`)\n",
                         opt.file.c_str(), plain_def ? "a plain function" : ("a '" + type_name(main_fn) + "' object").c_str());
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
        Ref<rt::Coroutine> main_coro(coro.value.obj_as<rt::Coroutine>());
        rt::RunResult r = opt.real_clock ? session::run_real_clock(loop, main_coro, opt.speed)
                          : diag         ? run_virtual_diagnosed(loop, main_coro, *diag)
                                         : rt::run_virtual(loop, main_coro);
        vm.loop_running = false;
        sink.muted = true;
        if (vm.limit_hit()) error_event(vm.limit_error());
        else if (!r.error.empty()) error_event(r.error);
        if (r.status == rt::DoneState::Exception && r.exc && !vm.limit_hit()) report(r.exc);
    }
    jsonl.flush();
    if (diag) diag->flush();
    std::fflush(stdout);
    return 0;
}

}  // namespace tl::script
