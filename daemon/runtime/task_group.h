// asyncio.TaskGroup, ported from taskgroups.py: children created in the group, the abort
// that cancels them (and the parent, once) when one fails, and an __aexit__ that waits
// for every child and raises their errors as a BaseExceptionGroup. Version differences
// (early/late uncancel, eager-start shortcut, naming) go through semantics.h.
// Reports taskgroup_enter / _abort / _exit (../shared/TRACE.md).
#pragma once

#include <algorithm>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "daemon/object/outcome.h"
#include "daemon/runtime/coroutine.h"
#include "daemon/runtime/event_loop.h"
#include "daemon/runtime/scope.h"
#include "daemon/runtime/task.h"

namespace tl::rt {

Type* task_group_type();

class Task;
class Future;

class TaskGroup final : public Scope {
public:
    explicit TaskGroup(EventLoop& loop);
    ~TaskGroup() override;

    // `await tg.__aenter__()`: returns the TaskGroup itself.
    Ref<Coroutine> aenter();
    // `await tg.__aexit__(type(exc), exc, tb)`, exc null for a normal exit: waits for the
    // children; returns None or raises (the group, a base error, CancelledError).
    Ref<Coroutine> aexit(ExcRef exc);

    // TaskGroup.create_task(coro, name=…): the new Task, or RuntimeError when the group
    // has not been entered, is finished or is shutting down. `eager_start` says the loop
    // has eager_task_factory as its task factory (3.12+; in 3.14 it also stands for
    // create_task(eager_start=True)); 3.11 ignores it, as it has no eager start. The
    // factory path matters beyond eagerness: 3.13 then renames the child (to "None" when
    // no name is given), as its loop.create_task does.
    Outcome create_task(Ref<Coroutine> coro, std::optional<std::string> name = std::nullopt,
                        bool eager_start = false);

    // TaskGroup.__repr__: "<TaskGroup tasks=2 entered>"
    std::string repr() const;
    const char* state_name() const override;

    // Introspection for inspectors and tests.
    bool entered() const { return entered_; }
    bool exiting() const { return exiting_; }
    bool aborting() const { return aborting_; }
    bool parent_cancel_requested() const { return parent_cancel_requested_; }
    // The live children in creation order (CPython keeps a set; see _abort).
    std::vector<Task*> children() const;
    size_t error_count() const { return errors_.size(); }
    EventLoop& loop() const { return loop_; }

private:
    friend struct TaskGroupAccess;
    Outcome enter();
    void abort();
    void on_task_done(Task* task);
    static void on_task_done_cb(Object* self, Future* fut);
    bool is_base_error(const ExcRef& exc) const;
    void report_exit(Task* parent, const ExcRef& exc, const Outcome& result);

    EventLoop& loop_;
    bool entered_ = false;
    bool exiting_ = false;
    bool aborting_ = false;
    bool parent_cancel_requested_ = false;
    Ref<Task> parent_task_;
    // TaskGroup._tasks in creation order: a vector sorted by the task's creation serial,
    // where a removed child leaves a null slot (compacted once they are the majority).
    // 16 bytes a child instead of a std::map node; lookups are binary searches.
    class Children {
    public:
        bool empty() const { return live_ == 0; }
        size_t size() const { return live_; }
        void insert(uint64_t serial, Ref<Task> t) {
            // Serials only grow, except that an eagerly started child can add siblings
            // before its own insert: then it goes to its sorted place.
            auto pos = slots_.end();
            if (!slots_.empty() && slots_.back().serial > serial) pos = find(serial);
            slots_.insert(pos, Slot{serial, std::move(t)});
            ++live_;
        }
        void erase(uint64_t serial) {
            auto it = find(serial);
            if (it == slots_.end() || it->serial != serial || !it->task) return;
            it->task = nullptr;
            --live_;
            if (live_ == 0) {
                slots_.clear();
            } else if (slots_.size() >= 64 && live_ * 2 < slots_.size()) {
                std::erase_if(slots_, [](const Slot& s) { return !s.task; });
            }
        }
        template <class F>
        void for_each(F f) const {
            for (const Slot& s : slots_) {
                if (s.task) f(s.task);
            }
        }

    private:
        struct Slot {
            uint64_t serial;
            Ref<Task> task;
        };
        std::vector<Slot>::iterator find(uint64_t serial) {
            return std::lower_bound(slots_.begin(), slots_.end(), serial,
                                    [](const Slot& s, uint64_t k) { return s.serial < k; });
        }
        std::vector<Slot> slots_;
        size_t live_ = 0;
    };
    Children tasks_;
    std::vector<ExcRef> errors_;
    ExcRef base_error_;
    Ref<Future> on_completed_fut_;
};

Ref<TaskGroup> make_task_group(EventLoop& loop);

}  // namespace tl::rt
