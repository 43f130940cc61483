// The evaluator of ops_eval.h: a tokenizer, a precedence-climbing parser into a small
// AST, and a tree walk that performs every operation through ops.h (binary_op, compare,
// getattr, call_value, getitem, …). Lambdas are objects the installed call hook runs.
#include "tests/unit/ops_eval.h"

#include <cstdlib>
#include <stdexcept>

#include "daemon/script/teardown.h"

namespace tl::test {

namespace {

struct Tok {
    enum Kind { Name, Num, Str, Op, End } kind;
    std::string text;
    Value value;
};

struct ParseError : std::runtime_error {
    using std::runtime_error::runtime_error;
};

void append_utf8(std::string& out, uint32_t c) {
    if (c < 0x80) out += static_cast<char>(c);
    else if (c < 0x800) { out += static_cast<char>(0xC0 | (c >> 6)); out += static_cast<char>(0x80 | (c & 0x3F)); }
    else if (c < 0x10000) {
        out += static_cast<char>(0xE0 | (c >> 12));
        out += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (c & 0x3F));
    } else {
        out += static_cast<char>(0xF0 | (c >> 18));
        out += static_cast<char>(0x80 | ((c >> 12) & 0x3F));
        out += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (c & 0x3F));
    }
}

std::vector<Tok> tokenize(const std::string& s) {
    std::vector<Tok> out;
    size_t i = 0;
    auto isname = [](char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_' || (c & 0x80); };
    while (i < s.size()) {
        char c = s[i];
        if (c == ' ' || c == '\t') { ++i; continue; }
        bool str_prefix = (c == 'r' || c == 'R') && i + 1 < s.size() && (s[i + 1] == '\'' || s[i + 1] == '"');
        if (c == '\'' || c == '"' || str_prefix) {
            bool raw = str_prefix;
            if (raw) ++i;
            char q = s[i];
            bool triple = s.compare(i, 3, std::string(3, q)) == 0;
            i += triple ? 3 : 1;
            std::string v;
            for (;;) {
                if (i >= s.size()) throw ParseError("unterminated string");
                if (triple ? s.compare(i, 3, std::string(3, q)) == 0 : s[i] == q) { i += triple ? 3 : 1; break; }
                if (s[i] == '\\' && !raw) {
                    char e = s[i + 1];
                    i += 2;
                    switch (e) {
                        case 'n': v += '\n'; break;
                        case 't': v += '\t'; break;
                        case 'r': v += '\r'; break;
                        case '0': v += '\0'; break;
                        case 'a': v += '\a'; break;
                        case 'b': v += '\b'; break;
                        case 'f': v += '\f'; break;
                        case 'v': v += '\v'; break;
                        case 'x': append_utf8(v, static_cast<uint32_t>(std::stoul(s.substr(i, 2), nullptr, 16))); i += 2; break;
                        case 'u': append_utf8(v, static_cast<uint32_t>(std::stoul(s.substr(i, 4), nullptr, 16))); i += 4; break;
                        case 'U': append_utf8(v, static_cast<uint32_t>(std::stoul(s.substr(i, 8), nullptr, 16))); i += 8; break;
                        default: v += e; break;
                    }
                    continue;
                }
                v += s[i++];
            }
            out.push_back({Tok::Str, v, make_str(v)});
            continue;
        }
        if (std::isdigit(static_cast<unsigned char>(c)) || (c == '.' && i + 1 < s.size() && std::isdigit(static_cast<unsigned char>(s[i + 1])))) {
            size_t j = i;
            bool is_float = false;
            if (c == '0' && i + 1 < s.size() && std::strchr("xXoObB", s[i + 1])) {
                j = i + 2;
                while (j < s.size() && (std::isxdigit(static_cast<unsigned char>(s[j])) || s[j] == '_')) ++j;
            } else {
                while (j < s.size() && (std::isdigit(static_cast<unsigned char>(s[j])) || s[j] == '_' || s[j] == '.' ||
                                        s[j] == 'e' || s[j] == 'E' ||
                                        ((s[j] == '+' || s[j] == '-') && (s[j - 1] == 'e' || s[j - 1] == 'E')))) {
                    if (s[j] == '.' || s[j] == 'e' || s[j] == 'E') is_float = true;
                    ++j;
                }
            }
            std::string text = s.substr(i, j - i);
            std::string clean;
            for (char ch : text) if (ch != '_') clean += ch;
            Value v;
            if (is_float) v = Value::floating(std::strtod(clean.c_str(), nullptr));
            else {
                Outcome o = construct(int_type(), std::vector<Value>{make_str(clean), Value::integer(0)});
                if (!o.ok()) throw ParseError("bad int literal " + text);
                v = o.value;
            }
            out.push_back({Tok::Num, text, v});
            i = j;
            continue;
        }
        if (isname(c)) {
            size_t j = i;
            while (j < s.size() && isname(s[j])) ++j;
            out.push_back({Tok::Name, s.substr(i, j - i), Value()});
            i = j;
            continue;
        }
        static const char* ops3[] = {"**=", "//=", ">>=", "<<=", "..."};
        static const char* ops2[] = {"**", "//", "<<", ">>", "<=", ">=", "==", "!=", ":=", "+=", "-=", "*=", "/=", "%=", "&=", "|=", "^=", "->"};
        std::string op;
        for (const char* o : ops3) if (s.compare(i, 3, o) == 0) { op = o; break; }
        if (op.empty()) for (const char* o : ops2) if (s.compare(i, 2, o) == 0) { op = o; break; }
        if (op.empty()) op = std::string(1, c);
        out.push_back({Tok::Op, op, Value()});
        i += op.size();
    }
    out.push_back({Tok::End, "", Value()});
    return out;
}

struct Node;
using NodeP = std::shared_ptr<Node>;
struct Node {
    enum Kind { Lit, Name, Tuple, List, Dict, Set, Unary, Binary, Compare, And, Or, Not, IfExp, Attr, Call, Subscript,
                Slice, Lambda, Walrus, Starred, DoubleStarred } kind;
    Value value;
    std::string name;
    std::vector<NodeP> kids;
    std::vector<std::string> names;  // call keyword names ("" for positional), lambda params, compare ops
    int op = 0;
};

NodeP mk(Node::Kind k) { auto n = std::make_shared<Node>(); n->kind = k; return n; }

class Parser {
public:
    explicit Parser(std::vector<Tok> t) : t_(std::move(t)) {}
    NodeP parse_expr_list_or_single() {
        NodeP first = expr();
        if (!is(",")) return first;
        auto tup = mk(Node::Tuple);
        tup->kids.push_back(first);
        while (accept(",")) {
            if (at_end() || is("=") || is(")")) break;
            tup->kids.push_back(expr());
        }
        return tup;
    }
    NodeP expr() {
        if (is_name("lambda")) return lambda();
        if (peek().kind == Tok::Name && peek(1).text == ":=") {
            auto w = mk(Node::Walrus);
            w->name = next().text;
            next();
            w->kids.push_back(expr());
            return w;
        }
        NodeP e = or_expr();
        if (is_name("if")) {
            next();
            auto n = mk(Node::IfExp);
            NodeP cond = or_expr();
            expect_name("else");
            NodeP other = expr();
            n->kids = {cond, e, other};
            return n;
        }
        return e;
    }
    bool at_end() const { return t_[p_].kind == Tok::End; }
    const Tok& peek(size_t k = 0) const { return t_[std::min(p_ + k, t_.size() - 1)]; }
    Tok next() { return t_[p_++]; }
    bool is(const char* op) const { return peek().kind == Tok::Op && peek().text == op; }
    bool is_name(const char* n) const { return peek().kind == Tok::Name && peek().text == n; }
    bool accept(const char* op) { if (is(op)) { ++p_; return true; } return false; }
    void expect(const char* op) { if (!accept(op)) throw ParseError(std::string("expected ") + op + " got " + peek().text); }
    void expect_name(const char* n) { if (!is_name(n)) throw ParseError(std::string("expected ") + n); ++p_; }

private:
    NodeP lambda() {
        next();
        auto n = mk(Node::Lambda);
        while (!is(":")) {
            n->names.push_back(next().text);
            accept(",");
        }
        expect(":");
        n->kids.push_back(expr());
        return n;
    }
    NodeP or_expr() {
        NodeP l = and_expr();
        while (is_name("or")) { next(); auto n = mk(Node::Or); n->kids = {l, and_expr()}; l = n; }
        return l;
    }
    NodeP and_expr() {
        NodeP l = not_expr();
        while (is_name("and")) { next(); auto n = mk(Node::And); n->kids = {l, not_expr()}; l = n; }
        return l;
    }
    NodeP not_expr() {
        if (is_name("not")) { next(); auto n = mk(Node::Not); n->kids = {not_expr()}; return n; }
        return comparison();
    }
    NodeP comparison() {
        NodeP l = bin(0);
        auto n = mk(Node::Compare);
        n->kids.push_back(l);
        for (;;) {
            std::string op;
            const Tok& t = peek();
            if (t.kind == Tok::Op && (t.text == "<" || t.text == ">" || t.text == "==" || t.text == "!=" || t.text == "<=" || t.text == ">=")) { op = t.text; next(); }
            else if (is_name("in")) { op = "in"; next(); }
            else if (is_name("not") && peek(1).text == "in") { op = "not in"; next(); next(); }
            else if (is_name("is")) { next(); op = "is"; if (is_name("not")) { next(); op = "is not"; } }
            else break;
            n->names.push_back(op);
            n->kids.push_back(bin(0));
        }
        return n->names.empty() ? l : n;
    }
    // Binary levels: | ^ & shifts arith term
    NodeP bin(int level) {
        static const std::vector<std::vector<std::pair<const char*, BinaryOp>>> levels = {
            {{"|", BinaryOp::Or}}, {{"^", BinaryOp::Xor}}, {{"&", BinaryOp::And}},
            {{"<<", BinaryOp::LShift}, {">>", BinaryOp::RShift}},
            {{"+", BinaryOp::Add}, {"-", BinaryOp::Sub}},
            {{"*", BinaryOp::Mul}, {"/", BinaryOp::TrueDiv}, {"//", BinaryOp::FloorDiv}, {"%", BinaryOp::Mod}, {"@", BinaryOp::MatMul}},
        };
        if (level == static_cast<int>(levels.size())) return factor();
        NodeP l = bin(level + 1);
        for (;;) {
            bool matched = false;
            for (auto& [sym, op] : levels[static_cast<size_t>(level)]) {
                if (is(sym)) {
                    next();
                    auto n = mk(Node::Binary);
                    n->op = static_cast<int>(op);
                    n->kids = {l, bin(level + 1)};
                    l = n;
                    matched = true;
                    break;
                }
            }
            if (!matched) return l;
        }
    }
    NodeP factor() {
        if (is("-") || is("+") || is("~")) {
            std::string s = next().text;
            auto n = mk(Node::Unary);
            n->op = static_cast<int>(s == "-" ? UnaryOp::Neg : s == "+" ? UnaryOp::Pos : UnaryOp::Invert);
            n->kids = {factor()};
            return n;
        }
        NodeP base = primary();
        if (accept("**")) {
            auto n = mk(Node::Binary);
            n->op = static_cast<int>(BinaryOp::Pow);
            n->kids = {base, factor()};
            return n;
        }
        return base;
    }
    NodeP primary() {
        NodeP e = atom();
        for (;;) {
            if (accept(".")) {
                auto n = mk(Node::Attr);
                n->name = next().text;
                n->kids = {e};
                e = n;
            } else if (accept("(")) {
                auto n = mk(Node::Call);
                n->kids.push_back(e);
                while (!accept(")")) {
                    if (accept("*")) { auto s = mk(Node::Starred); s->kids = {expr()}; n->kids.push_back(s); n->names.push_back(""); }
                    else if (accept("**")) { auto s = mk(Node::DoubleStarred); s->kids = {expr()}; n->kids.push_back(s); n->names.push_back(""); }
                    else if (peek().kind == Tok::Name && peek(1).text == "=") {
                        std::string k = next().text;
                        next();
                        n->names.push_back(k);
                        n->kids.push_back(expr());
                    } else {
                        n->names.push_back("");
                        n->kids.push_back(expr());
                    }
                    accept(",");
                }
                e = n;
            } else if (accept("[")) {
                auto n = mk(Node::Subscript);
                n->kids.push_back(e);
                std::vector<NodeP> parts;
                bool tuple = false;
                do {
                    if (is("]")) break;
                    parts.push_back(slice_or_expr());
                    if (is(",")) tuple = true;
                } while (accept(","));
                expect("]");
                if (tuple) { auto t = mk(Node::Tuple); t->kids = parts; n->kids.push_back(t); }
                else n->kids.push_back(parts.at(0));
                e = n;
            } else {
                return e;
            }
        }
    }
    NodeP slice_or_expr() {
        NodeP a, b, c;
        if (!is(":")) a = expr();
        if (!is(":")) return a;
        next();
        if (!is(":") && !is("]") && !is(",")) b = expr();
        if (accept(":")) {
            if (!is("]") && !is(",")) c = expr();
        }
        auto s = mk(Node::Slice);
        s->kids = {a, b, c};
        return s;
    }
    NodeP atom() {
        Tok t = next();
        if (t.kind == Tok::Num) { auto n = mk(Node::Lit); n->value = t.value; return n; }
        if (t.kind == Tok::Str) {
            std::string v = t.text;
            while (peek().kind == Tok::Str) v += next().text;
            auto n = mk(Node::Lit);
            n->value = make_str(v);
            return n;
        }
        if (t.kind == Tok::Name) {
            auto n = mk(Node::Lit);
            if (t.text == "True") n->value = Value::boolean(true);
            else if (t.text == "False") n->value = Value::boolean(false);
            else if (t.text == "None") n->value = Value::none();
            else { n->kind = Node::Name; n->name = t.text; }
            return n;
        }
        if (t.text == "...") { auto n = mk(Node::Lit); n->value = ellipsis(); return n; }
        if (t.text == "(") {
            if (accept(")")) return mk(Node::Tuple);
            NodeP first = expr();
            if (accept(")")) return first;
            auto tup = mk(Node::Tuple);
            tup->kids.push_back(first);
            while (accept(",")) {
                if (is(")")) break;
                tup->kids.push_back(expr());
            }
            expect(")");
            return tup;
        }
        if (t.text == "[") {
            auto l = mk(Node::List);
            while (!accept("]")) {
                if (accept("*")) { auto s = mk(Node::Starred); s->kids = {expr()}; l->kids.push_back(s); }
                else l->kids.push_back(expr());
                accept(",");
            }
            return l;
        }
        if (t.text == "{") {
            if (accept("}")) return mk(Node::Dict);
            NodeP first;
            bool dict_unpack = false;
            if (accept("**")) { first = mk(Node::DoubleStarred); first->kids = {expr()}; dict_unpack = true; }
            else first = expr();
            if (dict_unpack || is(":")) {
                auto d = mk(Node::Dict);
                if (dict_unpack) d->kids.push_back(first), d->kids.push_back(nullptr);
                else { expect(":"); d->kids.push_back(first); d->kids.push_back(expr()); }
                while (accept(",")) {
                    if (is("}")) break;
                    if (accept("**")) { auto s = mk(Node::DoubleStarred); s->kids = {expr()}; d->kids.push_back(s); d->kids.push_back(nullptr); continue; }
                    d->kids.push_back(expr());
                    expect(":");
                    d->kids.push_back(expr());
                }
                expect("}");
                return d;
            }
            auto s = mk(Node::Set);
            s->kids.push_back(first);
            while (accept(",")) {
                if (is("}")) break;
                s->kids.push_back(expr());
            }
            expect("}");
            return s;
        }
        throw ParseError("unexpected token '" + t.text + "'");
    }
    std::vector<Tok> t_;
    size_t p_ = 0;
};

// ---- evaluation -------------------------------------------------------------------------

struct Scope {
    std::map<std::string, Value>* globals;
    std::map<std::string, Value> locals;
};

// Every value a case stops naming (a global overwritten or deleted, an expression's result)
// stays reachable here until the evaluator's teardown, so that a cycle a case builds and then
// drops (`l = []; l.append(l); l = 0`) is still found and broken by clear_run_heap, as a run's
// leftovers are: without it LeakSanitizer reports those cycles under `make test SAN=1`.
std::vector<Value>& retired_values() {
    static std::vector<Value> v;
    return v;
}

void bind_global(Scope& sc, const std::string& name, Value v) {
    auto it = sc.globals->find(name);
    if (it != sc.globals->end()) retired_values().push_back(std::move(it->second));
    (*sc.globals)[name] = std::move(v);
}

Type* lambda_type() {
    static Type* t = [] { auto* ty = new Type("function", {}, Layout::Function); ty->make_immortal(); return ty; }();
    return t;
}

class LambdaObject : public Object {
public:
    LambdaObject(NodeP node, Scope scope) : Object(lambda_type()), node(std::move(node)), scope(std::move(scope)) {}
    NodeP node;
    Scope scope;
};

struct Raise {
    Outcome o;
};

Value check(Outcome o) {
    if (!o.ok()) throw Raise{std::move(o)};
    return std::move(o.value);
}

bool is_true(const Value& v) { return check(truthy(v)).as_bool(); }

Value eval(const NodeP& n, Scope& sc);

// What CPython's AST optimizer treats as a constant (literals, signed numbers, tuples of
// constants): set displays of those are folded into a frozenset constant.
bool is_constant(const NodeP& n) {
    if (n->kind == Node::Lit) return true;
    if (n->kind == Node::Unary) return n->kids[0]->kind == Node::Lit && !str_of(n->kids[0]->value);
    if (n->kind == Node::Tuple) {
        for (auto& k : n->kids) if (!is_constant(k)) return false;
        return true;
    }
    return false;
}

void eval_items(const std::vector<NodeP>& kids, Scope& sc, std::vector<Value>& out) {
    for (auto& k : kids) {
        if (k->kind == Node::Starred) check(collect(eval(k->kids[0], sc), out));
        else out.push_back(eval(k, sc));
    }
}

Value eval(const NodeP& n, Scope& sc) {
    switch (n->kind) {
        case Node::Lit: return n->value;
        case Node::Name: {
            auto it = sc.locals.find(n->name);
            if (it != sc.locals.end()) return it->second;
            auto g = sc.globals->find(n->name);
            if (g != sc.globals->end()) return g->second;
            auto& b = builtins();
            auto bi = b.find(n->name);
            if (bi != b.end()) return bi->second;
            throw Raise{Outcome::raise(make_exception(exc_types().NameError, "name '" + n->name + "' is not defined"))};
        }
        case Node::Tuple: { std::vector<Value> v; eval_items(n->kids, sc, v); return make_tuple(std::move(v)); }
        case Node::List: { std::vector<Value> v; eval_items(n->kids, sc, v); return make_list(std::move(v)); }
        case Node::Set: {
            std::vector<Value> v;
            eval_items(n->kids, sc, v);
            bool all_const = true;
            for (auto& k : n->kids) all_const = all_const && is_constant(k);
            return check(make_set_display(v, all_const));
        }
        case Node::Dict: {
            Value d = make_dict();
            for (size_t i = 0; i < n->kids.size(); i += 2) {
                if (n->kids[i]->kind == Node::DoubleStarred) {
                    Value src = eval(n->kids[i]->kids[0], sc);
                    for (auto& [k, v] : dict_items(src)) check(dict_set(d, k, v));
                    continue;
                }
                Value k = eval(n->kids[i], sc);
                Value v = eval(n->kids[i + 1], sc);
                check(dict_set(d, k, v));
            }
            return d;
        }
        case Node::Unary: return check(unary_op(static_cast<UnaryOp>(n->op), eval(n->kids[0], sc)));
        case Node::Binary: {
            Value a = eval(n->kids[0], sc);
            Value b = eval(n->kids[1], sc);
            return check(binary_op(static_cast<BinaryOp>(n->op), a, b));
        }
        case Node::Not: return Value::boolean(!is_true(eval(n->kids[0], sc)));
        case Node::And: { Value a = eval(n->kids[0], sc); return is_true(a) ? eval(n->kids[1], sc) : a; }
        case Node::Or: { Value a = eval(n->kids[0], sc); return is_true(a) ? a : eval(n->kids[1], sc); }
        case Node::IfExp: return is_true(eval(n->kids[0], sc)) ? eval(n->kids[1], sc) : eval(n->kids[2], sc);
        case Node::Compare: {
            Value left = eval(n->kids[0], sc);
            Value result = Value::boolean(true);
            for (size_t i = 0; i < n->names.size(); ++i) {
                Value right = eval(n->kids[i + 1], sc);
                const std::string& op = n->names[i];
                if (op == "in" || op == "not in") {
                    bool in = check(contains(right, left)).as_bool();
                    result = Value::boolean(op == "in" ? in : !in);
                } else if (op == "is" || op == "is not") {
                    bool same = left.is(right);
                    result = Value::boolean(op == "is" ? same : !same);
                } else {
                    CompareOp c = op == "<" ? CompareOp::Lt : op == "<=" ? CompareOp::Le : op == "==" ? CompareOp::Eq
                                : op == "!=" ? CompareOp::Ne : op == ">" ? CompareOp::Gt : CompareOp::Ge;
                    result = check(compare(c, left, right));
                }
                if (i + 1 < n->names.size() && !is_true(result)) return result;
                left = right;
            }
            return result;
        }
        case Node::Attr: return check(getattr(eval(n->kids[0], sc), n->name));
        case Node::Call: {
            Value fn = eval(n->kids[0], sc);
            std::vector<Value> args;
            std::vector<std::pair<std::string, Value>> kws;
            for (size_t i = 1; i < n->kids.size(); ++i) {
                const NodeP& k = n->kids[i];
                if (k->kind == Node::Starred) check(collect(eval(k->kids[0], sc), args));
                else if (k->kind == Node::DoubleStarred) {
                    for (auto& [key, v] : dict_items(eval(k->kids[0], sc))) kws.emplace_back(*str_of(key), v);
                } else if (!n->names[i - 1].empty()) kws.emplace_back(n->names[i - 1], eval(k, sc));
                else args.push_back(eval(k, sc));
            }
            std::vector<KwArg> kwargs;
            for (auto& [k, v] : kws) kwargs.push_back(KwArg{k, v});
            return check(call_value(fn, args, kwargs));
        }
        case Node::Subscript: return check(getitem(eval(n->kids[0], sc), eval(n->kids[1], sc)));
        case Node::Slice: {
            Value parts[3];
            for (int i = 0; i < 3; ++i) parts[i] = n->kids[static_cast<size_t>(i)] ? eval(n->kids[static_cast<size_t>(i)], sc) : Value::none();
            return make_slice(parts[0], parts[1], parts[2]);
        }
        case Node::Lambda: return Value(new LambdaObject(n, sc));
        case Node::Walrus: {
            Value v = eval(n->kids[0], sc);
            bind_global(sc, n->name, v);
            return v;
        }
        default: throw ParseError("cannot evaluate node");
    }
}

Outcome test_call_hook(const Value& callable, std::span<const Value> args, std::span<const KwArg> kwargs) {
    if (callable.is_obj() && callable.as_obj()->type() == lambda_type()) {
        auto* l = callable.obj_as<LambdaObject>();
        if (!kwargs.empty()) return Outcome::raise(make_exception(exc_types().TypeError, "<lambda>() takes no keyword arguments"));
        size_t want = l->node->names.size();
        if (args.size() != want) {
            return Outcome::raise(make_exception(exc_types().TypeError,
                "<lambda>() takes " + std::to_string(want) + " positional argument" + (want == 1 ? "" : "s") +
                " but " + std::to_string(args.size()) + (args.size() == 1 ? " was" : " were") + " given"));
        }
        Scope sc = l->scope;
        for (size_t i = 0; i < args.size(); ++i) sc.locals[l->node->names[i]] = args[i];
        try {
            return Outcome::ok(eval(l->node->kids[0], sc));
        } catch (Raise& r) {
            return r.o;
        }
    }
    return default_call_hook(callable, args, kwargs);
}

std::string escape(const std::string& s) {
    std::string out;
    for (char c : s) {
        if (c == '\\') out += "\\\\";
        else if (c == '\n') out += "\\n";
        else if (c == '\t') out += "\\t";
        else out += c;
    }
    return out;
}

std::vector<std::string> split_statements(const std::string& line) {
    std::vector<std::string> parts;
    size_t start = 0;
    for (;;) {
        size_t p = line.find(" ;; ", start);
        if (p == std::string::npos) { parts.push_back(line.substr(start)); return parts; }
        parts.push_back(line.substr(start, p - start));
        start = p + 4;
    }
}

// Runs `target = value` style statements; false when the text is an expression.
bool exec_statement(const std::string& text, Scope& sc) {
    auto toks = tokenize(text);
    Parser p(toks);
    if (toks[0].kind == Tok::Name && toks[0].text == "del") {
        p.next();
        NodeP target = p.parse_expr_list_or_single();
        if (target->kind == Node::Subscript) check(delitem(eval(target->kids[0], sc), eval(target->kids[1], sc)));
        else if (target->kind == Node::Attr) check(delattr(eval(target->kids[0], sc), target->name));
        else if (target->kind == Node::Name) {
            auto it = sc.globals->find(target->name);
            if (it != sc.globals->end()) retired_values().push_back(std::move(it->second));
            sc.globals->erase(target->name);
        }
        return true;
    }
    NodeP target = p.parse_expr_list_or_single();
    static const std::map<std::string, BinaryOp> aug = {
        {"+=", BinaryOp::Add}, {"-=", BinaryOp::Sub}, {"*=", BinaryOp::Mul}, {"/=", BinaryOp::TrueDiv},
        {"//=", BinaryOp::FloorDiv}, {"%=", BinaryOp::Mod}, {"**=", BinaryOp::Pow}, {"&=", BinaryOp::And},
        {"|=", BinaryOp::Or}, {"^=", BinaryOp::Xor}, {"<<=", BinaryOp::LShift}, {">>=", BinaryOp::RShift}};
    if (p.at_end()) return false;
    std::string op = p.next().text;
    NodeP rhs = p.parse_expr_list_or_single();
    if (op == "=") {
        Value v = eval(rhs, sc);
        if (target->kind == Node::Name) bind_global(sc, target->name, v);
        else if (target->kind == Node::Subscript) check(setitem(eval(target->kids[0], sc), eval(target->kids[1], sc), v));
        else if (target->kind == Node::Attr) check(setattr(eval(target->kids[0], sc), target->name, v));
        else throw ParseError("bad assignment target");
        return true;
    }
    auto it = aug.find(op);
    if (it == aug.end() || target->kind != Node::Name) throw ParseError("bad statement: " + op);
    Value cur = eval(target, sc);
    bind_global(sc, target->name, check(binary_op(it->second, cur, eval(rhs, sc), true)));
    return true;
}

}  // namespace

