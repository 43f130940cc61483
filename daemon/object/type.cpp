// Type construction and the C3 linearisation Python uses for the MRO.
#include "daemon/object/type.h"

#include <algorithm>
#include <cstring>
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
    ++lookup_epoch_;  // a new type may reuse a dead one's address
}

Type::~Type() { ++lookup_epoch_; }

bool Type::is_subtype(const Type* other) const {
    if (this == other) return true;
    for (Type* t : mro_) {
        if (t == other) return true;
    }
    return false;
}

namespace {

// One entry of the direct-mapped lookup cache: (type, name) -> the dictionary slot holding
// the answer (nullptr: absent along the whole MRO). The slot is an unordered_map node, which
// stays put until its dictionary changes, and any change starts a new epoch.
// The name is kept inline, not in a std::string: the cache must hold no heap of its own
// (the heap budget and the teardown tests count every live byte after a run).
struct LookupEntry {
    static constexpr std::size_t kMaxName = 47;  // longer names are looked up uncached
    const Type* type = nullptr;
    uint64_t epoch = 0;
    const Value* slot = nullptr;
    uint8_t len = 0;
    char name[kMaxName];

    bool holds(std::string_view attr) const {
        return len == attr.size() && std::memcmp(name, attr.data(), len) == 0;
    }
};

constexpr std::size_t kLookupEntries = 4096;
LookupEntry g_lookup_cache[kLookupEntries];

// Hashes the type and a few bytes of the name: cheaper than hashing the whole string, and
// the entry compares the full name anyway. Independent of where the name is stored, since
// callers pass temporaries too.
inline std::size_t lookup_index(const Type* t, std::string_view attr) {
    std::size_t h = reinterpret_cast<std::uintptr_t>(t) >> 4;
    std::size_t n = attr.size();
    h = h * 31 + n;
    if (n) {
        h = h * 131 + static_cast<unsigned char>(attr[n / 2]);
        h = h * 131 + static_cast<unsigned char>(attr[n - 1]);
        h = h * 131 + static_cast<unsigned char>(attr[n > 2 ? 2 : 0]);
        h = h * 131 + static_cast<unsigned char>(attr[n > 3 ? n - 3 : 0]);
    }
    h ^= h >> 13;
    return h & (kLookupEntries - 1);
}

}  // namespace

Value Type::lookup_uncached(std::string_view attr, const Value*& slot) const {
    std::string key(attr);
    for (Type* t : mro_) {
        auto it = t->dict_.find(key);
        if (it != t->dict_.end()) {
            slot = &it->second;
            return it->second;
        }
    }
    slot = nullptr;
    return Value();
}

Value Type::lookup(std::string_view attr) const {
    LookupEntry& e = g_lookup_cache[lookup_index(this, attr)];
    if (e.type == this && e.epoch == lookup_epoch_ && e.holds(attr)) return e.slot ? *e.slot : Value();
    const Value* slot = nullptr;
    Value v = lookup_uncached(attr, slot);
    if (attr.size() <= LookupEntry::kMaxName) {
        e.type = this;
        e.epoch = lookup_epoch_;
        e.slot = slot;
        e.len = static_cast<uint8_t>(attr.size());
        std::memcpy(e.name, attr.data(), attr.size());
    }
    return v;
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
