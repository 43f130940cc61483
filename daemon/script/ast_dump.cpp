// ast::dump(): prints a tree in the exact text of Python 3.13's ast.dump(), so tests
// can state expected trees in a familiar notation and compare them with CPython's.
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <string>

#include "daemon/script/ast.h"
#include "daemon/script/utf8.h"

namespace tl::script::ast {

const char* name_of(ExprContext ctx) {
    switch (ctx) {
    case ExprContext::Load: return "Load";
    case ExprContext::Store: return "Store";
    case ExprContext::Del: return "Del";
    }
    return "?";
}

const char* name_of(BoolOpKind op) { return op == BoolOpKind::And ? "And" : "Or"; }

const char* name_of(BinOpKind op) {
    static const char* const kNames[] = {"Add",    "Sub",    "Mult",  "MatMult", "Div",
                                         "Mod",    "Pow",    "LShift", "RShift", "BitOr",
                                         "BitXor", "BitAnd", "FloorDiv"};
    return kNames[static_cast<int>(op)];
}

const char* name_of(UnaryOpKind op) {
    static const char* const kNames[] = {"Invert", "Not", "UAdd", "USub"};
    return kNames[static_cast<int>(op)];
}

const char* name_of(CmpOpKind op) {
    static const char* const kNames[] = {"Eq", "NotEq", "Lt", "LtE", "Gt", "GtE", "Is", "IsNot", "In", "NotIn"};
    return kNames[static_cast<int>(op)];
}

const char* name_of(ExprKind kind) {
    static const char* const kNames[] = {
        "BoolOp",   "NamedExpr",    "BinOp",      "UnaryOp", "Lambda",    "IfExp",
        "Dict",     "Set",          "ListComp",   "SetComp", "DictComp",  "GeneratorExp",
        "Await",    "Yield",        "YieldFrom",  "Compare", "Call",      "FormattedValue",
        "JoinedStr", "Constant",    "Attribute",  "Subscript", "Starred", "Name",
        "List",     "Tuple",        "Slice"};
    return kNames[static_cast<int>(kind)];
}

const char* name_of(StmtKind kind) {
    static const char* const kNames[] = {
        "FunctionDef", "AsyncFunctionDef", "ClassDef", "Return",   "Delete",   "Assign",
        "AugAssign",   "AnnAssign",        "For",      "AsyncFor", "While",    "If",
        "With",        "AsyncWith",        "Raise",    "Try",      "TryStar",  "Assert",
        "Import",      "ImportFrom",       "Global",   "Nonlocal", "Expr",     "Pass",
        "Break",       "Continue"};
    return kNames[static_cast<int>(kind)];
}

namespace {

// Python's repr() of a float: the shortest digits that round-trip, fixed notation
// for exponents in [-4, 16), otherwise d.ddde+XX.
std::string float_repr(double value) {
    if (std::isnan(value)) return "nan";
    if (std::isinf(value)) return value < 0 ? "-inf" : "inf";
    char buffer[64];
    for (int precision = 0; precision < 17; ++precision) {
        std::snprintf(buffer, sizeof buffer, "%.*e", precision, value);
        if (std::strtod(buffer, nullptr) == value) break;
    }
    std::string text = buffer;
    bool negative = text[0] == '-';
    if (negative) text.erase(0, 1);
    std::size_t e = text.find('e');
    int exponent = std::atoi(text.c_str() + e + 1);
    std::string digits;
    for (std::size_t i = 0; i < e; ++i) {
        if (text[i] != '.') digits += text[i];
    }
    while (digits.size() > 1 && digits.back() == '0') digits.pop_back();
    int decpt = exponent + 1;
    std::string out = negative ? "-" : "";
    if (decpt > -4 && decpt <= 16) {
        if (decpt <= 0) {
            out += "0." + std::string(static_cast<std::size_t>(-decpt), '0') + digits;
        } else if (static_cast<std::size_t>(decpt) >= digits.size()) {
            out += digits + std::string(static_cast<std::size_t>(decpt) - digits.size(), '0') + ".0";
        } else {
            out += digits.substr(0, static_cast<std::size_t>(decpt)) + "." +
                   digits.substr(static_cast<std::size_t>(decpt));
        }
    } else {
        out += digits.substr(0, 1);
        if (digits.size() > 1) out += "." + digits.substr(1);
        char exp[16];
        std::snprintf(exp, sizeof exp, "e%c%02d", exponent < 0 ? '-' : '+', std::abs(exponent));
        out += exp;
    }
    return out;
}

// Code points str.isprintable() rejects beyond the C0/C1 controls: separators,
// format characters, surrogates and private use (an approximation of Unicode).
bool is_unprintable(char32_t cp) {
    if (cp < 0x20 || (cp >= 0x7F && cp <= 0xA0) || cp == 0xAD) return true;
    if (cp == 0x1680 || (cp >= 0x2000 && cp <= 0x200F) || (cp >= 0x2028 && cp <= 0x202F)) return true;
    if ((cp >= 0x205F && cp <= 0x206F) || cp == 0x3000 || cp == 0xFEFF) return true;
    if ((cp >= 0xFFF9 && cp <= 0xFFFB) || (cp >= 0xD800 && cp <= 0xF8FF)) return true;
    return cp >= 0xF0000;
}

// Python's repr() of a str.
std::string str_repr(const std::string& value) {
    bool has_single = value.find('\'') != std::string::npos;
    bool has_double = value.find('"') != std::string::npos;
    char quote = has_single && !has_double ? '"' : '\'';
    std::string out(1, quote);
    for (std::size_t pos = 0; pos < value.size();) {
        std::size_t len;
        char32_t cp = utf8::decode(value, pos, len);
        if (cp == static_cast<char32_t>(quote) || cp == '\\') {
            out += '\\';
            out += static_cast<char>(cp);
        } else if (cp == '\n') {
            out += "\\n";
        } else if (cp == '\r') {
            out += "\\r";
        } else if (cp == '\t') {
            out += "\\t";
        } else if (is_unprintable(cp)) {
            char buffer[16];
            if (cp < 0x100) std::snprintf(buffer, sizeof buffer, "\\x%02x", static_cast<unsigned>(cp));
            else if (cp < 0x10000) std::snprintf(buffer, sizeof buffer, "\\u%04x", static_cast<unsigned>(cp));
            else std::snprintf(buffer, sizeof buffer, "\\U%08x", static_cast<unsigned>(cp));
            out += buffer;
        } else {
            out.append(value, pos, len);
        }
        pos += len;
    }
    out += quote;
    return out;
}

class Dumper {
public:
    explicit Dumper(DumpOptions options) : options_(options) {}
    std::string out;

