// python_style_dump: nlohmann's compact dump has no spaces and prints 1.0 as 1.0 but
// integers-valued doubles differently from Python in places; this writes what
// json.dumps(obj) would, for the value kinds events contain.
#include "client/render/jsonl.h"

#include <cmath>
#include <cstdio>
#include <cstring>
#include <iterator>
#include <map>
#include <string_view>
#include <vector>

namespace tl::client {
namespace {

// repr(float): the shortest round-trip digits, in Python's layout (1e-05, 1e+16, 0.1).
std::string float_repr(double v) {
    if (std::isnan(v)) return "NaN";
    if (std::isinf(v)) return v > 0 ? "Infinity" : "-Infinity";
    char buf[64];
    for (int prec = 1; prec <= 17; ++prec) {
        std::snprintf(buf, sizeof buf, "%.*e", prec - 1, v);
        if (std::strtod(buf, nullptr) == v) break;
    }
    // buf is d.ddde±XX; rebuild it as repr does: fixed when -4 <= exp < 16.
    std::string s = buf;
    bool neg = s[0] == '-';
    if (neg) s.erase(0, 1);
    auto epos = s.find('e');
    int exp = std::atoi(s.c_str() + epos + 1);
    std::string digits;
    for (char c : s.substr(0, epos))
        if (c != '.') digits += c;
    while (digits.size() > 1 && digits.back() == '0') digits.pop_back();
    std::string out;
    if (exp >= -4 && exp < 16) {
        if (exp < 0) {
            out = "0." + std::string(static_cast<size_t>(-exp - 1), '0') + digits;
        } else if (static_cast<int>(digits.size()) <= exp + 1) {
            out = digits + std::string(static_cast<size_t>(exp + 1 - static_cast<int>(digits.size())), '0') + ".0";
        } else {
            out = digits.substr(0, static_cast<size_t>(exp + 1)) + "." + digits.substr(static_cast<size_t>(exp + 1));
        }
    } else {
        out = digits.substr(0, 1);
        if (digits.size() > 1) out += "." + digits.substr(1);
        char e[16];
        std::snprintf(e, sizeof e, "e%c%02d", exp < 0 ? '-' : '+', std::abs(exp));
        out += e;
    }
    return neg ? "-" + out : out;
}

void dump_into(const Json& v, std::string& out) {
    switch (v.type()) {
        case Json::value_t::object: {
            out += '{';
            bool first = true;
            for (auto it = v.begin(); it != v.end(); ++it) {
                if (!first) out += ", ";
                first = false;
                out += Json(it.key()).dump(-1, ' ', false, Json::error_handler_t::replace);
                out += ": ";
                dump_into(it.value(), out);
            }
            out += '}';
            break;
        }
        case Json::value_t::array: {
            out += '[';
            for (size_t i = 0; i < v.size(); ++i) {
                if (i) out += ", ";
                dump_into(v[i], out);
            }
            out += ']';
            break;
        }
        case Json::value_t::number_float: out += float_repr(v.get<double>()); break;
        case Json::value_t::string:
            // UTF-8 passed through, as the daemon's jsonl writer does
            out += v.dump(-1, ' ', false, Json::error_handler_t::replace);
            break;
        default: out += v.dump(); break;
    }
}

}  // namespace

namespace {
const std::map<std::string, std::vector<const char*>>& contract_fields() {
    static const std::map<std::string, std::vector<const char*>> kContract = {
        {"task_created", {"task", "coro", "parent"}},
        {"cancel", {"task", "by", "msg", "result", "cancelling", "must_cancel"}},
        {"uncancel", {"task", "by", "cancelling", "must_cancel", "rescinded"}},
        {"throw", {"task", "exc", "msg"}},
        {"done", {"task", "state", "exc"}},
        {"timeout_enter", {"scope", "task", "when"}},
        {"timeout_reschedule", {"scope", "when"}},
        {"timeout_expire", {"scope", "task"}},
        {"timeout_exit", {"scope", "task", "expired", "raised"}},
        {"taskgroup_enter", {"scope", "task"}},
        {"taskgroup_abort", {"scope"}},
        {"taskgroup_exit", {"scope", "task", "raised"}},
        {"print", {"text"}},
        {"exit", {"status", "exc"}},
        {"callback_error", {"message", "exc"}},
        {"diagnostic", {"code", "task", "line", "file", "message"}},
    };
    return kContract;
}
}  // namespace

Json canonical_order(const Json& event) {
    const auto& kContract = contract_fields();
    if (!event.is_object()) return event;
    Json out = Json::object();
    auto take = [&](const char* key) {
        auto it = event.find(key);
        if (it != event.end() && !out.contains(key)) out[key] = *it;
    };
    take("seq");
    take("t");
    take("event");
    std::string kind = event.contains("event") && event["event"].is_string() ? event["event"].get<std::string>() : "";
    if (auto it = kContract.find(kind); it != kContract.end())
        for (const char* k : it->second) take(k);
    for (const char* k : {"cause", "cause_scope", "cancelling_before", "file", "line"}) take(k);
    for (auto it = event.begin(); it != event.end(); ++it)
        if (!out.contains(it.key())) out[it.key()] = it.value();
    return out;
}

Json canonical_order(Json&& event) {
    // The daemon streams each event as the text `tasklensd run` writes, so its keys are
    // nearly always in this order already: check that without copying, and reorder (by
    // the copying version above) only an event that is not. This runs once per streamed
    // event, hence string_view tables (length compared first) instead of the map.
    struct Order {
        std::string_view kind;
        std::vector<std::string_view> keys;  // the whole order, a key listed twice once
    };
    static const std::vector<Order> kOrders = [] {
        std::vector<Order> orders;
        auto add = [](Order& o, std::string_view k) {
            for (auto have : o.keys)
                if (have == k) return;
            o.keys.push_back(k);
        };
        for (auto& [kind, fields] : contract_fields()) {
            Order o{kind, {}};
            for (const char* k : {"seq", "t", "event"}) add(o, k);
            for (const char* k : fields) add(o, k);
            for (const char* k : {"cause", "cause_scope", "cancelling_before", "file", "line"}) add(o, k);
            orders.push_back(std::move(o));
        }
        Order other{"", {}};  // an event of no contract kind
        for (const char* k : {"seq", "t", "event", "cause", "cause_scope", "cancelling_before", "file", "line"})
            add(other, k);
        orders.push_back(std::move(other));
        return orders;
    }();
    if (!event.is_object()) return std::move(event);
    const auto& obj = event.get_ref<const Json::object_t&>();
    std::string_view kind;
    for (auto& [k, v] : obj)
        if (k == "event") {
            if (v.is_string()) kind = v.get_ref<const std::string&>();
            break;
        }
    const Order* order = &kOrders.back();
    for (auto& o : kOrders)
        if (!o.kind.empty() && o.kind == kind) order = &o;
    // In order iff the keys are the order's keys that the event has, in the same order,
    // and no others: walk both; a listed key skipped over must be absent.
    size_t next = 0;
    for (auto k : order->keys) {
        if (next < obj.size() && std::string_view(obj.begin()[next].first) == k) {
            ++next;
            continue;
        }
        for (size_t i = next; i < obj.size(); ++i)
            if (std::string_view(obj.begin()[i].first) == k) return canonical_order(static_cast<const Json&>(event));
    }
    if (next == obj.size()) return std::move(event);
    return canonical_order(static_cast<const Json&>(event));
}

std::string python_style_dump(const Json& value) {
    std::string out;
    dump_into(value, out);
    return out;
}

}  // namespace tl::client
