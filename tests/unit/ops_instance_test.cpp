// Dunder dispatch of ops.h for instances of scenario classes, built here the way the VM
// builds them (a Type with module "__main__" whose dict holds functions taking self as
// args[0]). Each expected string was checked by running the equivalent Python in CPython
// 3.13 (the Python is quoted beside each group).
#include <doctest/doctest.h>

#include "daemon/object/ops.h"

namespace {

using namespace tl;
using Args = std::span<const Value>;
using Kwargs = std::span<const KwArg>;

struct HookGuard {
    HookGuard() { set_call_hook(&default_call_hook); }
    ~HookGuard() { set_call_hook(nullptr); }
};

Value fn(const char* name, NativeFunction::Fn f) { return make_native_function(name, f); }

std::string S(const Outcome& o) {
    if (!o.ok()) return "!" + o.exc->type_name() + ": " + exception_str(*o.exc);
    return repr_string(o.value);
}

int64_t v_of(const Value& self) { return getattr(self, "v").value.as_int(); }

// class Foo:
//     def __init__(self, v): self.v = v
//     def __repr__(self): return f'Foo({self.v})'
//     def __eq__(self, o): return isinstance(o, Foo) and self.v == o.v
//     def __lt__(self, o): return self.v < o.v
//     def __add__(self, o): return NotImplemented
//     def __len__(self): return self.v
//     def __getattr__(self, n): return n.upper()
Type* foo_type() {
    static Type* t = [] {
        auto* ty = new Type("Foo", {}, Layout::Object);
        ty->module = "__main__";
        ty->make_immortal();
        auto& d = ty->dict();
        d["__init__"] = fn("__init__", [](const Value&, Args a, Kwargs) {
            return setattr(a[0], "v", a[1]);
        });
        d["__repr__"] = fn("__repr__", [](const Value&, Args a, Kwargs) {
            return Outcome::ok(make_str("Foo(" + std::to_string(v_of(a[0])) + ")"));
        });
        d["__eq__"] = fn("__eq__", [](const Value&, Args a, Kwargs) {
            if (type_of(a[1]) != type_of(a[0])) return Outcome::ok(Value::boolean(false));
            return Outcome::ok(Value::boolean(v_of(a[0]) == v_of(a[1])));
        });
        d["__lt__"] = fn("__lt__", [](const Value&, Args a, Kwargs) {
            Outcome ov = getattr(a[1], "v");
            if (!ov.ok()) return ov;
            return Outcome::ok(Value::boolean(v_of(a[0]) < ov.value.as_int()));
        });
        d["__add__"] = fn("__add__", [](const Value&, Args, Kwargs) { return Outcome::ok(not_implemented()); });
        d["__len__"] = fn("__len__", [](const Value&, Args a, Kwargs) { return Outcome::ok(Value::integer(v_of(a[0]))); });
        d["__getattr__"] = fn("__getattr__", [](const Value&, Args a, Kwargs) { return call_method(a[1], "upper", {}); });
        return ty;
    }();
    return t;
}

Value foo(int64_t v) {
    Value arg = Value::integer(v);
    return call_value(Value(foo_type()), std::span<const Value>(&arg, 1)).value;
}

Type* bar_type() {
    static Type* t = [] {
        auto* ty = new Type("Bar", {}, Layout::Object);
        ty->module = "__main__";
        ty->make_immortal();
        return ty;
    }();
    return t;
}

}  // namespace

