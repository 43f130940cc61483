// The compiler's first pass: which scope every name belongs to, with CPython's rules
// (symtable.c): function locals in slots, names captured by inner functions in cells,
// free variables passed down through closures (skipping class bodies), `global` and
// `nonlocal`, comprehension scopes, the implicit `__class__` cell behind zero-arg super().
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "daemon/script/ast.h"

namespace tl::script {

enum class ScopeKind : uint8_t { Module, Function, Class, Comprehension, Lambda };

// How a name is reached from code in one scope.
enum class NameKind : uint8_t {
    Fast,          // a local slot
    Cell,          // a local captured by an inner scope (a cell of this frame)
    Free,          // a cell inherited from an enclosing function
    GlobalExplicit,
    GlobalImplicit,
    ClassLocal,    // a class-body name (namespace dict)
};

struct Symbol {
    bool assigned = false;
    bool param = false;
    bool used = false;
    bool global_decl = false;
    bool nonlocal_decl = false;
    ast::Position nonlocal_pos;    // where `nonlocal` named it (for the no-binding error)
    bool comp_outer_bind = false;  // walrus in a comprehension binds in the enclosing scope
    NameKind kind = NameKind::GlobalImplicit;
};

struct Scope {
    ScopeKind kind = ScopeKind::Module;
    std::string name;
    Scope* parent = nullptr;
    std::vector<Scope*> children;
    std::unordered_map<std::string, Symbol> symbols;
    std::vector<std::string> order;          // names in first-seen order (stable slots)
    std::vector<std::string> params;         // in parameter order
    bool is_generator = false;
    bool is_coroutine = false;
    bool needs_class_cell = false;           // class body: an inner function uses super()/__class__

    // Filled by analysis.
    std::vector<std::string> varnames;       // Fast slots (params first)
    std::vector<std::string> cellvars;
    std::vector<std::string> freevars;       // incl. names only passed through (classes)

    Symbol* find(const std::string& n) {
        auto it = symbols.find(n);
        return it == symbols.end() ? nullptr : &it->second;
    }
    bool is_function_like() const {
        return kind == ScopeKind::Function || kind == ScopeKind::Lambda || kind == ScopeKind::Comprehension;
    }
};

struct SymbolError {
    std::string message;
    ast::Position pos;
};

class SymbolTable {
public:
    // Builds and analyses the scopes of a module; nullopt on success.
    std::optional<SymbolError> build(const ast::Module& m);

    Scope* module_scope() const { return module_; }
    // The scope a FunctionDef/ClassDef statement, Lambda or comprehension expression opens.
    Scope* scope_of(const void* node) const {
        auto it = by_node_.find(node);
        return it == by_node_.end() ? nullptr : it->second;
    }

private:
    friend class SymbolBuilder;
    std::vector<std::unique_ptr<Scope>> scopes_;
    std::unordered_map<const void*, Scope*> by_node_;
    Scope* module_ = nullptr;
};

}  // namespace tl::script
