// asyncio's synchronization primitives (locks.py): Event, Lock, Condition, Semaphore and
// BoundedSemaphore. Waiters are futures of the primitive's loop, woken in FIFO order; a
// waiter woken and then cancelled before it ran passes the wake-up on. Async methods
// return a Ref<Coroutine> (a native coroutine named as CPython's, e.g. "Lock.acquire").
#pragma once

#include <deque>
#include <functional>
#include <string>

#include "daemon/object/outcome.h"
#include "daemon/runtime/coroutine.h"
#include "daemon/runtime/event_loop.h"
#include "daemon/runtime/future.h"
#include "daemon/runtime/native_coro.h"

// The namespace is the Python module's: `Event` here is asyncio.locks.Event, not the
// trace event of observer.h.
namespace tl::rt::locks {

// Python types, module "asyncio.locks", MRO as CPython's (mixins included), so scenarios
// can print and isinstance() them.
Type* loop_bound_mixin_type();      // mixins._LoopBoundMixin
Type* context_manager_mixin_type(); // locks._ContextManagerMixin
Type* event_type();
Type* lock_type();
Type* condition_type();
Type* semaphore_type();
Type* bounded_semaphore_type();
Type* barrier_type();
// asyncio.BrokenBarrierError (asyncio.exceptions, a RuntimeError), raised by Barrier.wait.
Type* broken_barrier_error_type();

using WaiterDeque = std::deque<Ref<Future>>;

// deque.remove(fut): drops the first waiter that `is` fut; false (ValueError in Python)
// when it is not there.
bool remove_waiter(WaiterDeque& waiters, const Future* fut);

// _LoopBoundMixin: the loop the waiter futures belong to. CPython binds to the running loop
// on first use; here the loop is given at construction (one loop per run).
class LoopBound : public Object {
public:
    LoopBound(Type* type, EventLoop& loop) : Object(type), loop_(&loop) {}
    EventLoop& loop() const { return *loop_; }

protected:
    // loop.create_future(), labelled for the inspector's "waiting on".
    Ref<Future> create_waiter(const char* label) const {
        Ref<Future> f(new Future(loop_));
        f->label = label;
        return f;
    }
    EventLoop* loop_;
};

// _ContextManagerMixin: `async with x:` is acquire() / release().
class ContextManagerMixin : public LoopBound {
public:
    using LoopBound::LoopBound;
    virtual Ref<Coroutine> acquire() = 0;
    virtual Outcome release() = 0;  // None, or the exception release() raises
    Ref<Coroutine> aenter();        // __aenter__: await self.acquire(); return None
    Ref<Coroutine> aexit();         // __aexit__(*exc_info): self.release(); return None
};

// asyncio.Event
class Event : public LoopBound {
public:
    explicit Event(EventLoop& loop, Type* type = event_type()) : LoopBound(type, loop) {}
    bool is_set() const { return value_; }
    void set();
    void clear() { value_ = false; }
    Ref<Coroutine> wait();  // coroutine "Event.wait" -> True
    const WaiterDeque& waiters() const { return waiters_; }
    std::string repr_extra() const;  // "[set, waiters:2]": what repr() puts in brackets

private:
    static Native wait_body(Ref<Event> self);
    WaiterDeque waiters_;
    bool value_ = false;
};

// asyncio.Lock
class Lock : public ContextManagerMixin {
public:
    explicit Lock(EventLoop& loop, Type* type = lock_type()) : ContextManagerMixin(type, loop) {}
    bool locked() const { return locked_; }
    Ref<Coroutine> acquire() override;  // coroutine "Lock.acquire" -> True
    Outcome release() override;         // RuntimeError('Lock is not acquired.')
    const WaiterDeque& waiters() const { return waiters_; }
    std::string repr_extra() const;     // "[locked, waiters:1]"

private:
    static Native acquire_body(Ref<Lock> self);
    void wake_up_first();
    WaiterDeque waiters_;
    bool locked_ = false;
};

// asyncio.Condition. Its acquire/release/locked are the underlying lock's.
class Condition : public ContextManagerMixin {
public:
    // `lock` null: a new Lock, as Condition(lock=None).
    explicit Condition(EventLoop& loop, Ref<Lock> lock = nullptr, Type* type = condition_type());
    const Ref<Lock>& lock() const { return lock_; }
    bool locked() const { return lock_->locked(); }
    Ref<Coroutine> acquire() override { return lock_->acquire(); }
    Outcome release() override { return lock_->release(); }