    void module(const Module& m) {
        Node n(*this, "Module");
        n.stmts("body", m.body);
    }

    void expr(const Expr& e);
    void stmt(const Stmt& s);

private:
    // Writes `Name(field=value, ...)`, skipping None and empty-list fields as
    // Python 3.13's ast.dump does.
    class Node {
    public:
        Node(Dumper& d, const char* name, const Position* pos = nullptr) : d_(d), pos_(pos) {
            d_.out += name;
            d_.out += '(';
        }
        ~Node() {
            if (pos_ != nullptr && d_.options_.include_positions) {
                raw("lineno", std::to_string(pos_->line));
                raw("col_offset", std::to_string(pos_->col));
                raw("end_lineno", std::to_string(pos_->end_line));
                raw("end_col_offset", std::to_string(pos_->end_col));
            }
            d_.out += ')';
        }
        void raw(const char* name, const std::string& text) {
            start(name);
            d_.out += text;
        }
        void str(const char* name, const std::string& value) { raw(name, str_repr(value)); }
        void opt_str(const char* name, const std::optional<std::string>& value) {
            if (value) str(name, *value);
        }
        void expr(const char* name, const ExprPtr& value) {
            if (!value) return;
            start(name);
            d_.expr(*value);
        }
        void ctx(ExprContext c) { raw("ctx", std::string(name_of(c)) + "()"); }
        void exprs(const char* name, const ExprList& values) {
            if (values.empty()) return;
            start(name);
            d_.out += '[';
            for (std::size_t i = 0; i < values.size(); ++i) {
                if (i) d_.out += ", ";
                if (values[i]) d_.expr(*values[i]);
                else d_.out += "None";
            }
            d_.out += ']';
        }
        void stmts(const char* name, const StmtList& values) {
            if (values.empty()) return;
            start(name);
            d_.out += '[';
            for (std::size_t i = 0; i < values.size(); ++i) {
                if (i) d_.out += ", ";
                d_.stmt(*values[i]);
            }
            d_.out += ']';
        }
        template <class T, class F> void list(const char* name, const std::vector<T>& values, F each) {
            if (values.empty()) return;
            start(name);
            d_.out += '[';
            for (std::size_t i = 0; i < values.size(); ++i) {
                if (i) d_.out += ", ";
                each(values[i]);
            }
            d_.out += ']';
        }

