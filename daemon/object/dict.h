// dict: an insertion-ordered hash table (CPython's compact dict idea: an index table of
// slots pointing into an entries array), with keys hashed and compared by Python's
// hash/== so 1, 1.0 and True are one key. Also the view and iterator objects.
#pragma once

#include <vector>

#include "daemon/object/ops.h"

namespace tl {

class DictObject : public Object {
public:
    struct Entry {
        Value key;  // Null: deleted
        Value value;
        int64_t hash;
    };
    explicit DictObject(Type* type = dict_type()) : Object(type) {}

    // Entry index of key, -1 when absent; an exception when __eq__ raises.
    int64_t find(const Value& key, int64_t hash, Outcome& err) const;
    // Sets key (keeping the original key object when it exists, as CPython).
    bool set(const Value& key, int64_t hash, Value value, Outcome& err);
    bool set(const Value& key, Value value, Outcome& err);  // hashes key
    // Removes the entry at `pos` (from find()).
    void remove_at(int64_t pos);
    void clear();
    size_t size() const { return used_; }

    std::vector<Entry> entries;  // in insertion order, with deleted holes
    uint64_t version = 0;        // bumped on every size change: iterators detect mutation

private:
    void rebuild(size_t min_slots);
    void insert_index(int64_t hash, int32_t pos);
    std::vector<int32_t> index_;  // -1 empty, -2 dummy, else entry position
    size_t used_ = 0;
    size_t filled_ = 0;  // index slots not empty (live + dummy)
};

inline DictObject* as_dict(const Value& v) {
    if (!v.is_obj() || v.as_obj()->type()->layout() != Layout::Dict) return nullptr;
    return v.obj_as<DictObject>();
}

// keys()/values()/items() views and their iterators.
enum class DictViewKind : uint8_t { Keys, Values, Items };
Type* dict_view_type(DictViewKind k);
class DictViewObject : public Object {
public:
    DictViewObject(DictViewKind kind, Ref<DictObject> dict) : Object(dict_view_type(kind)), kind(kind), dict(std::move(dict)) {}
    DictViewKind kind;
    Ref<DictObject> dict;
};
Value make_dict_iter(DictViewKind kind, Ref<DictObject> dict, bool reversed = false);

// dict(...) / dict.update(...) semantics: a mapping, an iterable of pairs, then kwargs.
Outcome dict_update_from(DictObject& d, const Value& src, const char* fname);
std::string dict_repr(DictObject& d, Outcome& err);

}  // namespace tl
