// asyncio.Barrier (locks.py): a fixed number of parties meet in wait(); built on a
// Condition, so waiting, cancellation and re-acquiring follow Condition.wait's rules.
// _block/_release/_wait are inlined into wait(): they are plain awaits, never tasks.
#include "daemon/runtime/locks.h"

namespace tl::rt::locks {

Type* barrier_type() {
    static Type* t = [] {
        auto* ty = new Type("Barrier", {loop_bound_mixin_type()}, Layout::Other);
        ty->module = "asyncio.locks";
        ty->make_immortal();
        return ty;
    }();
    return t;
}

Type* broken_barrier_error_type() {
    static Type* t = [] {
        auto* ty = new Type("BrokenBarrierError", {exc_types().RuntimeError}, Layout::Exception);
        ty->module = "asyncio.exceptions";
        ty->make_immortal();
        return ty;
    }();
    return t;
}

Barrier::Barrier(EventLoop& loop, int64_t parties)
    : LoopBound(barrier_type(), loop), cond_(new Condition(loop)), parties_(parties) {}

// Barrier.__init__
Outcome Barrier::make(EventLoop& loop, int64_t parties) {
    if (parties < 1) {
        const char* msg = loop.semantics().barrier_parties_message_ge_1() ? "parties must be >= 1" : "parties must be > 0";
        return Outcome::raise(make_exception(exc_types().ValueError, msg));
    }
    return Outcome::ok(Value(new Barrier(loop, parties)));
}

// Barrier.wait, with _block, _release and _wait inline.
Native Barrier::wait_body(Ref<Barrier> self) {
    // async with self._cond:
    Outcome enter = co_await delegate(self->cond_->aenter());
    if (!enter.ok()) co_return enter;
    Outcome body;
    do {
        // _block: wait while draining or resetting; a broken barrier raises.
        Outcome blocked = co_await delegate(self->cond_->wait_for([raw = self.get()]() {
            return Outcome::ok(Value::boolean(raw->state_ != State::Draining && raw->state_ != State::Resetting));
        }));
        if (!blocked.ok()) {
            body = std::move(blocked);
            break;
        }
        if (self->state_ == State::Broken) {
            body = Outcome::raise(make_exception(broken_barrier_error_type(), "Barrier aborted"));
            break;
        }
        // try:
        int64_t index = self->count_;
        self->count_ += 1;
        if (index + 1 == self->parties_) {
            // _release: the last party starts the draining.
            self->state_ = State::Draining;
            self->cond_->notify_all();
            body = Outcome::ok(Value::integer(index));
        } else {
            // _wait: until the filling ends; reset or abort make it an error.
            Outcome waited = co_await delegate(self->cond_->wait_for([raw = self.get()]() {
                return Outcome::ok(Value::boolean(raw->state_ != State::Filling));
            }));
            if (!waited.ok()) {
                body = std::move(waited);
            } else if (self->state_ == State::Broken || self->state_ == State::Resetting) {
                body = Outcome::raise(make_exception(broken_barrier_error_type(), "Abort or reset of barrier"));
            } else {
                body = Outcome::ok(Value::integer(index));
            }
        }
        // finally:
        self->count_ -= 1;
        self->exit_();
    } while (false);
    Outcome exit = co_await delegate(self->cond_->aexit());
    if (!exit.ok()) co_return exit;
    co_return body;
}

Ref<Coroutine> Barrier::wait() { return native(wait_body(Ref<Barrier>(this)), "Barrier.wait"); }

// Barrier._exit: the last task out ends draining or resetting and wakes the blocked.
void Barrier::exit_() {
    if (count_ == 0) {
        if (state_ == State::Resetting || state_ == State::Draining) state_ = State::Filling;
        cond_->notify_all();
    }
}

// Barrier.reset
Native Barrier::reset_body(Ref<Barrier> self) {
    Outcome enter = co_await delegate(self->cond_->aenter());
    if (!enter.ok()) co_return enter;
    if (self->count_ > 0) {
        if (self->state_ != State::Resetting) self->state_ = State::Resetting;
    } else {
        self->state_ = State::Filling;
    }
    self->cond_->notify_all();
    Outcome exit = co_await delegate(self->cond_->aexit());
    if (!exit.ok()) co_return exit;
    co_return Outcome::ok(Value::none());
}

Ref<Coroutine> Barrier::reset() { return native(reset_body(Ref<Barrier>(this)), "Barrier.reset"); }

// Barrier.abort
Native Barrier::abort_body(Ref<Barrier> self) {
    Outcome enter = co_await delegate(self->cond_->aenter());
    if (!enter.ok()) co_return enter;
    self->state_ = State::Broken;
    self->cond_->notify_all();
    Outcome exit = co_await delegate(self->cond_->aexit());
    if (!exit.ok()) co_return exit;
    co_return Outcome::ok(Value::none());
}

Ref<Coroutine> Barrier::abort() { return native(abort_body(Ref<Barrier>(this)), "Barrier.abort"); }

namespace {

// Barrier.__aenter__
Native barrier_aenter_body(Ref<Barrier> self) { co_return co_await delegate(self->wait()); }

// Barrier.__aexit__
Native barrier_aexit_body(Ref<Barrier>) { co_return Outcome::ok(Value::none()); }

}  // namespace

Ref<Coroutine> Barrier::aenter() { return native(barrier_aenter_body(Ref<Barrier>(this)), "Barrier.__aenter__"); }
Ref<Coroutine> Barrier::aexit() { return native(barrier_aexit_body(Ref<Barrier>(this)), "Barrier.__aexit__"); }

const char* Barrier::state_name() const {
    switch (state_) {
        case State::Filling: return "filling";
        case State::Draining: return "draining";
        case State::Resetting: return "resetting";
        case State::Broken: return "broken";
    }
    return "filling";
}

// Barrier.__repr__'s bracket.
std::string Barrier::repr_extra() const {
    std::string extra = state_name();
    if (!broken()) extra += ", waiters:" + std::to_string(n_waiting()) + "/" + std::to_string(parties_);
    return "[" + extra + "]";
}

}  // namespace tl::rt::locks
