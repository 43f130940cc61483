// An owned libuv event loop. The daemon runs one; sessions, transports and timers all
// live on it. raw() is for code outside daemon/uv that must hand the loop to libuv-aware
// parts (it is a forward-declared pointer; <uv.h> is still only included here).
#pragma once

#include <cstdint>
#include <functional>
#include <string>

struct uv_loop_s;

namespace tl::uv {

class Loop {
 public:
  Loop();
  Loop(const Loop&) = delete;
  Loop& operator=(const Loop&) = delete;
  // Lets pending close callbacks run, then closes the loop.
  ~Loop();

  // Runs until no active, referenced handle or request is left (or stop()).
  void run();
  // Runs one non-blocking iteration (tests, and draining close callbacks).
  void run_nowait();
  void stop();

  // Loop time in milliseconds, cached at the start of each iteration.
  std::uint64_t now_ms() const;

  // Closes the loop; returns 0, or a negative error if handles are still open.
  int close();
  // The type names of handles still open (not closing): for leak diagnostics.
  void for_each_open_handle(const std::function<void(const std::string& type)>& f) const;

  uv_loop_s* raw() { return loop_; }

 private:
  uv_loop_s* loop_;
  bool closed_ = false;
};

}  // namespace tl::uv
