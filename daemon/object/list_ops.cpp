// list and tuple: indexing and slicing (PySlice_AdjustIndices), slice assignment and
// deletion with steps, the methods (append … sort), and list.sort itself — a stable merge
// sort that compares only with `<` through compare(), keys computed once, and reverse done
// as CPython does it (reverse, sort, reverse) so equal elements keep their order.
#include <algorithm>

#include "daemon/object/ops_support.h"
#include "daemon/object/range.h"

namespace tl {

bool slice_indices(const Value& slice, int64_t length, int64_t& start, int64_t& stop, int64_t& step,
                   int64_t& slicelen, Outcome& err) {
    auto* s = as_slice(slice);
    auto get = [&](const Value& v, int64_t dflt, int64_t& out) -> bool {
        if (v.is_none() || v.is_null()) { out = dflt; return true; }
        if (!index_arg(v, out, err)) {
            err = type_error("slice indices must be integers or None or have an __index__ method");
            return false;
        }
        return true;
    };
    if (!get(s->step, 1, step)) return false;
    if (step == 0) { err = value_error("slice step cannot be zero"); return false; }
    if (step < -INT64_MAX) step = -INT64_MAX;
    int64_t dstart = step < 0 ? INT64_MAX : 0;
    int64_t dstop = step < 0 ? INT64_MIN : INT64_MAX;
    if (!get(s->start, dstart, start) || !get(s->stop, dstop, stop)) return false;
    // PySlice_AdjustIndices
    if (start < 0) {
        start += length;
        if (start < 0) start = step < 0 ? -1 : 0;
    } else if (start >= length) {
        start = step < 0 ? length - 1 : length;
    }
    if (stop < 0) {
        stop = stop == INT64_MIN ? -1 : stop + length;
        if (stop < 0) stop = step < 0 ? -1 : 0;
    } else if (stop >= length) {
        stop = step < 0 ? length - 1 : length;
    }
    if (step < 0) slicelen = stop < start ? (start - stop - 1) / (-step) + 1 : 0;
    else slicelen = start < stop ? (stop - start - 1) / step + 1 : 0;
    return true;
}

namespace {

std::vector<Value>* seq_items(const Value& v) {
    if (!v.is_obj()) return nullptr;
    Layout l = v.as_obj()->type()->layout();
    if (l == Layout::List) return &v.obj_as<ListObject>()->items;
    if (l == Layout::Tuple) return &v.obj_as<TupleObject>()->items;
    return nullptr;
}

// Byte offsets of each code point of s (plus the end), for non-ASCII indexing.
std::vector<size_t> code_point_offsets(const std::string& s) {
    std::vector<size_t> offs;
    for (size_t i = 0; i < s.size(); ++i)
        if ((static_cast<unsigned char>(s[i]) & 0xC0) != 0x80) offs.push_back(i);
    offs.push_back(s.size());
    return offs;
}

}  // namespace

Outcome seq_getitem(const Value& seq, const Value& key) {
    Layout l = seq.as_obj()->type()->layout();
    const char* what = l == Layout::List ? "list" : l == Layout::Tuple ? "tuple" : "string";
    if (l == Layout::Str) {
        const std::string& s = *str_of(seq);
        bool ascii = utf8_is_ascii(s);
        std::vector<size_t> offs;
        if (!ascii) offs = code_point_offsets(s);
        int64_t n = ascii ? static_cast<int64_t>(s.size()) : static_cast<int64_t>(offs.size()) - 1;
        auto cp = [&](int64_t i) -> std::string_view {
            if (ascii) return std::string_view(s).substr(static_cast<size_t>(i), 1);
            return std::string_view(s).substr(offs[static_cast<size_t>(i)], offs[static_cast<size_t>(i) + 1] - offs[static_cast<size_t>(i)]);
        };
        if (is_intlike(key)) {
            int64_t i = intlike(key);
            if (i < 0) i += n;
            if (i < 0 || i >= n) return index_error("string index out of range");
            return Outcome::ok(make_str(std::string(cp(i))));
        }
        if (as_slice(key)) {
            int64_t start, stop, step, slen;
            Outcome err;
            if (!slice_indices(key, n, start, stop, step, slen, err)) return err;
            std::string out;
            if (step == 1 && slen > 0) {
                size_t b = ascii ? static_cast<size_t>(start) : offs[static_cast<size_t>(start)];
                size_t e = ascii ? static_cast<size_t>(start + slen) : offs[static_cast<size_t>(start + slen)];
                return Outcome::ok(make_str(s.substr(b, e - b)));
            }
            for (int64_t k = 0, i = start; k < slen; ++k, i += step) out += cp(i);
            return Outcome::ok(make_str(out));
        }
        int64_t i;
        Outcome err;
        if (key.is_obj() && index_arg(key, i, err)) return seq_getitem(seq, Value::integer(i));
        return type_error("string indices must be integers, not '" + type_name(key) + "'");
    }
    std::vector<Value>& items = *seq_items(seq);
    int64_t n = static_cast<int64_t>(items.size());
    if (is_intlike(key)) {
        int64_t i = intlike(key);
        if (i < 0) i += n;
        if (i < 0 || i >= n) return index_error(std::string(what) + " index out of range");
        return Outcome::ok(items[static_cast<size_t>(i)]);
    }
    if (as_slice(key)) {
        int64_t start, stop, step, slen;
        Outcome err;
        if (!slice_indices(key, n, start, stop, step, slen, err)) return err;
        std::vector<Value> out;
        out.reserve(static_cast<size_t>(slen));
        for (int64_t k = 0, i = start; k < slen; ++k, i += step) out.push_back(items[static_cast<size_t>(i)]);
        if (l == Layout::List) return Outcome::ok(make_list(std::move(out)));
        return Outcome::ok(make_tuple(std::move(out)));
    }
    int64_t i;
    Outcome err;
    if (key.is_obj() && !find_override(key.as_obj()->type(), "__index__").is_null() && index_arg(key, i, err))
        return seq_getitem(seq, Value::integer(i));
    return type_error(std::string(l == Layout::List ? "list" : "tuple") + " indices must be integers or slices, not " +
                      type_name(key));
}

Outcome list_setitem(ListObject& list, const Value& key, const Value& value) {
    std::vector<Value>& items = list.items;
    int64_t n = static_cast<int64_t>(items.size());
    if (is_intlike(key)) {
        int64_t i = intlike(key);
        if (i < 0) i += n;
        if (i < 0 || i >= n) return index_error("list assignment index out of range");
        items[static_cast<size_t>(i)] = value;
        return ok_none();
    }
    if (as_slice(key)) {
        int64_t start, stop, step, slen;
        Outcome err;
        if (!slice_indices(key, n, start, stop, step, slen, err)) return err;
        std::vector<Value> src;
        Outcome c = collect(value, src);
        if (!c.ok()) {
            if (c.exc->is_instance(exc_types().TypeError)) return type_error("must assign iterable to extended slice");
            return c;
        }
        if (step == 1) {
            if (stop < start) stop = start;
            items.erase(items.begin() + start, items.begin() + stop);
            items.insert(items.begin() + start, src.begin(), src.end());
            return ok_none();
        }
        if (static_cast<int64_t>(src.size()) != slen) {
            return value_error("attempt to assign sequence of size " + std::to_string(src.size()) +
                               " to extended slice of size " + std::to_string(slen));
        }
        for (int64_t k = 0, i = start; k < slen; ++k, i += step) items[static_cast<size_t>(i)] = src[static_cast<size_t>(k)];
        return ok_none();
    }
    return type_error("list indices must be integers or slices, not " + type_name(key));
}

Outcome list_delitem(ListObject& list, const Value& key) {
    std::vector<Value>& items = list.items;
    int64_t n = static_cast<int64_t>(items.size());
    if (is_intlike(key)) {
        int64_t i = intlike(key);
        if (i < 0) i += n;
        if (i < 0 || i >= n) return index_error("list assignment index out of range");
        items.erase(items.begin() + i);
        return ok_none();
    }
    if (as_slice(key)) {
        int64_t start, stop, step, slen;
        Outcome err;
        if (!slice_indices(key, n, start, stop, step, slen, err)) return err;
        if (slen == 0) return ok_none();
        std::vector<bool> drop(items.size(), false);
        for (int64_t k = 0, i = start; k < slen; ++k, i += step) drop[static_cast<size_t>(i)] = true;
        std::vector<Value> kept;
        kept.reserve(items.size() - static_cast<size_t>(slen));
        for (size_t i = 0; i < items.size(); ++i)
            if (!drop[i]) kept.push_back(items[i]);
        items = std::move(kept);
        return ok_none();
    }
    return type_error("list indices must be integers or slices, not " + type_name(key));
}

// ---- sort ------------------------------------------------------------------------------

namespace {

struct Sorter {
    Outcome err;
    bool failed = false;
    bool all_int = false;
    bool all_str = false;

