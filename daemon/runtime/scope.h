// What Timeout and TaskGroup share for the trace and the inspector: a label numbered per
// kind in creation order (Timeout-1, TaskGroup-1), the task it runs in, and a state name.
#pragma once

#include <string>

#include "daemon/object/object.h"
#include "daemon/runtime/object_pool.h"

namespace tl::rt {

class Task;

// Pooled: `async with asyncio.timeout()` makes and drops one per use.
class Scope : public Object {
public:
    TL_POOLED_ALLOCATION

    enum class Kind : uint8_t { Timeout, TaskGroup };
    Scope(Type* type, Kind kind, std::string label) : Object(type), kind_(kind), label_(std::move(label)) {}

    Kind kind() const { return kind_; }
    const std::string& label() const { return label_; }
    // The label as a quoted JSON string, kept by the trace writer (empty until it first
    // writes this scope): every event of a scope names it.
    std::string& label_json_cache() const { return label_json_; }
    // The task whose scope stack it is on (set by __aenter__), or null before that.
    Task* task() const { return task_; }
    // A short state for inspectors ("active", "expired", "aborting", …).
    virtual const char* state_name() const = 0;

protected:
    Task* task_ = nullptr;

private:
    Kind kind_;
    std::string label_;
    mutable std::string label_json_;
};

}  // namespace tl::rt
