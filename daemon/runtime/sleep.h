// asyncio.sleep (tasks.py): sleep(0) is a bare yield; sleep(d > 0) awaits a future that a
// call_later timer resolves, and cancels that timer however the wait ends.
#pragma once

#include "daemon/runtime/coroutine.h"
#include "daemon/runtime/event_loop.h"

namespace tl::rt {

Ref<Coroutine> sleep(EventLoop& loop, double delay, Value result = Value::none());

}  // namespace tl::rt
