// Type construction and the C3 linearisation Python uses for the MRO.
#include "daemon/object/type.h"

#include <algorithm>
#include <stdexcept>

namespace tl {

namespace {

// C3 merge (as CPython's mro_implementation): repeatedly take the first head that is in
// no other list's tail.
std::vector<Type*> c3_merge(std::vector<std::vector<Type*>> seqs) {
    std::vector<Type*> out;
    for (;;) {
        seqs.erase(std::remove_if(seqs.begin(), seqs.end(),
                                  [](const auto& s) { return s.empty(); }),
                   seqs.end());
        if (seqs.empty()) return out;
        Type* cand = nullptr;
        for (auto& s : seqs) {
            Type* head = s.front();
            bool in_tail = false;
            for (auto& t : seqs) {
                if (std::find(t.begin() + 1, t.end(), head) != t.end()) {
                    in_tail = true;
                    break;
                }
            }
            if (!in_tail) {
                cand = head;
                break;
            }
        }
        if (!cand) throw std::runtime_error("Cannot create a consistent method resolution order (MRO)");
        out.push_back(cand);
        for (auto& s : seqs) {
            if (!s.empty() && s.front() == cand) s.erase(s.begin());
        }
    }
}

}  // namespace

Type::Type(std::string name, std::vector<Type*> bases, Layout layout)
    : Object(nullptr), qualname(name), name_(std::move(name)), bases_(std::move(bases)), layout_(layout) {
    // `object` and `type` are built before `type` exists; type_type() patches both.
    bool is_object_itself = layout_ == Layout::Object && name_ == "object" && bases_.empty();
    if (layout_ != Layout::Type && !is_object_itself) set_type(type_type());
    if (bases_.empty() && !is_object_itself) bases_.push_back(object_type());
    std::vector<std::vector<Type*>> seqs;
    for (Type* b : bases_) seqs.push_back(b->mro_);
    seqs.push_back(bases_);
    mro_.push_back(this);
    if (!bases_.empty()) {
        auto rest = c3_merge(std::move(seqs));
        mro_.insert(mro_.end(), rest.begin(), rest.end());
    }
}

bool Type::is_subtype(const Type* other) const {
    if (this == other) return true;
    for (Type* t : mro_) {
        if (t == other) return true;
    }
    return false;
}

Value Type::lookup(const std::string& attr) const {
    for (Type* t : mro_) {
        auto it = t->dict_.find(attr);
        if (it != t->dict_.end()) return it->second;
    }
    return Value();
}

Type* object_type() {
    static Type* t = [] {
        auto* ty = new Type("object", {}, Layout::Object);
        ty->make_immortal();
        return ty;
    }();
    return t;
}

Type* type_type() {
    static Type* t = [] {
        auto* ty = new Type("type", {object_type()}, Layout::Type);
        ty->make_immortal();
        ty->set_type(ty);
        object_type()->set_type(ty);
        return ty;
    }();
    return t;
}

}  // namespace tl
