// Queue, PriorityQueue and LifoQueue as queues.py writes them (identical in 3.11 and 3.12;
// 3.13 adds shutdown()). PriorityQueue's heap is _heapqmodule.c's: the same sift steps as
// heapq.py, swapping in place, with errors from `<` propagated.
#include "daemon/runtime/queues.h"

#include "daemon/object/ops.h"

namespace tl::rt::queues {

Type* queue_type() {
    static Type* t = [] {
        auto* ty = new Type("Queue", {locks::loop_bound_mixin_type()}, Layout::Other);
        ty->module = "asyncio.queues";
        ty->make_immortal();
        return ty;
    }();
    return t;
}

Type* priority_queue_type() {
    static Type* t = [] {
        auto* ty = new Type("PriorityQueue", {queue_type()}, Layout::Other);
        ty->module = "asyncio.queues";
        ty->make_immortal();
        return ty;
    }();
    return t;
}

Type* lifo_queue_type() {
    static Type* t = [] {
        auto* ty = new Type("LifoQueue", {queue_type()}, Layout::Other);
        ty->module = "asyncio.queues";
        ty->make_immortal();
        return ty;
    }();
    return t;
}

namespace {

ExcRef raise_type(Type* t) { return make_exception(t); }

}  // namespace

// Queue.__init__: _finished starts set (nothing unfinished).
Queue::Queue(EventLoop& loop, int64_t maxsize, Type* type)
    : LoopBound(type, loop), maxsize_(maxsize), finished_(new locks::Event(loop)) {
    finished_->set();
}

// Queue.full
bool Queue::full() const {
    if (maxsize_ <= 0) return false;
    return static_cast<int64_t>(qsize()) >= maxsize_;
}

// Queue._put / Queue._get (FIFO)
Outcome Queue::put_item(Value item) {
    items_.push_back(std::move(item));
    return Outcome::ok(Value::none());
}

Outcome Queue::get_item() {
    Value v = std::move(items_.front());
    items_.pop_front();
    return Outcome::ok(std::move(v));
}

// Queue._wakeup_next: pops waiters until one not already done is woken.
void Queue::wakeup_next(locks::WaiterDeque& waiters) {
    while (!waiters.empty()) {
        Ref<Future> waiter = std::move(waiters.front());
        waiters.pop_front();
        if (!waiter->done()) {
            waiter->set_result(Value::none());
            break;
        }
    }
}

// Queue.put
Native Queue::put_body(Ref<Queue> self, Value item) {
    while (self->full()) {
        if (self->is_shutdown_) co_return Outcome::raise(raise_type(exc_types().QueueShutDown));
        Ref<Future> putter = self->create_waiter("Queue.put");
        self->putters_.push_back(putter);
        Outcome o = co_await putter;
        if (!o.ok()) {
            // The bare `except:`: any exception, not only CancelledError.
            putter->cancel();  // in case it is not done yet
            // get_nowait() or shutdown() may have popped it already (ValueError ignored).
            locks::remove_waiter(self->putters_, putter.get());
            if (!self->full() && !putter->cancelled()) {
                // Woken by get_nowait() but not taking the slot: the next putter may.
                wakeup_next(self->putters_);
            }
            co_return o;
        }
    }
    co_return self->put_nowait(std::move(item));
}

Ref<Coroutine> Queue::put(Value item) {
    return native(put_body(Ref<Queue>(this), std::move(item)), "Queue.put");
}

// Queue.put_nowait
Outcome Queue::put_nowait(Value item) {
    const auto& E = exc_types();
    if (is_shutdown_) return Outcome::raise(raise_type(E.QueueShutDown));
    if (full()) return Outcome::raise(raise_type(E.QueueFull));
    Outcome p = put_item(std::move(item));
    if (!p.ok()) return p;
    unfinished_tasks_ += 1;
    finished_->clear();
    wakeup_next(getters_);
    return Outcome::ok(Value::none());
}

// Queue.get
Native Queue::get_body(Ref<Queue> self) {
    while (self->empty()) {
        if (self->is_shutdown_ && self->empty()) co_return Outcome::raise(raise_type(exc_types().QueueShutDown));
        Ref<Future> getter = self->create_waiter("Queue.get");
        self->getters_.push_back(getter);
        Outcome o = co_await getter;
        if (!o.ok()) {
            getter->cancel();  // in case it is not done yet
            // put_nowait() or shutdown() may have popped it already (ValueError ignored).
            locks::remove_waiter(self->getters_, getter.get());
            if (!self->empty() && !getter->cancelled()) {
                // Woken by put_nowait() but not taking the item: the next getter may.
                wakeup_next(self->getters_);
            }
            co_return o;
        }
    }
    co_return self->get_nowait();
}

Ref<Coroutine> Queue::get() { return native(get_body(Ref<Queue>(this)), "Queue.get"); }

// Queue.get_nowait
Outcome Queue::get_nowait() {
    const auto& E = exc_types();
    if (empty()) {
        if (is_shutdown_) return Outcome::raise(raise_type(E.QueueShutDown));
        return Outcome::raise(raise_type(E.QueueEmpty));
    }
    Outcome item = get_item();
    if (!item.ok()) return item;
    wakeup_next(putters_);
    return item;
}

// Queue.task_done
Outcome Queue::task_done() {
    if (unfinished_tasks_ <= 0) {
        return Outcome::raise(make_exception(exc_types().ValueError, "task_done() called too many times"));
    }
    unfinished_tasks_ -= 1;
    if (unfinished_tasks_ == 0) finished_->set();
    return Outcome::ok(Value::none());
}

// Queue.join
Native Queue::join_body(Ref<Queue> self) {
    if (self->unfinished_tasks_ > 0) {
        Outcome o = co_await delegate(self->finished_->wait());
        if (!o.ok()) co_return o;
    }
    co_return Outcome::ok(Value::none());
}

Ref<Coroutine> Queue::join() { return native(join_body(Ref<Queue>(this)), "Queue.join"); }

// Queue.shutdown (3.13)
Outcome Queue::shutdown(bool immediate) {
    if (!loop_->semantics().queue_has_shutdown()) {
        return Outcome::raise(make_exception(exc_types().AttributeError,
                                             "'" + type()->name() + "' object has no attribute 'shutdown'"));
    }
    is_shutdown_ = true;
    if (immediate) {
        while (!empty()) {
            Outcome g = get_item();
            if (!g.ok()) return g;
            if (unfinished_tasks_ > 0) unfinished_tasks_ -= 1;
        }
        if (unfinished_tasks_ == 0) finished_->set();
    }
    // Every blocked getter and putter re-checks and sees the shutdown.
    while (!getters_.empty()) {
        Ref<Future> getter = std::move(getters_.front());
        getters_.pop_front();
        if (!getter->done()) getter->set_result(Value::none());
    }
    while (!putters_.empty()) {
        Ref<Future> putter = std::move(putters_.front());
        putters_.pop_front();
        if (!putter->done()) putter->set_result(Value::none());
    }
    return Outcome::ok(Value::none());
}

// ---- LifoQueue ------------------------------------------------------------------------

// LifoQueue._get: list.pop()
Outcome LifoQueue::get_item() {
    Value v = std::move(items_.back());
    items_.pop_back();
    return Outcome::ok(std::move(v));
}

// ---- PriorityQueue --------------------------------------------------------------------

namespace {

// a < b as PyObject_RichCompareBool(a, b, Py_LT) computes it: the data model's rich
// comparison (dunder methods included), then the truth of its result.
Outcome python_less(const Value& a, const Value& b) {
    Outcome r = compare(CompareOp::Lt, a, b);
    if (!r.ok()) return r;
    if (r.value.is_bool()) return r;
    return truthy(r.value);
}

// PyObject_RichCompareBool(a, b, Py_LT): the comparison's truth.
ExcRef less_bool(PriorityQueue::Less less, const Value& a, const Value& b, bool* out) {
    Outcome o = less(a, b);
    if (!o.ok()) return o.exc;
    *out = o.value.is_bool() && o.value.as_bool();
    return nullptr;
}

}  // namespace

PriorityQueue::PriorityQueue(EventLoop& loop, int64_t maxsize, Less less)
    : Queue(loop, maxsize, priority_queue_type()), less_(less ? less : python_less) {}

// _heapqmodule.c siftdown: swap heap[pos] up while it is < its parent.
ExcRef PriorityQueue::siftdown(size_t startpos, size_t pos) {
    size_t size = items_.size();
    while (pos > startpos) {
        size_t parentpos = (pos - 1) >> 1;
        Value newitem = items_[pos];
        Value parent = items_[parentpos];
        bool lt = false;
        if (ExcRef e = less_bool(less_, newitem, parent, &lt)) return e;
        // A `<` that changed the queue (a scenario's __lt__) is an error, as in C.
        if (size != items_.size()) {
            return make_exception(exc_types().RuntimeError, "list changed size during iteration");
        }
        if (!lt) break;
        std::swap(items_[parentpos], items_[pos]);
        pos = parentpos;
    }
    return nullptr;
}

// _heapqmodule.c siftup: move the smaller child up until a leaf, then siftdown.
ExcRef PriorityQueue::siftup(size_t pos) {
    size_t endpos = items_.size();
    size_t startpos = pos;
    size_t limit = endpos >> 1;
    while (pos < limit) {
        size_t childpos = 2 * pos + 1;
        if (childpos + 1 < endpos) {
            bool lt = false;
            if (ExcRef e = less_bool(less_, items_[childpos], items_[childpos + 1], &lt)) return e;
            if (!lt) childpos += 1;
            if (endpos != items_.size()) {
                return make_exception(exc_types().RuntimeError, "list changed size during iteration");
            }
        }
        std::swap(items_[childpos], items_[pos]);
        pos = childpos;
    }
    return siftdown(startpos, pos);
}

// PriorityQueue._put: heapq.heappush (append, then sift; an error leaves it appended).
Outcome PriorityQueue::put_item(Value item) {
    items_.push_back(std::move(item));
    if (ExcRef e = siftdown(0, items_.size() - 1)) return Outcome::raise(std::move(e));
    return Outcome::ok(Value::none());
}

// PriorityQueue._get: heapq.heappop (an error while re-sifting loses the popped item).
Outcome PriorityQueue::get_item() {
    Value last = std::move(items_.back());
    items_.pop_back();
    if (items_.empty()) return Outcome::ok(std::move(last));
    Value ret = std::move(items_[0]);
    items_[0] = std::move(last);
    if (ExcRef e = siftup(0)) return Outcome::raise(std::move(e));
    return Outcome::ok(std::move(ret));
}

}  // namespace tl::rt::queues
