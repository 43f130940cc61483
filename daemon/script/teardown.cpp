// clear_run_heap (see teardown.h): the interpreter's share of finalisation. CPython ends a
// run by clearing module dicts (_PyModule_ClearDict via finalize_modules) and letting its
// gc break what remains by tp_clear on every object in a cycle; with reference counts only,
// we do the same for everything the run can still reach: collect it first (holding a
// reference to each, so nothing is freed while we walk), clear each object's outgoing
// references, then drop our references, and every former cycle falls apart.
#include "daemon/script/teardown.h"

#include <unordered_set>

#include "daemon/object/callable.h"
#include "daemon/object/containers.h"
#include "daemon/object/dict.h"
#include "daemon/object/exception.h"
#include "daemon/object/ops.h"
#include "daemon/object/set.h"
#include "daemon/object/type.h"
#include "daemon/runtime/future.h"
#include "daemon/runtime/task.h"
#include "daemon/script/async_gen.h"
#include "daemon/script/function.h"

namespace tl::script {

namespace {

// make_immortal() sets 1 << 30; anything that high is a static shared by every run.
bool immortal(const Object* o) { return o->refcount() >= (1u << 29); }

// Classes the scenario defined (Vm::build_class sets module "__main__"); builtin and
// runtime types are shared by every Vm on the thread and must keep their dicts.
bool scenario_class(Type* t) { return t->module == "__main__"; }

class Collector {
public:
    void add(const Value& v) {
        if (v.is_obj()) add(v.as_obj());
    }
    void add(Object* o) {
        if (!o || immortal(o) || !seen_.insert(o).second) return;
        kept_.emplace_back(o);
        pending_.push_back(o);
    }
    void add_frame(Frame* f) {
        if (!f) return;
        for (size_t i = 0; i < f->n_fast(); ++i) add(f->fast[i]);
        for (size_t i = 0; i < f->n_cells(); ++i) add(f->cells[i].get());
        for (Value* p = f->stack; p < f->sp; ++p) add(*p);
        for (int i = 0; i < f->nblocks; ++i) add(f->blocks[i].saved_exc);
        add(f->exc_info);
        add(f->delegate);
        add(f->init_self);
        add(f->func.get());
        add(f->globals.get());
    }

    // Iterative, so a long linked structure does not recurse on the C++ stack.
    void walk() {
        while (!pending_.empty()) {
            Object* o = pending_.back();
            pending_.pop_back();
            children(o);
        }
    }

    std::vector<Ref<Object>>& kept() { return kept_; }

private:
    void children(Object* o) {
        // An instance does not count a reference to its class, but the class is in a
        // cycle of its own (methods, their __class__ cell) that only this path reaches.
        if (Type* cls = o->type(); cls && !immortal(cls) && scenario_class(cls)) add(cls);
        if (auto* g = dynamic_cast<Globals*>(o)) {
            for (auto& v : g->slots) add(v);
        } else if (auto* fn = dynamic_cast<FunctionObject*>(o)) {
            add(fn->globals.get());
            for (auto& v : fn->defaults) add(v);
            for (auto& [k, v] : fn->kwdefaults) add(v);
            for (auto& c : fn->closure) add(c.get());
            add(fn->attrs);
        } else if (auto* c = dynamic_cast<CellObject*>(o)) {
            add(c->value);
        } else if (auto* gen = dynamic_cast<ScriptGen*>(o)) {
            add_frame(gen->frame);
        } else if (auto* t = dynamic_cast<Type*>(o)) {
            // A builtin or runtime type is shared: nothing of this run is in its dict.
            if (scenario_class(t)) {
                for (auto& [k, v] : t->dict()) add(v);
            }
        } else if (auto* inst = dynamic_cast<InstanceObject*>(o)) {  // modules too
            for (auto& [k, v] : inst->attrs) add(v);
        } else if (auto* bm = dynamic_cast<BoundMethod*>(o)) {
            add(bm->function);
            add(bm->self);
        } else if (auto* sup = dynamic_cast<SuperObject*>(o)) {
            add(sup->self);
        } else if (auto* nf = dynamic_cast<NativeFunction*>(o)) {
            add(nf->self);
        } else if (auto* e = dynamic_cast<ExceptionObject*>(o)) {
            for (auto& v : e->args) add(v);
            add(e->cause.get());
            add(e->context.get());
            for (auto& v : e->notes) add(v);
            add(e->group_message);
            for (auto& m : e->group_members) add(m.get());
            if (e->has_attrs()) {
                for (auto& [k, v] : e->attrs()) add(v);
            }
        } else if (auto* l = dynamic_cast<ListObject*>(o)) {
            for (auto& v : l->items) add(v);
        } else if (auto* tup = dynamic_cast<TupleObject*>(o)) {
            for (auto& v : tup->items) add(v);
        } else if (auto* d = dynamic_cast<DictObject*>(o)) {
            for (auto& en : d->entries) {
                add(en.key);
                add(en.value);
            }
        } else if (auto* s = dynamic_cast<SetObject*>(o)) {
            for (auto& en : s->table) add(en.key);
        } else if (auto* task = dynamic_cast<rt::Task*>(o)) {
            add(task->coro().get());
            add(task->stored_result());
            add(task->stored_exception().get());
        } else if (auto* fut = dynamic_cast<rt::Future*>(o)) {
            add(fut->stored_result());
            add(fut->stored_exception().get());
        } else {
            async_gen_referents(o, [this](Object* r) { add(r); });
        }
        // Anything else (runtime scopes, locks, queues, iterators, code objects) holds
        // nothing a scenario cycle must pass through, or is freed by its owner (the loop).
    }

