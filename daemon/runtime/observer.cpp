// Names of event kinds, causes and states as they appear in traces.
#include "daemon/runtime/observer.h"

namespace tl::rt {

const char* event_name(EventKind k) {
    switch (k) {
        case EventKind::TaskCreated: return "task_created";
        case EventKind::Cancel: return "cancel";
        case EventKind::Uncancel: return "uncancel";
        case EventKind::Throw: return "throw";
        case EventKind::Done: return "done";
        case EventKind::TimeoutEnter: return "timeout_enter";
        case EventKind::TimeoutReschedule: return "timeout_reschedule";
        case EventKind::TimeoutExpire: return "timeout_expire";
        case EventKind::TimeoutExit: return "timeout_exit";
        case EventKind::TaskGroupEnter: return "taskgroup_enter";
        case EventKind::TaskGroupAbort: return "taskgroup_abort";
        case EventKind::TaskGroupExit: return "taskgroup_exit";
        case EventKind::Print: return "print";
        case EventKind::Exit: return "exit";
        case EventKind::CallbackError: return "callback_error";
    }
    return "?";
}

const char* cause_name(CauseKind k) {
    switch (k) {
        case CauseKind::Code: return "code";
        case CauseKind::Timeout: return "timeout";
        case CauseKind::TaskGroup: return "taskgroup";
        case CauseKind::Inspector: return "inspector";
        case CauseKind::Runner: return "runner";
        case CauseKind::Gather: return "gather";
        case CauseKind::Shield: return "shield";
        case CauseKind::WaitFor: return "wait_for";
    }
    return "?";
}

const char* done_state_name(DoneState s) {
    switch (s) {
        case DoneState::Finished: return "finished";
        case DoneState::Cancelled: return "cancelled";
        case DoneState::Exception: return "exception";
    }
    return "?";
}

}  // namespace tl::rt