    bool less(const Value& a, const Value& b) {
        if (failed) return false;
        if (all_int) return a.as_int() < b.as_int();
        if (all_str) return *str_of(a) < *str_of(b);
        Outcome r = compare(CompareOp::Lt, a, b);
        if (!r.ok()) { err = r; failed = true; return false; }
        if (r.value.is_bool()) return r.value.as_bool();
        Outcome t = truthy(r.value);
        if (!t.ok()) { err = t; failed = true; return false; }
        return t.value.as_bool();
    }

    // Stable merge sort of idx by keys[idx].
    void sort(std::vector<size_t>& idx, const std::vector<Value>& keys) {
        std::vector<size_t> tmp(idx.size());
        merge_sort(idx, tmp, keys, 0, idx.size());
    }
    void merge_sort(std::vector<size_t>& a, std::vector<size_t>& tmp, const std::vector<Value>& keys, size_t lo, size_t hi) {
        if (hi - lo < 2 || failed) return;
        if (hi - lo <= 16) {
            // Binary insertion sort for short runs, as timsort does.
            for (size_t i = lo + 1; i < hi && !failed; ++i) {
                size_t x = a[i];
                size_t l = lo, h = i;
                while (l < h) {
                    size_t m = (l + h) / 2;
                    if (less(keys[x], keys[a[m]])) h = m;
                    else l = m + 1;
                }
                for (size_t j = i; j > l; --j) a[j] = a[j - 1];
                a[l] = x;
            }
            return;
        }
        size_t mid = (lo + hi) / 2;
        merge_sort(a, tmp, keys, lo, mid);
        merge_sort(a, tmp, keys, mid, hi);
        if (failed) return;
        if (!less(keys[a[mid]], keys[a[mid - 1]])) return;  // already ordered
        size_t i = lo, j = mid, k = lo;
        while (i < mid && j < hi) {
            if (less(keys[a[j]], keys[a[i]])) tmp[k++] = a[j++];
            else tmp[k++] = a[i++];
        }
        while (i < mid) tmp[k++] = a[i++];
        while (j < hi) tmp[k++] = a[j++];
        for (size_t t = lo; t < hi; ++t) a[t] = tmp[t];
    }
};

}  // namespace

Outcome sort_values(std::vector<Value>& items, const Value& key, bool reverse) {
    std::vector<Value> keys;
    if (key.is_null() || key.is_none()) {
        keys = items;
    } else {
        keys.reserve(items.size());
        for (auto& it : items) {
            Outcome k = call_value(key, std::span<const Value>(&it, 1));
            if (!k.ok()) return k;
            keys.push_back(k.value);
        }
    }
    if (reverse) {
        std::reverse(items.begin(), items.end());
        std::reverse(keys.begin(), keys.end());
    }
    Sorter s;
    s.all_int = std::all_of(keys.begin(), keys.end(), [](const Value& v) { return v.is_int(); });
    s.all_str = !s.all_int && std::all_of(keys.begin(), keys.end(), [](const Value& v) {
        return v.is_obj() && v.as_obj()->type() == str_type();
    });
    std::vector<size_t> idx(items.size());
    for (size_t i = 0; i < idx.size(); ++i) idx[i] = i;
    s.sort(idx, keys);
    if (s.failed) {
        if (reverse) std::reverse(items.begin(), items.end());
        return s.err;
    }
    std::vector<Value> sorted;
    sorted.reserve(items.size());
    for (size_t i : idx) sorted.push_back(items[i]);
    if (reverse) std::reverse(sorted.begin(), sorted.end());
    items = std::move(sorted);
    return ok_none();
}

// ---- methods -------------------------------------------------------------------------

namespace {

ListObject* L(const Value& v) { return v.obj_as<ListObject>(); }

Outcome m_append(const Value& self, Args args, Kwargs) {
    Outcome err;
    if (!check_arity("list.append", args, 1, 1, err)) return err;
    L(self)->items.push_back(args[0]);
    return ok_none();
}

Outcome m_extend(const Value& self, Args args, Kwargs) {
    Outcome err;
    if (!check_arity("list.extend", args, 1, 1, err)) return err;
    std::vector<Value> src;
    Outcome c = collect(args[0], src);
    if (!c.ok()) return c;
    auto& items = L(self)->items;
    items.insert(items.end(), src.begin(), src.end());
    return ok_none();
}

Outcome m_insert(const Value& self, Args args, Kwargs) {
    Outcome err;
    if (!check_arity("insert", args, 2, 2, err)) return err;
    int64_t i;
    if (!index_arg(args[0], i, err)) return err;
    auto& items = L(self)->items;
    int64_t n = static_cast<int64_t>(items.size());
    if (i < 0) { i += n; if (i < 0) i = 0; }
    if (i > n) i = n;
    items.insert(items.begin() + i, args[1]);
    return ok_none();
}

Outcome m_pop(const Value& self, Args args, Kwargs) {
    Outcome err;
    if (!check_arity("pop", args, 0, 1, err)) return err;
    auto& items = L(self)->items;
    int64_t i = -1;
    if (!args.empty() && !index_arg(args[0], i, err)) return err;
    if (items.empty()) return index_error("pop from empty list");
    int64_t n = static_cast<int64_t>(items.size());
    if (i < 0) i += n;
    if (i < 0 || i >= n) return index_error("pop index out of range");
    Value v = items[static_cast<size_t>(i)];
    items.erase(items.begin() + i);
    return Outcome::ok(v);
}

Outcome m_remove(const Value& self, Args args, Kwargs) {
    Outcome err;
    if (!check_arity("list.remove", args, 1, 1, err)) return err;
    auto& items = L(self)->items;
    for (size_t i = 0; i < items.size(); ++i) {
        Value x = items[i];
        Outcome e = equals(x, args[0]);
        if (!e.ok()) return e;
        if (e.value.as_bool()) {
            if (i < items.size()) items.erase(items.begin() + static_cast<int64_t>(i));
            return ok_none();
        }
    }
    return value_error("list.remove(x): x not in list");
}

Outcome seq_index(const std::vector<Value>& items, Args args, const char* what) {
    Outcome err;
    if (!check_arity("index", args, 1, 3, err)) return err;
    int64_t n = static_cast<int64_t>(items.size());
    int64_t start = 0, stop = n;
    if (args.size() > 1 && !index_arg(args[1], start, err)) return err;
    if (args.size() > 2 && !index_arg(args[2], stop, err)) return err;
    if (start < 0) { start += n; if (start < 0) start = 0; }
    if (stop < 0) { stop += n; if (stop < 0) stop = 0; }
    for (int64_t i = start; i < stop && i < static_cast<int64_t>(items.size()); ++i) {
        Outcome e = equals(items[static_cast<size_t>(i)], args[0]);
        if (!e.ok()) return e;
        if (e.value.as_bool()) return Outcome::ok(Value::integer(i));
    }
    if (std::string(what) == "tuple") return value_error("tuple.index(x): x not in tuple");
    return value_error(repr_string(args[0]) + " is not in list");
}

Outcome seq_count(const std::vector<Value>& items, Args args, const char* what) {
    Outcome err;
    if (!check_arity((std::string(what) + ".count").c_str(), args, 1, 1, err)) return err;
    int64_t c = 0;
    for (size_t i = 0; i < items.size(); ++i) {
        Outcome e = equals(items[i], args[0]);
        if (!e.ok()) return e;
        if (e.value.as_bool()) ++c;
    }
    return Outcome::ok(Value::integer(c));
}

Outcome m_index(const Value& self, Args args, Kwargs) {
    std::vector<Value> snapshot = L(self)->items;
    return seq_index(snapshot, args, "list");
}
Outcome m_count(const Value& self, Args args, Kwargs) {
    std::vector<Value> snapshot = L(self)->items;
    return seq_count(snapshot, args, "list");
}
Outcome t_index(const Value& self, Args args, Kwargs) { return seq_index(self.obj_as<TupleObject>()->items, args, "tuple"); }
Outcome t_count(const Value& self, Args args, Kwargs) { return seq_count(self.obj_as<TupleObject>()->items, args, "tuple"); }

Outcome m_sort(const Value& self, Args args, Kwargs kwargs) {
    Outcome err;
    if (!args.empty()) return type_error("sort() takes no positional arguments");
    if (!check_kwargs("sort", kwargs, {"key", "reverse"}, err)) return err;
    const Value* key = find_kwarg(kwargs, "key");
    const Value* rev = find_kwarg(kwargs, "reverse");
    bool reverse = false;
    if (rev) {
        Outcome t = truthy(*rev);
        if (!t.ok()) return t;
        reverse = t.value.as_bool();
    }
    // CPython empties the list while sorting; sort a copy and install it.
    std::vector<Value> items = L(self)->items;
    Outcome r = sort_values(items, key ? *key : Value(), reverse);
    if (!r.ok()) return r;
    L(self)->items = std::move(items);
    return ok_none();
}

Outcome m_reverse(const Value& self, Args args, Kwargs) {
    Outcome err;
    if (!check_arity("reverse", args, 0, 0, err)) return err;
    std::reverse(L(self)->items.begin(), L(self)->items.end());
    return ok_none();
}

Outcome m_copy(const Value& self, Args args, Kwargs) {
    Outcome err;
    if (!check_arity("copy", args, 0, 0, err)) return err;
    return Outcome::ok(make_list(L(self)->items));
}

Outcome m_clear(const Value& self, Args args, Kwargs) {
    Outcome err;
    if (!check_arity("clear", args, 0, 0, err)) return err;
    L(self)->items.clear();
    return ok_none();
}

}  // namespace

void install_list_methods() {
    Type* t = list_type();
    add_method<m_append>(t, "append");
    add_method<m_extend>(t, "extend");
    add_method<m_insert>(t, "insert");
    add_method<m_pop>(t, "pop");
    add_method<m_remove>(t, "remove");
    add_method<m_index>(t, "index");
    add_method<m_count>(t, "count");
    add_method<m_sort>(t, "sort");
    add_method<m_reverse>(t, "reverse");
    add_method<m_copy>(t, "copy");
    add_method<m_clear>(t, "clear");
    add_method<t_index>(tuple_type(), "index");
    add_method<t_count>(tuple_type(), "count");
}

}  // namespace tl
