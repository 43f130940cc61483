// CPython's traceback printing (traceback.py: StackSummary.format,
// TracebackException.format with its _ExceptionPrintContext for exception groups),
// applied to the frames our exceptions record. Position carets are left out.
#include "daemon/script/traceback.h"

#include "daemon/object/ops.h"
#include "daemon/object/str.h"
#include "daemon/object/type.h"

namespace tl::script {

namespace {

constexpr int kRecursiveCutoff = 3;   // traceback._RECURSIVE_CUTOFF
constexpr size_t kMaxGroupWidth = 15;  // TracebackException max_group_width
constexpr int kMaxGroupDepth = 10;     // TracebackException max_group_depth
constexpr int kMaxChain = 100;         // our guard against a cyclic chain (CPython: _seen)

std::string strip(const std::string& s) {
    size_t b = s.find_first_not_of(" \t\f\r\n");
    if (b == std::string::npos) return "";
    size_t e = s.find_last_not_of(" \t\f\r\n");
    return s.substr(b, e - b + 1);
}

// StackSummary.format: frames oldest first, a run of more than three identical frames
// cut to three plus "[Previous line repeated N more times]".
std::string format_stack(const Traceback& tb, const SourceLines& lines) {
    std::string out;
    const TracebackEntry* last = nullptr;
    int count = 0;
    auto repeated = [&] {
        if (count > kRecursiveCutoff) {
            int n = count - kRecursiveCutoff;
            out += "  [Previous line repeated " + std::to_string(n) + " more time" + (n > 1 ? "s" : "") + "]\n";
        }
    };
    for (const TracebackEntry& f : tb) {
        if (!last || last->file != f.file || last->line != f.line || last->function != f.function) {
            repeated();
            last = &f;
            count = 0;
        }
        if (++count > kRecursiveCutoff) continue;
        out += "  File \"" + f.file + "\", line " + std::to_string(f.line) + ", in " + f.function + "\n";
        std::string src = lines ? strip(lines(f.file, f.line)) : "";
        if (!src.empty()) out += "    " + src + "\n";
    }
    repeated();
    return out;
}

// _ExceptionPrintContext: the indentation and margin of nested exception groups.
struct PrintContext {
    int group_depth = 0;
    bool need_close = false;
    std::string indent() const { return std::string(2 * static_cast<size_t>(group_depth), ' '); }
    // emit(): every line of `text` gets the indent, plus "| " (or "+ ") inside a group.
    void emit(std::string& out, const std::string& text, char margin = '|') const {
        std::string prefix = indent();
        if (group_depth) prefix += std::string(1, margin) + " ";
        size_t i = 0;
        while (i < text.size()) {
            size_t nl = text.find('\n', i);
            size_t end = nl == std::string::npos ? text.size() : nl + 1;
            out += prefix;
            out.append(text, i, end - i);
            i = end;
        }
    }
};

bool is_group(const ExceptionObject& e) {
    return e.type()->is_subtype(exc_types().BaseExceptionGroup);
}

void format(const ExceptionObject& top, const SourceLines& lines, PrintContext& ctx, std::string& out) {
    // Walk the chain from the newest exception to its oldest cause/context.
    std::vector<std::pair<const char*, const ExceptionObject*>> chain;
    const ExceptionObject* exc = &top;
    while (exc && chain.size() < kMaxChain) {
        const char* msg = nullptr;
        const ExceptionObject* next = nullptr;
        if (exc->cause) {
            msg = "\nThe above exception was the direct cause of the following exception:\n\n";
            next = exc->cause.get();
        } else if (exc->context && !exc->suppress_context) {
            msg = "\nDuring handling of the above exception, another exception occurred:\n\n";
            next = exc->context.get();
        }
        chain.emplace_back(msg, exc);
        exc = next;
    }
    for (auto it = chain.rbegin(); it != chain.rend(); ++it) {
        const ExceptionObject& e = *it->second;
        if (it->first) ctx.emit(out, it->first);
        if (!is_group(e)) {
            if (!e.traceback.empty()) {
                ctx.emit(out, "Traceback (most recent call last):\n");
                ctx.emit(out, format_stack(e.traceback, lines));
            }
            ctx.emit(out, format_exception_only(e));
            continue;
        }
        if (ctx.group_depth > kMaxGroupDepth) {
            ctx.emit(out, "... (max_group_depth is " + std::to_string(kMaxGroupDepth) + ")\n");
            continue;
        }
        bool toplevel = ctx.group_depth == 0;
        if (toplevel) ++ctx.group_depth;
        if (!e.traceback.empty()) {
            ctx.emit(out, "Exception Group Traceback (most recent call last):\n", toplevel ? '+' : '|');
            ctx.emit(out, format_stack(e.traceback, lines));
        }
        ctx.emit(out, format_exception_only(e));
        size_t num = e.group_members.size();
        size_t n = num <= kMaxGroupWidth ? num : kMaxGroupWidth + 1;
        ctx.need_close = false;
        for (size_t i = 0; i < n; ++i) {
            bool last_exc = i == n - 1;
            if (last_exc) ctx.need_close = true;  // the closing line may come from a nested call
            bool truncated = i >= kMaxGroupWidth;
            std::string title = truncated ? "..." : std::to_string(i + 1);
            out += ctx.indent() + (i == 0 ? "+-" : "  ") + "+---------------- " + title + " ----------------\n";
            ++ctx.group_depth;
            if (!truncated) {
                format(*e.group_members[i], lines, ctx, out);
            } else {
                size_t remaining = num - kMaxGroupWidth;
                ctx.emit(out, "and " + std::to_string(remaining) + " more exception" + (remaining > 1 ? "s" : "") + "\n");
            }
            if (last_exc && ctx.need_close) {
                out += ctx.indent() + "+------------------------------------\n";
                ctx.need_close = false;
            }
            --ctx.group_depth;
        }
        if (toplevel) ctx.group_depth = 0;
    }
}

}  // namespace

std::string format_exception_only(const ExceptionObject& e) {
    const Type* t = e.type();
    std::string name = t->qualname.empty() ? t->name() : t->qualname;
    if (t->module != "builtins" && t->module != "__main__" && !t->module.empty()) name = t->module + "." + name;
    std::string s = exception_str(e);
    std::string out = (s.empty() ? name : name + ": " + s) + "\n";
    for (const Value& note : e.notes) {
        if (const std::string* n = str_of(note)) out += *n + "\n";
        else out += "<note str() failed>\n";
    }
    return out;
}

std::string format_exception(const ExceptionObject& e, const SourceLines& lines) {
    std::string out;
    PrintContext ctx;
    format(e, lines, ctx, out);
    return out;
}

}  // namespace tl::script