    private:
        void start(const char* name) {
            if (!first_) d_.out += ", ";
            first_ = false;
            d_.out += name;
            d_.out += '=';
        }
        Dumper& d_;
        const Position* pos_;
        bool first_ = true;
    };

    void arg(const Arg& a) {
        Node n(*this, "arg", &a.pos);
        n.str("arg", a.name);
        n.expr("annotation", a.annotation);
    }
    void arguments(const Arguments& a) {
        Node n(*this, "arguments");
        auto each_arg = [this](const Arg& x) { arg(x); };
        n.list("posonlyargs", a.posonlyargs, each_arg);
        n.list("args", a.args, each_arg);
        if (a.vararg) {
            n.raw("vararg", "");
            arg(*a.vararg);
        }
        n.list("kwonlyargs", a.kwonlyargs, each_arg);
        n.exprs("kw_defaults", a.kw_defaults);
        if (a.kwarg) {
            n.raw("kwarg", "");
            arg(*a.kwarg);
        }
        n.exprs("defaults", a.defaults);
    }
    void keyword(const Keyword& k) {
        Node n(*this, "keyword", &k.pos);
        n.opt_str("arg", k.arg);
        n.expr("value", k.value);
    }
    void comprehensions(Node& n, const std::vector<Comprehension>& generators) {
        n.list("generators", generators, [this](const Comprehension& c) {
            Node g(*this, "comprehension");
            g.expr("target", c.target);
            g.expr("iter", c.iter);
            g.exprs("ifs", c.ifs);
            g.raw("is_async", c.is_async ? "1" : "0");
        });
    }
    void alias(const Alias& a) {
        Node n(*this, "alias", &a.pos);
        n.str("name", a.name);
        n.opt_str("asname", a.asname);
    }
    void constant(const Constant& c) {
        Node n(*this, "Constant", &c.pos);
        switch (c.value_kind) {
        case ConstantKind::None: n.raw("value", "None"); break;
        case ConstantKind::True: n.raw("value", "True"); break;
        case ConstantKind::False: n.raw("value", "False"); break;
        case ConstantKind::Ellipsis: n.raw("value", "Ellipsis"); break;
        case ConstantKind::Int: n.raw("value", c.int_digits); break;
        case ConstantKind::Float: n.raw("value", float_repr(c.float_value)); break;
        case ConstantKind::Str: n.str("value", c.str_value); break;
        }
        if (c.u_prefix) n.str("kind", "u");
    }

