// set and frozenset: CPython's set table ported from Objects/setobject.c (linear probes,
// perturbation, fill/used accounting, resize rules, dummies, the pop finger), so that
// iteration order — which is table order — matches CPython wherever hashes match.
#pragma once

#include <vector>

#include "daemon/object/ops.h"

namespace tl {

class SetObject : public Object {
public:
    struct Entry {
        Value key;          // Null: unused (hash 0) or dummy (hash -1)
        int64_t hash = 0;
    };
    explicit SetObject(Type* type = tl::set_type());

    // set_lookkey: found/not found, or an exception from __eq__.
    bool contains(const Value& key, int64_t hash, bool& found, Outcome& err) const;
    bool contains(const Value& key, bool& found, Outcome& err) const;  // hashes key
    // set_add_entry
    bool add(const Value& key, int64_t hash, Outcome& err);
    bool add(const Value& key, Outcome& err);
    // set_discard_entry: found tells whether it was present.
    bool discard(const Value& key, bool& found, Outcome& err);
    // set_merge of another set (the copy fast paths included).
    bool merge(const SetObject& other, Outcome& err);
    // set_update_internal: a set, a dict (keys) or any iterable.
    bool update(const Value& iterable, Outcome& err);
    // set_pop
    Value pop();
    void clear();
    size_t size() const { return used; }

    std::vector<Entry> table;  // size mask + 1
    size_t mask = 7;
    size_t fill = 0;
    size_t used = 0;
    size_t finger = 0;
    uint64_t version = 0;

    bool is_frozen() const;
    // Live keys in table order.
    template <class F>
    void for_each(F&& f) const {
        for (const Entry& e : table)
            if (!e.key.is_null()) f(e.key, e.hash);
    }

private:
    void insert_clean(std::vector<Entry>& t, size_t m, const Value& key, int64_t hash);
    void resize(size_t minused);
};

inline SetObject* as_set(const Value& v) {
    if (!v.is_obj() || v.as_obj()->type()->layout() != Layout::Set) return nullptr;
    return v.obj_as<SetObject>();
}

Ref<SetObject> new_set_like(const Type* like);  // set or frozenset, as `like`
Value make_set_iter(Ref<SetObject> s);
std::string set_repr(const SetObject& s, Outcome& err);
int64_t frozenset_hash(const SetObject& s);
// Set binary operators (| & - ^) and comparisons (<= < >= > == !=); NotImplemented if
// the other operand is not a set.
Outcome set_binary(BinaryOp op, const Value& a, const Value& b);
Outcome set_compare(CompareOp op, const SetObject& a, const SetObject& b);
Outcome set_inplace(BinaryOp op, const Value& a, const Value& b);

}  // namespace tl