    // coroutine "Condition.wait" -> True; RuntimeError when the lock is not held.
    Ref<Coroutine> wait();
    // coroutine "Condition.wait_for" -> the predicate's last (true) result. The predicate
    // returns a value or raises; `truth` is bool(x) (null: the data model's tl::truthy).
    using Predicate = std::function<Outcome()>;
    using Truth = Outcome (*)(const Value& v);
    Ref<Coroutine> wait_for(Predicate predicate, Truth truth = nullptr);
    // notify(n=1) / notify_all(): RuntimeError('cannot notify on un-acquired lock').
    Outcome notify(int64_t n = 1);
    Outcome notify_all();
    const WaiterDeque& waiters() const { return waiters_; }
    std::string repr_extra() const;

private:
    static Native wait_body(Ref<Condition> self);
    static Native wait_for_body(Ref<Condition> self, Predicate predicate, Truth truth);
    void notify_waiters(int64_t n);  // Condition._notify
    Ref<Lock> lock_;
    WaiterDeque waiters_;
};

// asyncio.Semaphore
class Semaphore : public ContextManagerMixin {
public:
    // Semaphore(value): a negative value is a ValueError, so construct through make().
    static Outcome make(EventLoop& loop, int64_t value = 1);
    bool locked() const;
    int64_t value() const { return value_; }
    Ref<Coroutine> acquire() override;  // coroutine "Semaphore.acquire" -> True
    Outcome release() override;
    const WaiterDeque& waiters() const { return waiters_; }
    std::string repr_extra() const;  // "[unlocked, value:2, waiters:1]"

protected:
    Semaphore(EventLoop& loop, int64_t value, Type* type) : ContextManagerMixin(type, loop), value_(value) {}
    Outcome semaphore_release();  // Semaphore.release, for BoundedSemaphore's super()

private:
    static Native acquire_body(Ref<Semaphore> self);
    bool wake_up_next();
    WaiterDeque waiters_;
    int64_t value_;
};

// asyncio.BoundedSemaphore: release() above the initial value is a ValueError.
class BoundedSemaphore : public Semaphore {
public:
    static Outcome make(EventLoop& loop, int64_t value = 1);
    Outcome release() override;

private:
    BoundedSemaphore(EventLoop& loop, int64_t value) : Semaphore(loop, value, bounded_semaphore_type()), bound_value_(value) {}
    int64_t bound_value_;
};

// asyncio.Barrier: `parties` tasks meet in wait(), built on a Condition. States are
// _BarrierState's: filling, draining, resetting, broken.
class Barrier : public LoopBound {
public:
    enum class State : uint8_t { Filling, Draining, Resetting, Broken };
    // Barrier(parties): parties < 1 is a ValueError.
    static Outcome make(EventLoop& loop, int64_t parties);

    Ref<Coroutine> wait();    // coroutine "Barrier.wait" -> this task's index
    Ref<Coroutine> reset();   // coroutine "Barrier.reset"
    Ref<Coroutine> abort();   // coroutine "Barrier.abort"
    Ref<Coroutine> aenter();  // __aenter__: return await self.wait()
    Ref<Coroutine> aexit();   // __aexit__: nothing

    int64_t parties() const { return parties_; }
    int64_t n_waiting() const { return state_ == State::Filling ? count_ : 0; }
    bool broken() const { return state_ == State::Broken; }
    State state() const { return state_; }
    const char* state_name() const;  // _BarrierState's value: "filling", …
    std::string repr_extra() const;  // "[filling, waiters:1/3]"

private:
    Barrier(EventLoop& loop, int64_t parties);
    static Native wait_body(Ref<Barrier> self);
    static Native reset_body(Ref<Barrier> self);
    static Native abort_body(Ref<Barrier> self);
    void exit_();  // Barrier._exit
    Ref<Condition> cond_;
    int64_t parties_;
    State state_ = State::Filling;
    int64_t count_ = 0;
};

}  // namespace tl::rt::locks