    DumpOptions options_;
};

void Dumper::expr(const Expr& e) {
    const Position* p = &e.pos;
    switch (e.kind) {
    case ExprKind::BoolOp: {
        auto& x = e.as<BoolOp>();
        Node n(*this, "BoolOp", p);
        n.raw("op", std::string(name_of(x.op)) + "()");
        n.exprs("values", x.values);
        break;
    }
    case ExprKind::NamedExpr: {
        auto& x = e.as<NamedExpr>();
        Node n(*this, "NamedExpr", p);
        n.expr("target", x.target);
        n.expr("value", x.value);
        break;
    }
    case ExprKind::BinOp: {
        auto& x = e.as<BinOp>();
        Node n(*this, "BinOp", p);
        n.expr("left", x.left);
        n.raw("op", std::string(name_of(x.op)) + "()");
        n.expr("right", x.right);
        break;
    }
    case ExprKind::UnaryOp: {
        auto& x = e.as<UnaryOp>();
        Node n(*this, "UnaryOp", p);
        n.raw("op", std::string(name_of(x.op)) + "()");
        n.expr("operand", x.operand);
        break;
    }
    case ExprKind::Lambda: {
        auto& x = e.as<Lambda>();
        Node n(*this, "Lambda", p);
        n.raw("args", "");
        arguments(x.args);
        n.expr("body", x.body);
        break;
    }
    case ExprKind::IfExp: {
        auto& x = e.as<IfExp>();
        Node n(*this, "IfExp", p);
        n.expr("test", x.test);
        n.expr("body", x.body);
        n.expr("orelse", x.orelse);
        break;
    }
    case ExprKind::Dict: {
        auto& x = e.as<Dict>();
        Node n(*this, "Dict", p);
        n.exprs("keys", x.keys);
        n.exprs("values", x.values);
        break;
    }
    case ExprKind::Set: {
        Node n(*this, "Set", p);
        n.exprs("elts", e.as<Set>().elts);
        break;
    }
    case ExprKind::ListComp: {
        auto& x = e.as<ListComp>();
        Node n(*this, "ListComp", p);
        n.expr("elt", x.elt);
        comprehensions(n, x.generators);
        break;
    }
    case ExprKind::SetComp: {
        auto& x = e.as<SetComp>();
        Node n(*this, "SetComp", p);
        n.expr("elt", x.elt);
        comprehensions(n, x.generators);
        break;
    }
    case ExprKind::DictComp: {
        auto& x = e.as<DictComp>();
        Node n(*this, "DictComp", p);
        n.expr("key", x.key);
        n.expr("value", x.value);
        comprehensions(n, x.generators);
        break;
    }
    case ExprKind::GeneratorExp: {
        auto& x = e.as<GeneratorExp>();
        Node n(*this, "GeneratorExp", p);
        n.expr("elt", x.elt);
        comprehensions(n, x.generators);
        break;
    }
    case ExprKind::Await: {
        Node n(*this, "Await", p);
        n.expr("value", e.as<Await>().value);
        break;
    }
    case ExprKind::Yield: {
        Node n(*this, "Yield", p);
        n.expr("value", e.as<Yield>().value);
        break;
    }
    case ExprKind::YieldFrom: {
        Node n(*this, "YieldFrom", p);
        n.expr("value", e.as<YieldFrom>().value);
        break;
    }
    case ExprKind::Compare: {
        auto& x = e.as<Compare>();
        Node n(*this, "Compare", p);
        n.expr("left", x.left);
        n.list("ops", x.ops, [this](CmpOpKind op) {
            out += name_of(op);
            out += "()";
        });
        n.exprs("comparators", x.comparators);
        break;
    }
    case ExprKind::Call: {
        auto& x = e.as<Call>();
        Node n(*this, "Call", p);
        n.expr("func", x.func);
        n.exprs("args", x.args);
        n.list("keywords", x.keywords, [this](const Keyword& k) { keyword(k); });
        break;
    }
    case ExprKind::FormattedValue: {
        auto& x = e.as<FormattedValue>();
        Node n(*this, "FormattedValue", p);
        n.expr("value", x.value);
        n.raw("conversion", std::to_string(x.conversion));
        n.expr("format_spec", x.format_spec);
        break;
    }
    case ExprKind::JoinedStr: {
        Node n(*this, "JoinedStr", p);
        n.exprs("values", e.as<JoinedStr>().values);
        break;
    }
    case ExprKind::Constant: constant(e.as<Constant>()); break;
    case ExprKind::Attribute: {
        auto& x = e.as<Attribute>();
        Node n(*this, "Attribute", p);
        n.expr("value", x.value);
        n.str("attr", x.attr);
        n.ctx(x.ctx);
        break;
    }
    case ExprKind::Subscript: {
        auto& x = e.as<Subscript>();
        Node n(*this, "Subscript", p);
        n.expr("value", x.value);
        n.expr("slice", x.slice);
        n.ctx(x.ctx);
        break;
    }
    case ExprKind::Starred: {
        auto& x = e.as<Starred>();
        Node n(*this, "Starred", p);
        n.expr("value", x.value);
        n.ctx(x.ctx);
        break;
    }
    case ExprKind::Name: {
        auto& x = e.as<Name>();
        Node n(*this, "Name", p);
        n.str("id", x.id);
        n.ctx(x.ctx);
        break;
    }
    case ExprKind::List: {
        auto& x = e.as<List>();
        Node n(*this, "List", p);
        n.exprs("elts", x.elts);
        n.ctx(x.ctx);
        break;
    }
    case ExprKind::Tuple: {
        auto& x = e.as<Tuple>();
        Node n(*this, "Tuple", p);
        n.exprs("elts", x.elts);
        n.ctx(x.ctx);
        break;
    }
    case ExprKind::Slice: {
        auto& x = e.as<Slice>();
        Node n(*this, "Slice", p);
        n.expr("lower", x.lower);
        n.expr("upper", x.upper);
        n.expr("step", x.step);
        break;
    }
    }
}

void Dumper::stmt(const Stmt& s) {
    const Position* p = &s.pos;
    Node n(*this, name_of(s.kind), p);
    switch (s.kind) {
    case StmtKind::FunctionDef:
    case StmtKind::AsyncFunctionDef: {
        auto& x = s.as<FunctionDef>();
        n.str("name", x.name);
        n.raw("args", "");
        arguments(x.args);
        n.stmts("body", x.body);
        n.exprs("decorator_list", x.decorator_list);
        n.expr("returns", x.returns);
        break;
    }
    case StmtKind::ClassDef: {
        auto& x = s.as<ClassDef>();
        n.str("name", x.name);
        n.exprs("bases", x.bases);
        n.list("keywords", x.keywords, [this](const Keyword& k) { keyword(k); });
        n.stmts("body", x.body);
        n.exprs("decorator_list", x.decorator_list);
        break;
    }
    case StmtKind::Return: n.expr("value", s.as<Return>().value); break;
    case StmtKind::Delete: n.exprs("targets", s.as<Delete>().targets); break;
    case StmtKind::Assign: {
        auto& x = s.as<Assign>();
        n.exprs("targets", x.targets);
        n.expr("value", x.value);
        break;
    }
    case StmtKind::AugAssign: {
        auto& x = s.as<AugAssign>();
        n.expr("target", x.target);
        n.raw("op", std::string(name_of(x.op)) + "()");
        n.expr("value", x.value);
        break;
    }
    case StmtKind::AnnAssign: {
        auto& x = s.as<AnnAssign>();
        n.expr("target", x.target);
        n.expr("annotation", x.annotation);
        n.expr("value", x.value);
        n.raw("simple", x.simple ? "1" : "0");
        break;
    }
    case StmtKind::For:
    case StmtKind::AsyncFor: {
        auto& x = s.as<For>();
        n.expr("target", x.target);
        n.expr("iter", x.iter);
        n.stmts("body", x.body);
        n.stmts("orelse", x.orelse);
        break;
    }
    case StmtKind::While: {
        auto& x = s.as<While>();
        n.expr("test", x.test);
        n.stmts("body", x.body);
        n.stmts("orelse", x.orelse);
        break;
    }
    case StmtKind::If: {
        auto& x = s.as<If>();
        n.expr("test", x.test);
        n.stmts("body", x.body);
        n.stmts("orelse", x.orelse);
        break;
    }
    case StmtKind::With:
    case StmtKind::AsyncWith: {
        auto& x = s.as<With>();
        n.list("items", x.items, [this](const WithItem& item) {
            Node w(*this, "withitem");
            w.expr("context_expr", item.context_expr);
            w.expr("optional_vars", item.optional_vars);
        });
        n.stmts("body", x.body);
        break;
    }
    case StmtKind::Raise: {
        auto& x = s.as<Raise>();
        n.expr("exc", x.exc);
        n.expr("cause", x.cause);
        break;
    }
    case StmtKind::Try:
    case StmtKind::TryStar: {
        auto& x = s.as<Try>();
        n.stmts("body", x.body);
        n.list("handlers", x.handlers, [this](const ExceptHandler& h) {
            Node eh(*this, "ExceptHandler", &h.pos);
            eh.expr("type", h.type);
            eh.opt_str("name", h.name);
            eh.stmts("body", h.body);
        });
        n.stmts("orelse", x.orelse);
        n.stmts("finalbody", x.finalbody);
        break;
    }
    case StmtKind::Assert: {
        auto& x = s.as<Assert>();
        n.expr("test", x.test);
        n.expr("msg", x.msg);
        break;
    }
    case StmtKind::Import:
        n.list("names", s.as<Import>().names, [this](const Alias& a) { alias(a); });
        break;
    case StmtKind::ImportFrom: {
        auto& x = s.as<ImportFrom>();
        n.opt_str("module", x.module);
        n.list("names", x.names, [this](const Alias& a) { alias(a); });
        n.raw("level", std::to_string(x.level));
        break;
    }
    case StmtKind::Global:
    case StmtKind::Nonlocal: {
        const auto& names = s.kind == StmtKind::Global ? s.as<Global>().names : s.as<Nonlocal>().names;
        n.list("names", names, [this](const std::string& name) { out += str_repr(name); });
        break;
    }
    case StmtKind::Expr: n.expr("value", s.as<ExprStmt>().value); break;
    case StmtKind::Pass:
    case StmtKind::Break:
    case StmtKind::Continue: break;
    }
}

}  // namespace

std::string dump(const Module& module, DumpOptions options) {
    Dumper d(options);
    d.module(module);
    return std::move(d.out);
}

std::string dump(const Stmt& stmt, DumpOptions options) {
    Dumper d(options);
    d.stmt(stmt);
    return std::move(d.out);
}

std::string dump(const Expr& expr, DumpOptions options) {
    Dumper d(options);
    d.expr(expr);
    return std::move(d.out);
}

}  // namespace tl::script::ast