    std::unordered_set<Object*> seen_;
    std::vector<Ref<Object>> kept_;
    std::vector<Object*> pending_;
};

void clear_frame(Frame* f) {
    if (!f) return;
    for (size_t i = 0; i < f->n_fast(); ++i) f->fast[i] = Value();
    for (size_t i = 0; i < f->n_cells(); ++i) f->cells[i] = nullptr;
    for (Value* p = f->stack; p < f->sp; ++p) *p = Value();
    for (int i = 0; i < f->nblocks; ++i) f->blocks[i].saved_exc = Value();
    f->exc_info = Value();
    f->delegate = Value();
    f->init_self = Value();
    f->func = nullptr;
}

// Scenario classes outlive their run: an instance holds a raw pointer to its class
// (no reference), and exceptions or results of a run are still printed after its Vm is
// gone. Their dicts are cleared (which breaks their cycles); the Type objects themselves
// stay here, a few hundred bytes per class. Freeing them needs instances that own a
// reference to a heap class, as CPython's do.
std::vector<Ref<Type>>& retired_classes() {
    static auto* kept = new std::vector<Ref<Type>>();
    return *kept;
}

// tp_clear of each kind: drops the references a cycle can run through. Tuples are
// immutable (a cycle through one always passes a mutable object cleared here) and may be
// a code object's constant, so they are left alone; so are exception args, which reports
// written after the run still print.
bool clear_object(Object* o) {
    if (auto* g = dynamic_cast<Globals*>(o)) {
        for (auto& v : g->slots) v = Value();
    } else if (auto* fn = dynamic_cast<FunctionObject*>(o)) {
        fn->globals = nullptr;
        fn->defaults.clear();
        fn->kwdefaults.clear();
        fn->closure.clear();
        fn->attrs = Value();
    } else if (auto* c = dynamic_cast<CellObject*>(o)) {
        c->value = Value();
    } else if (auto* gen = dynamic_cast<ScriptGen*>(o)) {
        if (gen->state == ScriptGen::State::Running) return false;
        clear_frame(gen->frame);
    } else if (auto* t = dynamic_cast<Type*>(o)) {
        if (!scenario_class(t)) return false;
        retired_classes().emplace_back(t);
        t->dict().clear();
    } else if (auto* inst = dynamic_cast<InstanceObject*>(o)) {
        inst->attrs.clear();
        inst->attr_order.clear();
    } else if (auto* bm = dynamic_cast<BoundMethod*>(o)) {
        bm->function = Value();
        bm->self = Value();
    } else if (auto* sup = dynamic_cast<SuperObject*>(o)) {
        sup->self = Value();
    } else if (auto* nf = dynamic_cast<NativeFunction*>(o)) {
        nf->self = Value();
    } else if (auto* e = dynamic_cast<ExceptionObject*>(o)) {
        e->cause = nullptr;
        e->context = nullptr;
        e->notes.clear();
        e->group_members.clear();
        if (e->has_attrs()) e->attrs().clear();
    } else if (auto* l = dynamic_cast<ListObject*>(o)) {
        l->items.clear();
    } else if (auto* d = dynamic_cast<DictObject*>(o)) {
        d->clear();
    } else if (auto* s = dynamic_cast<SetObject*>(o)) {
        s->clear();
    } else if (auto* fut = dynamic_cast<rt::Future*>(o)) {  // tasks too
        // A run that ends with a task still pending (shutdown_asyncgens gave up on an
        // aclose() whose finally never ends) keeps task -> done callback -> gather -> task.
        fut->clear_callbacks();
    } else {
        return false;
    }
    return true;
}

}  // namespace

size_t retired_class_count() { return retired_classes().size(); }

size_t clear_run_heap(const std::vector<Value>& roots) {
    Collector c;
    for (const Value& v : roots) c.add(v);
    c.walk();
    size_t cleared = 0;
    for (auto& o : c.kept()) cleared += clear_object(o.get()) ? 1 : 0;
    // Every outgoing reference is gone, so each object now dies exactly when its own
    // reference below is dropped: no cascade, no deep recursion.
    c.kept().clear();
    return cleared;
}

}  // namespace tl::script
