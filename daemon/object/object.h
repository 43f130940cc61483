// The root of the Python object model shared by the runtime (daemon/runtime) and the
// scenario interpreter (daemon/script): every heap value is an Object with an intrusive
// reference count and a Python type. Ref<T> owns one reference.
#pragma once

#include <cstdint>
#include <utility>

namespace tl {

class Type;

class Object {
public:
    explicit Object(Type* type) : type_(type) {}
    Object(const Object&) = delete;
    Object& operator=(const Object&) = delete;
    virtual ~Object() = default;

    Type* type() const { return type_; }

    void incref() const { ++refs_; }
    void decref() const {
        if (--refs_ == 0) delete this;
    }
    uint32_t refcount() const { return refs_; }

    // Static objects (builtin types, None-like singletons) never die.
    void make_immortal() { refs_ = 1u << 30; }

    // Only for bootstrapping `type`/`object` and for `__class__` assignment.
    void set_type(Type* t) { type_ = t; }

private:
    Type* type_;
    mutable uint32_t refs_ = 0;
};

// An owning pointer to an Object subclass: copy increments, destruction decrements.
template <class T>
class Ref {
public:
    Ref() = default;
    Ref(std::nullptr_t) {}
    Ref(T* p) : p_(p) { if (p_) p_->incref(); }
    Ref(const Ref& o) : p_(o.p_) { if (p_) p_->incref(); }
    Ref(Ref&& o) noexcept : p_(o.p_) { o.p_ = nullptr; }
    template <class U>
    Ref(const Ref<U>& o) : p_(o.get()) { if (p_) p_->incref(); }
    ~Ref() { if (p_) p_->decref(); }

    Ref& operator=(const Ref& o) { Ref(o).swap(*this); return *this; }
    Ref& operator=(Ref&& o) noexcept { Ref(std::move(o)).swap(*this); return *this; }
    Ref& operator=(std::nullptr_t) { Ref().swap(*this); return *this; }

    void swap(Ref& o) noexcept { std::swap(p_, o.p_); }
    T* get() const { return p_; }
    T* operator->() const { return p_; }
    T& operator*() const { return *p_; }
    explicit operator bool() const { return p_ != nullptr; }
    // Gives up ownership without decrementing.
    T* release() { T* p = p_; p_ = nullptr; return p; }

    friend bool operator==(const Ref& a, const Ref& b) { return a.p_ == b.p_; }
    friend bool operator==(const Ref& a, std::nullptr_t) { return a.p_ == nullptr; }

private:
    T* p_ = nullptr;
};

template <class T, class... Args>
Ref<T> make(Args&&... args) {
    return Ref<T>(new T(std::forward<Args>(args)...));
}

}  // namespace tl
