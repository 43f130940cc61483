// The virtual-clock driver for asyncio.run: BaseEventLoop.run_until_complete /
// run_forever pass by pass, then runners._cancel_all_tasks; and the steps it is made
// of, shared with daemon/session/stepped_runner.
#include "daemon/runtime/runner.h"

#include <vector>

#include "daemon/runtime/combinators.h"

namespace tl::rt {

namespace {

void stop_loop_cb(Object* self, Future*) {
    // base_events._run_until_complete_cb: the future is done, stop the loop.
    static_cast<Future*>(self)->loop()->stop();
}

// run_until_complete(fut) + run_forever: passes until the stop callback ran.
bool run_until_complete(EventLoop& loop, Future* fut, const RunLimits& limits, RunResult& res) {
    stop_loop_when_done(fut);
    for (;;) {
        if (!loop.run_once_virtual()) {
            res.deadlocked = true;
            res.error = kDeadlockError;
            return false;
        }
        if (after_pass(loop, fut, res) != PassOutcome::Continue) return true;
        if (limits.max_callbacks && loop.callbacks_run() >= limits.max_callbacks) {
            res.limit_hit = true;
            res.error = "step limit reached after " + std::to_string(loop.callbacks_run()) + " callbacks";
            return false;
        }
    }
}

// What the observer sees while shutdown_asyncgens runs: nothing (the tracer mutes
// everything after `exit`; the hooks report close errors on stderr themselves).
constexpr uint64_t kShutdownMaxPasses = 200000;  // tracer.py's VirtualClockLoop.max_passes

class Muted final : public Observer {
public:
    void on_event(const Event&) override {}
};

}  // namespace

void shutdown_asyncgens(EventLoop& loop, RunLimits limits) {
    AsyncGenHooks* hooks = loop.asyncgen_hooks();
    if (!hooks) return;
    Observer* saved = loop.observer();
    Muted muted;
    loop.set_observer(&muted);
    if (Ref<Future> all = hooks->shutdown_asyncgens(loop)) {
        // run_until_complete, bounded: a generator whose finally never ends would keep a
        // virtual clock running for ever (CPython hangs; the tracer gives up after
        // 200000 passes, after `exit`, and so do we, silently).
        stop_loop_when_done(all.get());
        RunResult scratch;
        for (uint64_t pass = 0; pass < kShutdownMaxPasses; ++pass) {
            if (!loop.run_once_virtual()) break;
            if (after_pass(loop, all.get(), scratch) != PassOutcome::Continue) break;
            if (limits.max_callbacks && loop.callbacks_run() >= limits.max_callbacks) break;
        }
        // run_until_complete's `finally: future.remove_done_callback(...)`: when we gave
        // up, the callback (which holds the future) would otherwise keep it alive for ever.
        all->remove_done_callback(DoneCallback{&stop_loop_cb, Value(all.get())});
    }
    loop.set_observer(saved);
    hooks->loop_closed();
}

void stop_loop_when_done(Future* fut) { fut->add_done_callback(DoneCallback{&stop_loop_cb, Value(fut)}); }

void unstop_loop_when_done(Future* fut) { fut->remove_done_callback(DoneCallback{&stop_loop_cb, Value(fut)}); }

PassOutcome after_pass(EventLoop& loop, Future* fut, RunResult& res) {
    if (loop.has_fatal()) {
        // run_until_complete's `finally: future.remove_done_callback(...)`; run_forever's
        // `finally: self._stopping = False`.
        fut->remove_done_callback(DoneCallback{&stop_loop_cb, Value(fut)});
        loop.clear_stopping();
        ExcRef e = loop.take_fatal();
        if (!res.fatal) res.fatal = e;
        return PassOutcome::Fatal;
    }
    // run_forever: `if self._stopping: break` after each pass.
    if (!loop.stopping()) return PassOutcome::Continue;
    loop.clear_stopping();
    return PassOutcome::Completed;
}

Ref<Future> cancel_all_tasks(EventLoop& loop) {
    std::vector<Task*> left = loop.live_tasks();
    if (left.empty()) return nullptr;
    std::vector<Ref<Task>> keep(left.begin(), left.end());
    {
        EventLoop::CauseScope cs(loop, Cause{CauseKind::Runner, nullptr});
        for (auto& t : keep) t->cancel();
    }
    std::vector<Value> args(keep.begin(), keep.end());
    Outcome g = gather(loop, args, /*return_exceptions=*/true);
    if (!g.ok()) return nullptr;
    return future_of(g.value);
}

void finish_run(EventLoop& loop, Task& main_task, RunResult& res) {
    if (main_task.done()) {
        if (main_task.cancelled()) {
            res.status = DoneState::Cancelled;
        } else if (main_task.stored_exception()) {
            res.status = DoneState::Exception;
            res.exc = main_task.stored_exception();
        } else {
            res.result = main_task.stored_result();
        }
    } else {
        res.status = DoneState::Exception;
    }
    if (loop.observer()) {
        Event e{EventKind::Exit};
        e.state = res.status;
        if (res.exc) e.exc_type = res.exc->type();
        loop.emit(e);
    }
}

RunResult run_virtual(EventLoop& loop, Ref<Coroutine> main, RunLimits limits) {
    RunResult res;
    Ref<Task> main_task = create_task(loop, std::move(main));
    bool completed = run_until_complete(loop, main_task.get(), limits, res);
    if (completed) {
        // loop.run_until_complete(tasks.gather(*to_cancel, return_exceptions=True))
        if (Ref<Future> all = cancel_all_tasks(loop)) run_until_complete(loop, all.get(), limits, res);
    }
    finish_run(loop, *main_task, res);
    if (completed) shutdown_asyncgens(loop, limits);
    return res;
}

}  // namespace tl::rt
