// A libuv timer: fires once after `timeout_ms`, then every `repeat_ms` if non-zero.
// Used for flush deadlines, the transport housekeeping tick and event batching.
#pragma once

#include <cstdint>
#include <functional>

#include "daemon/uv/handle.h"

namespace tl::uv {

class Loop;

class Timer : public Handle {
 public:
  Timer() = default;
  int init(Loop& loop);
  int start(std::uint64_t timeout_ms, std::uint64_t repeat_ms, std::function<void()> cb);
  int stop();
  bool is_active() const;
};

}  // namespace tl::uv
