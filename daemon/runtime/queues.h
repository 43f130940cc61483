// asyncio.Queue, PriorityQueue and LifoQueue (queues.py): a bounded buffer whose blocked
// get()/put() callers wait on futures in FIFO deques, with join()/task_done() counting
// unfinished items and, from 3.13, shutdown(). A getter or putter woken then cancelled
// before it ran wakes the next one in line.
#pragma once

#include <deque>
#include <string>

#include "daemon/object/outcome.h"
#include "daemon/runtime/locks.h"

namespace tl::rt::queues {

// Python types, module "asyncio.queues".
Type* queue_type();
Type* priority_queue_type();
Type* lifo_queue_type();

// asyncio.Queue. The item store and its order are the overridable _init/_put/_get: a
// deque here, used as FIFO, LIFO or heap by the subclasses.
class Queue : public locks::LoopBound {
public:
    // maxsize <= 0: unbounded.
    explicit Queue(EventLoop& loop, int64_t maxsize = 0, Type* type = queue_type());

    size_t qsize() const { return items_.size(); }
    int64_t maxsize() const { return maxsize_; }
    bool empty() const { return items_.empty(); }
    bool full() const;

    Ref<Coroutine> put(Value item);  // coroutine "Queue.put" -> None
    Ref<Coroutine> get();            // coroutine "Queue.get" -> the item
    Ref<Coroutine> join();           // coroutine "Queue.join" -> None
    Outcome put_nowait(Value item);  // QueueFull / QueueShutDown
    Outcome get_nowait();            // QueueEmpty / QueueShutDown
    Outcome task_done();             // ValueError('task_done() called too many times')
    // Queue.shutdown(immediate): 3.13+; before that the attribute does not exist.
    Outcome shutdown(bool immediate = false);

    bool is_shutdown() const { return is_shutdown_; }
    int64_t unfinished_tasks() const { return unfinished_tasks_; }
    const locks::WaiterDeque& getters() const { return getters_; }
    const locks::WaiterDeque& putters() const { return putters_; }
    const std::deque<Value>& items() const { return items_; }  // storage order

protected:
    // _put / _get: how the subclass stores and picks items. Both may raise (a heap
    // comparison), leaving what they did so far in place, as heapq does.
    virtual Outcome put_item(Value item);
    virtual Outcome get_item();
    std::deque<Value> items_;

private:
    static Native put_body(Ref<Queue> self, Value item);
    static Native get_body(Ref<Queue> self);
    static Native join_body(Ref<Queue> self);
    static void wakeup_next(locks::WaiterDeque& waiters);  // Queue._wakeup_next

    int64_t maxsize_;
    locks::WaiterDeque getters_;
    locks::WaiterDeque putters_;
    int64_t unfinished_tasks_ = 0;
    Ref<locks::Event> finished_;
    bool is_shutdown_ = false;
};

// asyncio.PriorityQueue: a heapq min-heap ordered by Python's `<` on the items.
class PriorityQueue : public Queue {
public:
    // a < b as a bool, or the exception it raises (TypeError for incomparable items).
    // Null: the data model's `<` (tl::compare, then tl::truthy), as heapq uses it.
    using Less = Outcome (*)(const Value& a, const Value& b);
    explicit PriorityQueue(EventLoop& loop, int64_t maxsize = 0, Less less = nullptr);

protected:
    Outcome put_item(Value item) override;  // heapq.heappush
    Outcome get_item() override;            // heapq.heappop

private:
    ExcRef siftdown(size_t startpos, size_t pos);
    ExcRef siftup(size_t pos);
    Less less_;
};

// asyncio.LifoQueue: the most recently added item first.
class LifoQueue : public Queue {
public:
    explicit LifoQueue(EventLoop& loop, int64_t maxsize = 0) : Queue(loop, maxsize, lifo_queue_type()) {}

protected:
    Outcome get_item() override;  // list.pop()
};

}  // namespace tl::rt::queues