OpsEvaluator::OpsEvaluator() { set_call_hook(&test_call_hook); }
OpsEvaluator::~OpsEvaluator() {
    // Some cases build cycles (l.append(l), d['d'] = d): break them as a run's teardown does.
    std::vector<Value> roots;
    for (auto& [k, v] : globals) roots.push_back(v);
    globals.clear();
    for (Value& v : retired_values()) roots.push_back(std::move(v));
    retired_values().clear();
    script::clear_run_heap(roots);
    set_call_hook(nullptr);
}

std::string OpsEvaluator::run(const std::string& line) {
    Scope sc{&globals, {}};
    auto parts = split_statements(line);
    try {
        for (size_t i = 0; i + 1 < parts.size(); ++i) {
            if (!exec_statement(parts[i], sc)) {
                Parser p(tokenize(parts[i]));
                retired_values().push_back(eval(p.parse_expr_list_or_single(), sc));
            }
        }
        Parser p(tokenize(parts.back()));
        NodeP e = p.parse_expr_list_or_single();
        if (!p.at_end()) throw ParseError("trailing tokens in: " + parts.back());
        Value v = eval(e, sc);
        retired_values().push_back(v);
        Outcome r = repr(v);
        if (!r.ok()) throw Raise{r};
        return escape(*str_of(r.value));
    } catch (Raise& r) {
        return escape("!" + r.o.exc->type_name() + ": " + exception_str(*r.o.exc));
    } catch (ParseError& e) {
        return std::string("<evaluator error: ") + e.what() + ">";
    } catch (std::exception& e) {
        return std::string("<evaluator error: ") + e.what() + ">";
    }
}

}  // namespace tl::test
