// The builtin exception hierarchy, built in CPython's order with CPython's bases.
#include "daemon/object/exception.h"

#include "daemon/object/containers.h"
#include "daemon/object/str.h"

namespace tl {

const std::string* ExceptionObject::message_str() const {
    if (args.empty()) return nullptr;
    return str_of(args[0]);
}

namespace {

Type* def(ExceptionTypes& e, const char* name, std::vector<Type*> bases,
          const char* module = "builtins") {
    auto* t = new Type(name, std::move(bases), Layout::Exception);
    t->module = module;
    t->make_immortal();
    e.all.push_back(t);
    return t;
}

ExceptionTypes build() {
    ExceptionTypes e{};
    e.BaseException = def(e, "BaseException", {object_type()});
    e.Exception = def(e, "Exception", {e.BaseException});
    e.GeneratorExit = def(e, "GeneratorExit", {e.BaseException});
    e.KeyboardInterrupt = def(e, "KeyboardInterrupt", {e.BaseException});
    e.SystemExit = def(e, "SystemExit", {e.BaseException});
    e.BaseExceptionGroup = def(e, "BaseExceptionGroup", {e.BaseException});
    e.ExceptionGroup = def(e, "ExceptionGroup", {e.BaseExceptionGroup, e.Exception});
    e.ArithmeticError = def(e, "ArithmeticError", {e.Exception});
    e.OverflowError = def(e, "OverflowError", {e.ArithmeticError});
    e.ZeroDivisionError = def(e, "ZeroDivisionError", {e.ArithmeticError});
    e.FloatingPointError = def(e, "FloatingPointError", {e.ArithmeticError});
    e.AssertionError = def(e, "AssertionError", {e.Exception});
    e.AttributeError = def(e, "AttributeError", {e.Exception});
    e.EOFError = def(e, "EOFError", {e.Exception});
    e.ImportError = def(e, "ImportError", {e.Exception});
    e.ModuleNotFoundError = def(e, "ModuleNotFoundError", {e.ImportError});
    e.LookupError = def(e, "LookupError", {e.Exception});
    e.IndexError = def(e, "IndexError", {e.LookupError});
    e.KeyError = def(e, "KeyError", {e.LookupError});
    e.MemoryError = def(e, "MemoryError", {e.Exception});
    e.NameError = def(e, "NameError", {e.Exception});
    e.UnboundLocalError = def(e, "UnboundLocalError", {e.NameError});
    e.OSError = def(e, "OSError", {e.Exception});
    e.TimeoutError = def(e, "TimeoutError", {e.OSError});
    e.ConnectionError = def(e, "ConnectionError", {e.OSError});
    e.RuntimeError = def(e, "RuntimeError", {e.Exception});
    e.NotImplementedError = def(e, "NotImplementedError", {e.RuntimeError});
    e.RecursionError = def(e, "RecursionError", {e.RuntimeError});
    e.StopIteration = def(e, "StopIteration", {e.Exception});
    e.StopAsyncIteration = def(e, "StopAsyncIteration", {e.Exception});
    e.SyntaxError = def(e, "SyntaxError", {e.Exception});
    e.TypeError = def(e, "TypeError", {e.Exception});
    e.ValueError = def(e, "ValueError", {e.Exception});
    e.UnicodeError = def(e, "UnicodeError", {e.ValueError});
    e.Warning = def(e, "Warning", {e.Exception});
    e.CancelledError = def(e, "CancelledError", {e.BaseException}, "asyncio.exceptions");
    e.InvalidStateError = def(e, "InvalidStateError", {e.Exception}, "asyncio.exceptions");
    e.QueueEmpty = def(e, "QueueEmpty", {e.Exception}, "asyncio.queues");
    e.QueueFull = def(e, "QueueFull", {e.Exception}, "asyncio.queues");
    e.QueueShutDown = def(e, "QueueShutDown", {e.Exception}, "asyncio.queues");
    e.LimitOverrunError = def(e, "LimitOverrunError", {e.Exception}, "asyncio.exceptions");
    e.IncompleteReadError = def(e, "IncompleteReadError", {e.EOFError}, "asyncio.exceptions");
    return e;
}

}  // namespace

namespace detail {

std::atomic<const ExceptionTypes*> g_exc_types{nullptr};

const ExceptionTypes& build_exc_types() {
    static const ExceptionTypes types = build();
    g_exc_types.store(&types, std::memory_order_release);
    return types;
}

}  // namespace detail

ExcRef make_exception(Type* type, std::vector<Value> args) {
    return ExcRef(new ExceptionObject(type, std::move(args)));
}

ExcRef make_exception(Type* type, const std::string& msg) {
    return make_exception(type, std::vector<Value>{make_str(msg)});
}

ExcRef make_exception_group(const std::string& msg, std::vector<ExcRef> members) {
    const auto& e = exc_types();
    bool all_exceptions = true;
    for (auto& m : members) {
        if (!m->is_instance(e.Exception)) all_exceptions = false;
    }
    Type* t = all_exceptions ? e.ExceptionGroup : e.BaseExceptionGroup;
    std::vector<Value> member_items;
    for (auto& m : members) member_items.emplace_back(m);
    Value msg_v = make_str(msg);
    auto ex = make_exception(t, {msg_v, Value(new ListObject(member_items))});
    ex->group_message = msg_v;
    ex->group_members = std::move(members);
    return ex;
}

}  // namespace tl
