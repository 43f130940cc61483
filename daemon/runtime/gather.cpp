// tasks.gather and _GatheringFuture: one done-callback per distinct child counts the
// finished ones and completes the outer future, with the first error, the results list,
// or (after a cancel() that reached a child) a CancelledError.
#include "daemon/runtime/combinators.h"

#include "daemon/object/containers.h"
#include "daemon/object/str.h"

namespace tl::rt {

Type* gathering_future_type() {
    static Type* t = [] {
        auto* ty = new Type("_GatheringFuture", {future_type()}, Layout::Future);
        ty->module = "asyncio.tasks";
        ty->make_immortal();
        return ty;
    }();
    return t;
}

GatheringFuture::GatheringFuture(EventLoop* loop, std::vector<Ref<Future>> children)
    : Future(loop, gathering_future_type()), children_(std::move(children)) {}

bool GatheringFuture::cancel(Value msg) {
    // _GatheringFuture.cancel: the outer future is not cancelled itself; it finishes
    // when the children do.
    if (done()) return false;
    bool ret = false;
    EventLoop::CauseScope cs(*loop_, Cause{CauseKind::Gather, nullptr});
    // A copy: a child's cancel() cannot change the list, but the copy costs nothing here.
    std::vector<Ref<Future>> children = children_;
    for (auto& child : children) {
        if (child->cancel(msg)) ret = true;
    }
    // If any child was really cancelled, the cancellation propagates whatever
    // return_exceptions says (bpo-32684).
    if (ret) cancel_requested_ = true;
    return ret;
}

namespace {

// The variables gather()'s _done_callback closes over.
struct GatherState final : Object {
    explicit GatherState(bool re) : Object(object_type()), return_exceptions(re) {}
    bool return_exceptions;
    size_t nfuts = 0;
    size_t nfinished = 0;
    std::vector<Ref<Future>> children;
    Ref<GatheringFuture> outer;  // null until every child is wrapped (bpo-46672)
};

ExcRef exception_of(Future* fut) {
    Outcome e = fut->exception();
    if (e.ok() && e.value.is_obj()) return ExcRef(e.value.obj_as<ExceptionObject>());
    return nullptr;
}

void done_callback(Object* self, Future* fut) {
    // gather._done_callback
    Ref<GatherState> st(static_cast<GatherState*>(self));
    st->nfinished += 1;
    GatheringFuture* outer = st->outer.get();

    if (!outer || outer->done()) {
        if (!fut->cancelled()) fut->exception();  // mark the exception retrieved
        return;
    }

    if (!st->return_exceptions) {
        if (fut->cancelled()) {
            // Checked first: exception() would raise the CancelledError, not return it.
            outer->set_exception(fut->make_cancelled_error());
            return;
        }
        if (ExcRef exc = exception_of(fut)) {
            outer->set_exception(std::move(exc));
            return;
        }
    }

    if (st->nfinished == st->nfuts) {
        // Every child is done: the results, in argument order.
        std::vector<Value> results;
        results.reserve(st->children.size());
        for (auto& child : st->children) {
            if (child->cancelled()) {
                // A new CancelledError per cancelled child, message '' when there was
                // none, leaving _make_cancelled_error for the outer's own error.
                const Value& m = child->cancel_message();
                Value arg = (m.is_none() || m.is_null()) ? make_str("") : m;
                results.push_back(Value(make_exception(exc_types().CancelledError, std::vector<Value>{arg})));
            } else if (ExcRef exc = exception_of(child.get())) {
                results.push_back(Value(exc));
            } else {
                results.push_back(child->result().value);
            }
        }
        if (outer->cancel_requested()) {
            // CPython takes the error from `fut`, the loop variable left at the last child.
            outer->set_exception(st->children.back()->make_cancelled_error());
        } else {
            outer->set_result(Value(new ListObject(std::move(results))));
        }
    }
}

}  // namespace

Outcome gather(EventLoop& loop, const std::vector<Value>& coros_or_futures, bool return_exceptions) {
    // tasks.gather
    if (coros_or_futures.empty()) {
        Ref<Future> outer(new Future(&loop));
        outer->set_result(Value(new ListObject()));
        return Outcome::ok(Value(outer));
    }
    Ref<GatherState> st(new GatherState(return_exceptions));
    DoneCallback cb{&done_callback, Value(st)};
    // arg_to_fut: arguments are hashable Futures/coroutines compared by identity.
    std::vector<std::pair<Object*, Ref<Future>>> arg_to_fut;
    std::vector<Ref<Future>> done_futs;
    const bool at_once = loop.semantics().gather_handles_done_children_at_once();
    for (const Value& arg : coros_or_futures) {
        Ref<Future> fut;
        Object* key = arg.is_obj() ? arg.as_obj() : nullptr;
        for (auto& [k, f] : arg_to_fut) {
            if (key && k == key) fut = f;
        }
        if (!fut) {
            Outcome f = ensure_future(loop, arg);
            if (!f.ok()) return f;  // the children wrapped so far keep running, as in CPython
            fut = future_of(f.value);
            st->nfuts += 1;
            arg_to_fut.emplace_back(key, fut);
            if (at_once && fut->done()) {
                done_futs.push_back(fut);
            } else {
                fut->add_done_callback(cb);
            }
        }
        st->children.push_back(fut);
    }
    Ref<GatheringFuture> outer(new GatheringFuture(&loop, st->children));
    st->outer = outer;
    // 3.12+: children that were done already are handled now that the outer exists; when
    // all of them were, gather returns a done future.
    for (auto& fut : done_futs) done_callback(st.get(), fut.get());
    return Outcome::ok(Value(outer));
}

}  // namespace tl::rt
