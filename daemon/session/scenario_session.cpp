// ScenarioSession: what `tasklensd run` does (daemon/script/run_main.cpp: parse,
// compile, the module body, asyncio.run(main())) rebuilt so that it runs in slices
// between which the daemon serves its clients, with the debugger's stops in between.
#include "daemon/session/scenario_session.h"

#include <chrono>

#include "daemon/object/ops.h"
#include "daemon/object/ops_support.h"
#include "daemon/object/str.h"
#include "daemon/runtime/future.h"
#include "daemon/runtime/scope.h"
#include "daemon/runtime/task.h"
#include "daemon/script/compiler.h"
#include "daemon/script/parser.h"
#include "daemon/script/source.h"
#include "daemon/script/vm.h"
#include "daemon/trace/jsonl_writer.h"

namespace tl::session {

namespace {

// Makes a session's Vm the interpreter's current one for a scope; none afterwards, so
// no session's Python code ever runs under another session's Vm.
class Activation {
public:
    explicit Activation(script::Vm* vm) : prev_(script::Vm::swap_current(vm)) {}
    ~Activation() { script::Vm::swap_current(prev_); }
    Activation(const Activation&) = delete;
    Activation& operator=(const Activation&) = delete;

private:
    script::Vm* prev_;
};

}  // namespace

// print() becomes `print` events, as run_main's EventSink (tracer.py's _emit_print);
// stderr writes go to the inspector as session/output.
class ScenarioSession::Sink : public script::PrintSink {
public:
    explicit Sink(ScenarioSession& s) : s_(s) {}
    void write_out(std::string_view text) override {
        if (muted) return;
        if (!text.empty() && text.back() == '\n') text.remove_suffix(1);
        else if (text.empty()) return;
        rt::Event e{rt::EventKind::Print};
        e.text = text;
        s_.loop_->emit(e);
    }
    void write_err(std::string_view text) override { s_.listener_->on_output(s_, text); }
    bool muted = false;

private:
    ScenarioSession& s_;
};

std::unique_ptr<ScenarioSession> ScenarioSession::create(std::string id, SessionConfig config, Listener* listener,
                                                         std::optional<StartError>& error) {
    script::ParseResult parsed = script::parse_module(config.source, config.name);
    if (!parsed.ok()) {
        error = StartError{*parsed.error};
        return nullptr;
    }
    script::CompileResult compiled = script::compile_module(*parsed.module, config.name);
    if (!compiled.ok()) {
        script::SourceFile sf(config.source, config.name);
        error = StartError{script::make_syntax_error(sf, compiled.error->line, compiled.error->col, compiled.error->message)};
        return nullptr;
    }
    std::unique_ptr<ScenarioSession> s(new ScenarioSession(std::move(id), std::move(config), listener));
    s->code_ = compiled.code;
    return s;
}

ScenarioSession::ScenarioSession(std::string id, SessionConfig config, Listener* listener)
    : id_(std::move(id)), config_(std::move(config)), listener_(listener) {
    if (config_.real_clock) {
        auto c = std::make_unique<PausableClock>(config_.speed);
        real_clock_ = c.get();
        clock_ = std::move(c);
    } else {
        auto c = std::make_unique<rt::VirtualClock>();
        virtual_clock_ = c.get();
        clock_ = std::move(c);
    }
    loop_ = std::make_unique<rt::EventLoop>(*clock_, rt::Semantics{config_.version}, static_cast<rt::Observer*>(this));
    sink_ = std::make_unique<Sink>(*this);
    script::VmLimits limits;
    limits.max_steps = config_.max_steps;
    limits.max_seconds = config_.max_slice_seconds;
    limits.max_heap_bytes = config_.max_heap_bytes;
    // Constructed with no Vm current, so its destructor leaves none current either.
    Activation none(nullptr);
    vm_ = std::make_unique<script::Vm>(loop_.get(), sink_.get(), limits);
    if (config_.diagnostics) {
        diagnostics_ = std::make_unique<diagnostics::CancelDiagnostics>(
            [this](const diagnostics::Diagnostic& d) { emit_diagnostic(d); });
    }
    state_ = config_.start_paused ? State::Paused : State::Running;
}

ScenarioSession::~ScenarioSession() { release_runtime(); }

void ScenarioSession::release_runtime() {
    if (!loop_) return;
    if (state_ != State::Exited) final_time_ = loop_->time();
    // Teardown as run_main's: the interpreter goes first, with no Vm current, so that
    // coroutines freed afterwards with the loop run no Python code.
    sink_->muted = true;
    loop_->set_observer(nullptr);
    {
        Activation active(vm_.get());
        for (rt::Task* t : loop_->live_tasks()) t->teardown();
    }
    runner_.reset();
    diagnostics_.reset();
    stopped_on_.clear();  // before the interpreter (a scenario exception class lives in it)
    {
        Activation none(nullptr);
        vm_.reset();
    }
    Activation none(nullptr);
    lineage_.clear();
    loop_.reset();
    sink_.reset();
}

const char* ScenarioSession::state_name() const {
    switch (state_) {
        case State::Paused: return "paused";
        case State::Running: return "running";
        case State::Exited: return "exited";
    }
    return "?";
}

double ScenarioSession::time() const { return loop_ && state_ != State::Exited ? loop_->time() : final_time_; }

size_t ScenarioSession::live_task_count() const { return state_ == State::Exited || !loop_ ? 0 : loop_->live_task_count(); }

void ScenarioSession::announce_start() {
    if (state_ == State::Paused) {
        listener_->on_stopped(*this, "entry", nullptr, {});
    } else {
        if (real_clock_) real_clock_->resume();
        listener_->wake(*this);
    }
}

// ---- events ---------------------------------------------------------------------------------

void ScenarioSession::on_event(const rt::Event& e) {
    if (diagnostics_) diagnostics_->before_event(e);
    scratch_.clear();
    uint64_t seq = ++seq_;
    trace::append_event_json(scratch_, e, seq, true);
    const char* kind = rt::event_name(e.kind);
    if (e.kind == rt::EventKind::TaskCreated && e.task) {
        lineage_[e.task] = Lineage{e.parent, e.parent ? e.parent->name() : std::string()};
    }
    record(kind, e.task ? std::string_view(e.task->name()) : std::string_view(), scratch_, &e);
    if (config_.stop_on_exception && e.kind == rt::EventKind::Done && e.state == rt::DoneState::Exception) {
        check_exception_stop(e);
    }
    if (diagnostics_) diagnostics_->after_event(e);
    if (e.kind == rt::EventKind::Done && e.task) lineage_.erase(e.task);
}

void ScenarioSession::record(std::string_view kind, std::string_view task, std::string json, const rt::Event* e) {
    uint64_t seq = seq_;
    check_breakpoints(kind, e, json);
    listener_->on_event(*this, seq, kind, task, json);
    history_.push(seq, kind, task, std::move(json));
}

void ScenarioSession::emit_diagnostic(const diagnostics::Diagnostic& d) {
    std::string json;
    diagnostics::append_diagnostic_json(json, d, ++seq_, loop_->time());
    record("diagnostic", d.task, std::move(json), nullptr);
}

void ScenarioSession::emit_error(const std::string& text) {
    // Not a contract event: why the run stopped early (as run_main's error event).
    std::string json = "{\"seq\": " + std::to_string(++seq_) + ", \"t\": ";
    char buf[64];
    std::snprintf(buf, sizeof buf, "%.17g", loop_->time());
    json += buf;
    json += ", \"event\": \"error\", \"text\": ";
    trace::append_json_string(json, text);
    json += '}';
    record("error", "", std::move(json), nullptr);
}

// ---- breakpoints ----------------------------------------------------------------------------

std::vector<Breakpoint> ScenarioSession::set_breakpoints(const Json& list) {
    static const char* const kKinds[] = {"task_created", "cancel", "uncancel", "throw", "done", "timeout_enter",
                                         "timeout_reschedule", "timeout_expire", "timeout_exit", "taskgroup_enter",
                                         "taskgroup_abort", "taskgroup_exit", "print", "exit", "callback_error",
                                         "diagnostic", "error"};
    std::vector<Breakpoint> out;
    int id = 0;
    for (const Json& j : list) {
        Breakpoint bp;
        bp.id = ++id;
        auto fail = [&](std::string m) {
            if (bp.verified) {
                bp.verified = false;
                bp.message = std::move(m);
            }
        };
        if (!j.is_object()) {
            fail("a breakpoint is an object");
            out.push_back(bp);
            continue;
        }
        for (auto it = j.begin(); it != j.end(); ++it) {
            const std::string& k = it.key();
            const Json& v = it.value();
            if (k == "event" || k == "task" || k == "scope") {
                if (!v.is_string()) { fail(k + ": a string"); continue; }
                std::string s = v.get<std::string>();
                if (k == "event") {
                    bool known = false;
                    for (const char* n : kKinds) known = known || s == n;
                    if (!known) fail("event: unknown event \"" + s + "\"");
                    bp.event = s;
                } else if (k == "task") {
                    bp.task = s;
                } else {
                    bp.scope = s;
                }
            } else if (k == "cancellingAtLeast") {
                if (!v.is_number_integer()) { fail("cancellingAtLeast: an integer"); continue; }
                bp.cancelling_at_least = v.get<int64_t>();
            } else {
                fail("unknown field \"" + k + "\"");
            }
        }
        if (bp.cancelling_at_least && bp.event && *bp.event != "cancel" && *bp.event != "uncancel") {
            fail("cancellingAtLeast: only cancel and uncancel events carry cancelling");
        }
        out.push_back(bp);
    }
    breakpoints_ = out;
    return out;
}

void ScenarioSession::check_breakpoints(std::string_view kind, const rt::Event* e, const std::string& json) {
    if (breakpoints_.empty() || state_ == State::Exited) return;
    std::vector<int> hits;
    for (const Breakpoint& bp : breakpoints_) {
        if (!bp.verified) continue;
        if (bp.event && *bp.event != kind) continue;
        if (bp.task && (!e || !e->task || e->task->name() != *bp.task)) continue;
        if (bp.scope && (!e || !e->scope || e->scope->label() != *bp.scope)) continue;
        if (bp.cancelling_at_least) {
            if (!e || (e->kind != rt::EventKind::Cancel && e->kind != rt::EventKind::Uncancel)) continue;
            if (e->cancelling < *bp.cancelling_at_least) continue;
        }
        hits.push_back(bp.id);
    }
    if (hits.empty() || stop_pending_) return;
    stop_pending_ = true;
    stop_reason_ = "breakpoint";
    stop_event_ = json;
    stop_hits_ = std::move(hits);
}

// stopOnException, as a debugger's "uncaught exceptions" filter: a task ended with an
// exception (not CancelledError: that is state cancelled) where it was raised, before
// anything could retrieve it. Once per exception object: the same object ending the task
// that awaited it (or main, i.e. out of asyncio.run) does not stop again; a new one (the
// ExceptionGroup a TaskGroup raises, a `raise X from e`) does.
void ScenarioSession::check_exception_stop(const rt::Event& e) {
    if (!e.task || stop_pending_ || state_ == State::Exited) return;
    ExceptionObject* exc = e.task->stored_exception().get();
    if (!exc) return;
    for (const ExcRef& seen : stopped_on_) {
        if (seen.get() == exc) return;
    }
    stopped_on_.emplace_back(exc);
    stop_pending_ = true;
    stop_reason_ = "exception";
    stop_event_ = scratch_;
    stop_hits_.clear();
    // The message without running scenario code: a class with its own __str__ gets null.
    Json message = nullptr;
    if (find_override(exc->type(), "__str__").is_null()) message = exception_str(*exc);
    // Where it was raised: the innermost frame of its traceback (entries are outermost first).
    Json file = nullptr, line = nullptr, function = nullptr;
    if (!exc->traceback.empty()) {
        const TracebackEntry& where = exc->traceback.back();
        file = where.file;
        line = where.line;
        function = where.function;
    }
    stop_exception_ = Json{{"task", e.task->name()}, {"type", exc->type_name()}, {"message", message},
                           {"file", file}, {"line", line}, {"function", function}};
}

// ---- running --------------------------------------------------------------------------------

bool ScenarioSession::start_main() {
    module_ran_ = true;
    if (real_clock_) vm_->loop_running = true;  // a module-level asyncio.run() needs the virtual clock
    Outcome mod = vm_->run_module(code_, "tasklens_scenario");
    if (real_clock_) vm_->loop_running = false;
    if (!mod.ok()) {
        if (vm_->limit_hit()) {
            finish(vm_->limit_error());
        } else {
            std::string tb = script::Vm::format_traceback(*mod.exc);
            listener_->on_output(*this, tb);
            finish("the module body raised " + mod.exc->type_name());
        }
        return false;
    }
    if (vm_->scenario_ran_loop) {
        // The module ran asyncio.run() itself, on the virtual clock, to the end.
        finish("");
        return false;
    }
    Value main_fn = vm_->globals().get("main");
    if (main_fn.is_null()) {
        finish(config_.name + " defines no main()");
        return false;
    }
    Outcome coro = vm_->call(main_fn, {});
    if (!coro.ok()) {
        listener_->on_output(*this, script::Vm::format_traceback(*coro.exc));
        finish("main() raised " + coro.exc->type_name());
        return false;
    }
    if (!coro.value.is_obj() || coro.value.as_obj()->type()->layout() != Layout::Coroutine) {
        finish("main() returned " + type_name(coro.value) + ", not a coroutine");
        return false;
    }
    vm_->loop_running = true;
    runner_ = std::make_unique<SteppedRunner>(*loop_, Ref<rt::Coroutine>(coro.value.obj_as<rt::Coroutine>()));
    return true;
}

ScenarioSession::Slice ScenarioSession::run_slice(SliceBudget budget) {
    if (state_ != State::Running) return {Slice::Kind::Idle};
    Activation active(vm_.get());
    vm_->restart_wall_clock();
    auto started = std::chrono::steady_clock::now();
    uint32_t callbacks = 0;
    for (;;) {
        if (!module_ran_) {
            ++step_callbacks_;
            if (!start_main()) return {Slice::Kind::Idle};
        } else {
            SteppedRunner::Step r = runner_->step();
            if (r == SteppedRunner::Step::Exited) {
                finish(runner_->result().error);
                return {Slice::Kind::Idle};
            }
            if (r == SteppedRunner::Step::Wait) {
                double wall = runner_->wait_seconds() / config_.speed;
                return {Slice::Kind::Wait, wall};
            }
            if (r == SteppedRunner::Step::PassEnd) {
                // Not after `exit` (shutdown_asyncgens runs muted).
                if (diagnostics_ && runner_->phase() != SteppedRunner::Phase::ShutdownAsyncgens) {
                    diagnostics_->on_pass_end(runner_->passes());
                }
                continue;
            }
            ++step_callbacks_;
            if (vm_->limit_hit()) {
                sink_->muted = true;
                runner_->abort(vm_->limit_error());
                finish(vm_->limit_error());
                return {Slice::Kind::Idle};
            }
        }
        if (state_ == State::Exited) return {Slice::Kind::Idle};
        if (stop_pending_) {
            stop_pending_ = false;
            step_kind_ = StepKind::None;
            std::string ev = std::move(stop_event_);
            enter_paused(stop_reason_, &ev, stop_hits_);
            return {Slice::Kind::Idle};
        }
        // Task: the callbacks up to and including the next one that ran a task step
        // (callbacks that are not task steps, e.g. timer or done callbacks, run through).
        if (step_kind_ == StepKind::Callback ||
            (step_kind_ == StepKind::Event && (seq_ > step_events_at_start_ || step_callbacks_ >= 1'000'000)) ||
            (step_kind_ == StepKind::Task &&
             (loop_->task_steps() > step_task_steps_at_start_ || step_callbacks_ >= 1'000'000))) {
            step_kind_ = StepKind::None;
            enter_paused("step", nullptr, {});
            return {Slice::Kind::Idle};
        }
        if (++callbacks >= budget.max_callbacks) return {Slice::Kind::More};
        if (budget.yield_when && budget.yield_when()) return {Slice::Kind::More};
        if ((callbacks & 31) == 0) {
            std::chrono::duration<double> d = std::chrono::steady_clock::now() - started;
            if (d.count() >= budget.max_seconds) return {Slice::Kind::More};
        }
    }
}

void ScenarioSession::finish(const std::string& error) {
    if (state_ == State::Exited) return;
    vm_->loop_running = false;
    sink_->muted = true;
    if (!error.empty()) emit_error(error);
    // A limit or error before main's task existed: the run still ends with `exit`.
    const rt::RunResult* r = runner_ ? &runner_->result() : nullptr;
    if (runner_ && !runner_->exited()) runner_->abort(error);
    state_ = State::Exited;
    final_time_ = loop_->time();
    if (real_clock_) real_clock_->pause();
    std::string status = "error";
    Json exc = nullptr;
    if (r && error.empty()) {
        status = rt::done_state_name(r->status);
        if (r->exc) exc = r->exc->type_name();
    } else if (!r && error.empty()) {
        status = "finished";  // a module-level asyncio.run() ran the scenario
    }
    exit_params_ = Json{{"session", id_}, {"status", status}, {"exc", exc},
                        {"error", error.empty() ? Json(nullptr) : Json(error)}};
    listener_->on_exited(*this, exit_params_);
}

void ScenarioSession::enter_paused(const char* reason, const std::string* event, const std::vector<int>& hits) {
    state_ = State::Paused;
    if (real_clock_) real_clock_->pause();
    listener_->on_stopped(*this, reason, event, hits);
}

// ---- steering -------------------------------------------------------------------------------

void ScenarioSession::pause() {
    if (state_ != State::Running) return;
    step_kind_ = StepKind::None;
    enter_paused("pause", nullptr, {});
}

void ScenarioSession::resume() {
    if (state_ != State::Paused) return;
    state_ = State::Running;
    step_kind_ = StepKind::None;
    if (real_clock_) real_clock_->resume();
    listener_->on_continued(*this);
    listener_->wake(*this);
}

std::string ScenarioSession::step(StepKind kind) {
    if (state_ != State::Paused) return "the session is not paused";
    step_kind_ = kind;
    step_events_at_start_ = seq_;
    step_task_steps_at_start_ = loop_ ? loop_->task_steps() : 0;
    step_callbacks_ = 0;
    state_ = State::Running;
    if (real_clock_) real_clock_->resume();
    listener_->on_continued(*this);
    listener_->wake(*this);
    return "";
}

void ScenarioSession::stop() {
    if (state_ == State::Exited) return;
    if (runner_) runner_->stop_silently();
    vm_->loop_running = false;
    sink_->muted = true;
    state_ = State::Exited;
    final_time_ = loop_->time();
    if (real_clock_) real_clock_->pause();
    exit_params_ = Json{{"session", id_}, {"status", "stopped"}, {"exc", nullptr}, {"error", nullptr}};
    listener_->on_exited(*this, exit_params_);
}

std::string ScenarioSession::advance(std::optional<double> dt, std::optional<double> t, double& new_time) {
    if (!virtual_clock_) return "session/advance needs the virtual clock";
    double target = dt ? loop_->time() + *dt : *t;
    if (!loop_) return "the session has exited";
    if (target < loop_->time()) return "the clock never moves backwards";
    virtual_clock_->advance_to(target);
    new_time = loop_->time();
    return "";
}

rt::Task* ScenarioSession::find_live_task(const std::string& name) const {
    if (state_ == State::Exited || !loop_) return nullptr;
    for (rt::Task* t : loop_->live_tasks()) {
        if (t->name() == name) return t;
    }
    return nullptr;
}

std::string ScenarioSession::cancel_task(const std::string& name, const std::optional<std::string>& msg, Json& result) {
    rt::Task* t = find_live_task(name);
    if (!t) return "params.task: no live task \"" + name + "\"";
    Ref<rt::Task> keep(t);
    Activation active(vm_.get());
    bool r;
    {
        rt::EventLoop::CauseScope cs(*loop_, rt::Cause{rt::CauseKind::Inspector, nullptr});
        r = t->cancel(msg ? make_str(*msg) : Value::none());
    }
    stop_pending_ = false;  // the session is paused already
    result = Json{{"result", r}, {"cancelling", t->cancelling()}, {"mustCancel", t->must_cancel()}};
    return "";
}

std::string ScenarioSession::uncancel_task(const std::string& name, Json& result) {
    rt::Task* t = find_live_task(name);
    if (!t) return "params.task: no live task \"" + name + "\"";
    Ref<rt::Task> keep(t);
    Activation active(vm_.get());
    {
        rt::EventLoop::CauseScope cs(*loop_, rt::Cause{rt::CauseKind::Inspector, nullptr});
        t->uncancel();
    }
    stop_pending_ = false;
    result = Json{{"cancelling", t->cancelling()}, {"mustCancel", t->must_cancel()}};
    return "";
}

// ---- inspection -----------------------------------------------------------------------------

Json ScenarioSession::tasks_json() const {
    Json tasks = Json::array();
    if (state_ != State::Exited && loop_) {
        std::vector<rt::Task*> live = loop_->live_tasks();
        for (rt::Task* t : live) {
            Json j;
            j["task"] = t->name();
            j["coro"] = t->coro() ? Json(t->coro()->qualname()) : Json(nullptr);
            j["state"] = "pending";
            j["cancelling"] = t->cancelling();
            j["mustCancel"] = t->must_cancel();
            rt::Future* w = t->fut_waiter();
            if (!w) {
                j["waitingOn"] = nullptr;
            } else if (auto* wt = dynamic_cast<rt::Task*>(w)) {
                j["waitingOn"] = Json{{"kind", "task"}, {"task", wt->name()}};
            } else {
                j["waitingOn"] = Json{{"kind", "future"}, {"label", w->label ? Json(w->label) : Json(nullptr)}};
            }
            Json scopes = Json::array();
            for (rt::Scope* s : t->scopes()) {
                scopes.push_back(Json{{"scope", s->label()},
                                      {"kind", s->kind() == rt::Scope::Kind::Timeout ? "timeout" : "taskgroup"},
                                      {"state", s->state_name()}});
            }
            j["scopes"] = scopes;
            rt::SourceLocation loc = t->coro() ? t->coro()->location() : rt::SourceLocation{};
            if (loc.line > 0) {
                j["location"] = Json{{"file", loc.file}, {"line", loc.line}, {"function", loc.function}};
            } else {
                j["location"] = nullptr;
            }
            auto lin = lineage_.find(t);
            j["parent"] = lin != lineage_.end() && lin->second.parent ? Json(lin->second.parent_name) : Json(nullptr);
            Json children = Json::array();
            for (rt::Task* c : live) {
                auto cl = lineage_.find(c);
                if (cl != lineage_.end() && cl->second.parent == t) children.push_back(c->name());
            }
            j["children"] = children;
            j["current"] = loop_->current_task() == t;
            tasks.push_back(std::move(j));
        }
    }
    return Json{{"session", id_}, {"time", time()}, {"state", state_name()}, {"tasks", tasks}};
}

}  // namespace tl::session
