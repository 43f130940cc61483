// What the C++ ports of tests/scenarios/runtime/**/*.py share: `await` that propagates an
// exception, Python's print formatting for the few values the scenarios print, and a run
// of one scenario in every emulated version checked against CPython's recorded traces.
#pragma once

#include <functional>
#include <span>
#include <string>

#include "daemon/object/containers.h"
#include "daemon/object/str.h"
#include "tests/unit/cpython_reference.h"
#include "tests/unit/runtime_helpers.h"

namespace tl::test {

// `x = await expr` with the exception, if any, propagating out of the native coroutine.
#define AWAIT_OR_RAISE(var, expr)  \
    Outcome var = co_await (expr); \
    if (!var.ok()) co_return var

inline Outcome ok_none() { return Outcome::ok(Value::none()); }
inline std::string py(bool b) { return b ? "True" : "False"; }
inline bool raised(const Outcome& o, Type* t) { return !o.ok() && o.exc->is_instance(t); }
inline bool raised_cancelled(const Outcome& o) { return raised(o, exc_types().CancelledError); }

// repr() of the values the scenarios print: None, bools, ints, str, lists of those.
inline std::string repr(const Value& v) {
    if (v.is_none() || v.is_null()) return "None";
    if (v.is_bool()) return py(v.as_bool());
    if (v.is_int()) return std::to_string(v.as_int());
    if (const std::string* s = str_of(v)) return "'" + *s + "'";
    if (v.is_obj() && v.as_obj()->type()->layout() == Layout::List) {
        std::string out = "[";
        for (const Value& item : v.obj_as<ListObject>()->items) out += (out.size() > 1 ? ", " : "") + repr(item);
        return out + "]";
    }
    return "<?>";
}
// str() of the same values: a str prints without quotes.
inline std::string str(const Value& v) {
    if (const std::string* s = str_of(v)) return *s;
    return repr(v);
}
// exc.args printed as a tuple: () or ('msg',).
inline std::string args_repr(const ExceptionObject* e) {
    if (!e || e->args.empty()) return "()";
    std::string out = "(";
    for (size_t i = 0; i < e->args.size(); ++i) out += (i ? ", " : "") + repr(e->args[i]);
    return out + (e->args.size() == 1 ? ",)" : ")");
}

// A native coroutine as a scenario's Python coroutine: NativeCoro itself now raises a
// throw that arrives before the first send at once, as CPython's coroutines do.
inline Ref<rt::Coroutine> py_coro(rt::Native n, std::string qualname) {
    return rt::native(n, std::move(qualname));
}

// Runs `main` (named "main") in a fresh World per version and checks the trace against
// tests/scenarios/runtime/<dir>/<name>.<version>.jsonl; `after` may check the RunResult.
inline void check_scenario(const std::string& dir, const std::string& name, std::span<const rt::PyVersion> versions,
                           const std::function<rt::Native(World&)>& main,
                           const std::function<void(World&, const rt::RunResult&)>& after = nullptr) {
    for (rt::PyVersion v : versions) {
        CAPTURE(rt::version_name(v));
        World w(v);
        rt::RunResult r = w.run(rt::native(main(w), "main"));
        CHECK_REFERENCE(w, dir + "/" + name, v);
        if (after) after(w, r);
    }
}

}  // namespace tl::test
