// A Python value: None, bool, int, float held inline, anything else as a counted Object.
// 16 bytes, cheap to copy for the inline kinds. `Null` is not a Python value: it marks
// "no value" (an unset result, a missing argument) inside C++ code.
#pragma once

#include <cstdint>
#include <cstring>

#include "daemon/object/object.h"

namespace tl {

class Value {
public:
    enum class Tag : uint8_t { Null, None, Bool, Int, Float, Obj };

    Value() : tag_(Tag::Null) { u_.i = 0; }
    static Value none() { Value v; v.tag_ = Tag::None; return v; }
    static Value boolean(bool b) { Value v; v.tag_ = Tag::Bool; v.u_.b = b; return v; }
    static Value integer(int64_t i) { Value v; v.tag_ = Tag::Int; v.u_.i = i; return v; }
    static Value floating(double d) { Value v; v.tag_ = Tag::Float; v.u_.f = d; return v; }
    Value(Object* o) : tag_(o ? Tag::Obj : Tag::Null) {
        u_.o = o;
        if (o) o->incref();
    }
    template <class T>
    Value(const Ref<T>& r) : Value(static_cast<Object*>(r.get())) {}

    Value(const Value& o) : tag_(o.tag_), u_(o.u_) {
        if (tag_ == Tag::Obj) u_.o->incref();
    }
    Value(Value&& o) noexcept : tag_(o.tag_), u_(o.u_) { o.tag_ = Tag::Null; }
    Value& operator=(const Value& o) {
        if (o.tag_ == Tag::Obj) o.u_.o->incref();
        release();
        tag_ = o.tag_;
        u_ = o.u_;
        return *this;
    }
    Value& operator=(Value&& o) noexcept {
        if (this != &o) {
            release();
            tag_ = o.tag_;
            u_ = o.u_;
            o.tag_ = Tag::Null;
        }
        return *this;
    }
    ~Value() { release(); }

    Tag tag() const { return tag_; }
    bool is_null() const { return tag_ == Tag::Null; }
    bool is_none() const { return tag_ == Tag::None; }
    bool is_bool() const { return tag_ == Tag::Bool; }
    bool is_int() const { return tag_ == Tag::Int; }
    bool is_float() const { return tag_ == Tag::Float; }
    bool is_obj() const { return tag_ == Tag::Obj; }

    bool as_bool() const { return u_.b; }
    int64_t as_int() const { return u_.i; }
    double as_float() const { return u_.f; }
    Object* as_obj() const { return u_.o; }

    // The object as T when it is one of T's type (checked by the caller's type test).
    template <class T>
    T* obj_as() const { return static_cast<T*>(u_.o); }

    // Python `is`.
    bool is(const Value& o) const {
        if (tag_ != o.tag_) return false;
        switch (tag_) {
            case Tag::Null: case Tag::None: return true;
            case Tag::Bool: return u_.b == o.u_.b;
            case Tag::Int: return u_.i == o.u_.i;
            case Tag::Float: return std::memcmp(&u_.f, &o.u_.f, sizeof(double)) == 0;
            case Tag::Obj: return u_.o == o.u_.o;
        }
        return false;
    }

private:
    void release() {
        if (tag_ == Tag::Obj) u_.o->decref();
    }
    Tag tag_;
    union {
        bool b;
        int64_t i;
        double f;
        Object* o;
    } u_;
};

}  // namespace tl
