// Transitions the runtime reports: the events of ../shared/TRACE.md with their contract
// fields, plus what an inspector needs beyond them (who requested a cancel, the task's
// scope stack). With no observer attached the runtime builds no events at all.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "daemon/object/exception.h"
#include "daemon/object/value.h"

namespace tl::rt {

class Task;
class Scope;

enum class EventKind : uint8_t {
    TaskCreated,
    Cancel,
    Uncancel,
    Throw,
    Done,
    TimeoutEnter,
    TimeoutReschedule,
    TimeoutExpire,
    TimeoutExit,
    TaskGroupEnter,
    TaskGroupAbort,
    TaskGroupExit,
    Print,
    Exit,
    CallbackError,  // an exception escaped a loop callback (CPython logs it)
};

const char* event_name(EventKind k);

// Who asked for a cancel() or uncancel(), beyond the contract's `by` (the current task).
enum class CauseKind : uint8_t { Code, Timeout, TaskGroup, Inspector, Runner, Gather, Shield, WaitFor };
const char* cause_name(CauseKind k);

struct Cause {
    CauseKind kind = CauseKind::Code;
    const Scope* scope = nullptr;  // the Timeout or TaskGroup, when kind says so
};

// Task states in `done` events and the `exit` status.
enum class DoneState : uint8_t { Finished, Cancelled, Exception };
const char* done_state_name(DoneState s);

struct Event {
    explicit Event(EventKind k) : kind(k) {}
    EventKind kind;
    double t = 0.0;
    const Task* task = nullptr;
    const Task* by = nullptr;       // cancel/uncancel: the current task, or null
    const Task* parent = nullptr;   // task_created
    const Scope* scope = nullptr;
    Cause cause;
    const Value* msg = nullptr;     // cancel: the msg argument
    const ExceptionObject* exc = nullptr;  // throw: the exception; done/exit: the exception
    const Type* exc_type = nullptr;  // done/exit/raised: the exception's class
    bool result = false;            // cancel: what cancel() returned
    bool must_cancel = false;
    bool rescinded = false;
    bool expired = false;
    int cancelling = 0;
    int cancelling_before = 0;      // extra: the count before the call
    DoneState state = DoneState::Finished;
    std::optional<double> when;
    std::string_view text;          // print: the line; callback_error: a description
};

class Observer {
public:
    virtual ~Observer() = default;
    virtual void on_event(const Event& e) = 0;
};

}  // namespace tl::rt
