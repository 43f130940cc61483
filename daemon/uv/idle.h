// A libuv idle handle: its callback runs once per loop turn, before the loop polls for
// I/O (which then does not block). LoopDriver uses it to run the next slice of busy work
// on the next turn: a 0 ms timer re-armed from a timer callback would run again in the
// same timer phase (libuv 1.44), so clients would never be served in between.
#pragma once

#include <functional>

#include "daemon/uv/handle.h"

namespace tl::uv {

class Loop;

class Idle : public Handle {
 public:
  Idle() = default;
  int init(Loop& loop);
  int start(std::function<void()> cb);
  int stop();
  bool is_active() const;
};

}  // namespace tl::uv
