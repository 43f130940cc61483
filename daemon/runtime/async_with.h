// What an `async with` statement does around a context manager written in C++ (Timeout,
// TaskGroup): how the block's outcome and __aexit__'s combine, and the implicit exception
// chaining of a raise inside __aexit__ (which runs while the body's exception is handled).
#pragma once

#include "daemon/object/outcome.h"
#include "daemon/runtime/native_coro.h"

namespace tl::rt {

// `raise exc` while `handled` is being handled (PyErr_SetObject): exc.__context__ becomes
// `handled`, after cutting `exc` out of handled's own context chain so no cycle forms.
inline void set_implicit_context(ExceptionObject* exc, ExceptionObject* handled) {
    if (!exc || !handled || exc == handled) return;
    for (ExceptionObject* o = handled; o->context; o = o->context.get()) {
        if (o->context.get() == exc) {
            o->context = nullptr;
            break;
        }
    }
    exc->context = ExcRef(handled);
}

// Whether __aexit__'s return value suppresses the body's exception (its truth value; the
// C++ context managers return None or a bool, an interpreter passes its own verdict).
inline bool aexit_suppresses(const Value& v) {
    return v.is_bool() ? v.as_bool() : (v.is_int() ? v.as_int() != 0 : false);
}

// How the `async with` statement ends: __aexit__'s exception if it raised one; nothing if
// it returned a true value (suppress); otherwise the body's own outcome goes on.
inline Outcome async_with_outcome(Outcome body, const Outcome& aexit) {
    if (!aexit.ok()) return aexit;
    if (!body.ok() && aexit_suppresses(aexit.value)) return Outcome::ok(Value::none());
    return body;
}

// The class of the exception that leaves an `async with` block (the `raised` field of
// timeout_exit/taskgroup_exit): the one __aexit__ raised, else the body's unless it was
// suppressed; null when nothing leaves.
inline const Type* leaving_exception_type(const ExcRef& body_exc, const Outcome& aexit) {
    if (!aexit.ok()) return aexit.exc->type();
    if (body_exc && !aexit_suppresses(aexit.value)) return body_exc->type();
    return nullptr;
}

// `async with cm: <body>` for native code, `cm` a Timeout or TaskGroup (anything with
// aenter()/aexit(exc)): await __aenter__, run the body inline (yield from), await
// __aexit__ with the body's exception, and end as the statement does. When the block
// completes, the outcome carries the body's return value (handy for wait_for).
// Await the result inline: `Outcome o = co_await delegate(async_with(cm, body));`.
template <class CM>
struct AsyncWithArgs {
    // One struct parameter: NativePromise is an aggregate, and a coroutine whose first
    // parameters convert to its members would be paren-initialised from them.
    Ref<CM> cm;
    Ref<Coroutine> body;
};

template <class CM>
Native async_with_body(AsyncWithArgs<CM> a) {
    Outcome entered = co_await delegate(a.cm->aenter());
    if (!entered.ok()) {
        a.body->close();  // never started: the statement would not have reached it
        co_return entered;
    }
    Outcome b = co_await delegate(a.body);
    Outcome x = co_await delegate(a.cm->aexit(b.exc));
    co_return async_with_outcome(std::move(b), x);
}

template <class CM>
Ref<Coroutine> async_with(Ref<CM> cm, Ref<Coroutine> body) {
    return native(async_with_body(AsyncWithArgs<CM>{std::move(cm), std::move(body)}), "async with");
}

}  // namespace tl::rt