TEST_SUITE("ops.instance") {
    TEST_CASE("dunder dispatch for scenario instances") {
        HookGuard hook;
        // print(sorted([Foo(3), Foo(1), Foo(2)]), str(Foo(1)), Foo(1) == Foo(1), Foo(1) != Foo(2), Foo(1) == 1)
        Value sorted = builtins().at("sorted");
        Value items = make_list({foo(3), foo(1), foo(2)});
        CHECK(S(call_value(sorted, std::span<const Value>(&items, 1))) == "[Foo(1), Foo(2), Foo(3)]");
        CHECK(str_string(foo(1)) == "Foo(1)");
        CHECK(S(compare(CompareOp::Eq, foo(1), foo(1))) == "True");
        CHECK(S(compare(CompareOp::Ne, foo(1), foo(2))) == "True");
        CHECK(S(compare(CompareOp::Eq, foo(1), Value::integer(1))) == "False");
        // hash(Foo(1)); Foo(1) + 1; 1 + Foo(1); Foo(1) < 1; len(Foo(-1))
        CHECK(S(hash(foo(1))) == "!TypeError: unhashable type: 'Foo'");
        CHECK(S(binary_op(BinaryOp::Add, foo(1), Value::integer(1))) == "!TypeError: unsupported operand type(s) for +: 'Foo' and 'int'");
        CHECK(S(binary_op(BinaryOp::Add, Value::integer(1), foo(1))) == "!TypeError: unsupported operand type(s) for +: 'int' and 'Foo'");
        CHECK(S(compare(CompareOp::Lt, foo(1), Value::integer(1))) == "!AttributeError: 'int' object has no attribute 'v'");
        CHECK(S(len(foo(-1))) == "!ValueError: __len__() should return >= 0");
        // bool(Foo(0)), bool(Foo(2)), Foo(1).abc, Foo(1) in [Foo(1)]
        CHECK(S(truthy(foo(0))) == "False");
        CHECK(S(truthy(foo(2))) == "True");
        CHECK(S(getattr(foo(1), "abc")) == "'ABC'");
        CHECK(S(contains(make_list({foo(1)}), foo(1))) == "True");
        // Bar().x; Bar() + Bar(); {Bar: 1}[Bar]
        Value bar = call_value(Value(bar_type()), {}).value;
        CHECK(S(getattr(bar, "x")) == "!AttributeError: 'Bar' object has no attribute 'x'");
        CHECK(S(binary_op(BinaryOp::Add, bar, bar)) == "!TypeError: unsupported operand type(s) for +: 'Bar' and 'Bar'");
        Value d = make_dict();
        dict_set(d, Value(bar_type()), Value::integer(1));
        CHECK(S(getitem(d, Value(bar_type()))) == "1");
        CHECK(repr_string(Value(bar_type())) == "<class '__main__.Bar'>");
        // The default repr: <__main__.Bar object at 0x…> with a deterministic fake address.
        std::string r = repr_string(bar);
        CHECK(r.rfind("<__main__.Bar object at 0x7f", 0) == 0);
        CHECK(r == repr_string(bar));
        CHECK(r == "<__main__.Bar object at " + fake_address(bar) + ">");
        // Attribute order: the instance dict wins over class attributes.
        bar_type()->dict()["k"] = Value::integer(1);
        CHECK(S(getattr(bar, "k")) == "1");
        setattr(bar, "k", Value::integer(2));
        CHECK(S(getattr(bar, "k")) == "2");
        CHECK(S(getattr(Value(bar_type()), "k")) == "1");
        // A method found on the class binds: calling passes the instance first.
        Value m = getattr(foo(7), "__len__").value;
        CHECK(repr_string(m).rfind("<bound method", 0) == 0);
        CHECK(S(call_value(m, {})) == "7");
    }

    TEST_CASE("scenario exception subclasses and the sequence protocol") {
        HookGuard hook;
        // class MyErr(ValueError): pass
        // e = MyErr('boom'); e.code = 3
        // print(repr(e), str(e), e.code, isinstance(e, ValueError), repr(MyErr), MyErr.__mro__)
        static Type* const my_err = new Type("MyErr", {exc_types().ValueError}, Layout::Exception);
        my_err->module = "__main__";
        my_err->make_immortal();
        Value msg = make_str("boom");
        Value e = call_value(Value(my_err), std::span<const Value>(&msg, 1)).value;
        CHECK(setattr(e, "code", Value::integer(3)).ok());
        CHECK(repr_string(e) == "MyErr('boom')");
        CHECK(str_string(e) == "boom");
        CHECK(S(getattr(e, "code")) == "3");
        CHECK(S(isinstance(e, Value(exc_types().ValueError))) == "True");
        CHECK(repr_string(Value(my_err)) == "<class '__main__.MyErr'>");
        CHECK(S(getattr(Value(my_err), "__mro__")) ==
              "(<class '__main__.MyErr'>, <class 'ValueError'>, <class 'Exception'>, <class 'BaseException'>, <class 'object'>)");
        // class Seq:
        //     def __getitem__(self, i):
        //         if i >= 3: raise IndexError(i)
        //         return i * 10
        // print(list(Seq()), 20 in Seq())
        static Type* const seq = new Type("Seq", {}, Layout::Object);
        seq->module = "__main__";
        seq->make_immortal();
        seq->dict()["__getitem__"] = fn("__getitem__", [](const Value&, Args a, Kwargs) {
            if (a[1].as_int() >= 3) return Outcome::raise(make_exception(exc_types().IndexError, std::vector<Value>{a[1]}));
            return Outcome::ok(Value::integer(a[1].as_int() * 10));
        });
        Value s = call_value(Value(seq), {}).value;
        std::vector<Value> out;
        CHECK(collect(s, out).ok());
        CHECK(repr_string(make_list(out)) == "[0, 10, 20]");
        CHECK(S(contains(s, Value::integer(20))) == "True");
    }
}
