// A libuv signal watcher: delivers SIGINT/SIGTERM as loop callbacks, so a signal never
// interrupts handler code.
#pragma once

#include <functional>

#include "daemon/uv/handle.h"

namespace tl::uv {

class Loop;

class Signal : public Handle {
 public:
  Signal() = default;
  int init(Loop& loop);
  int start(int signum, std::function<void()> cb);
  int stop();
};

}  // namespace tl::uv
