// Private to daemon/uv/*.cpp: the heap block behind every wrapper. One block type for
// every handle kind keeps a single close path (uv_close -> delete in the callback) and
// lets a listener accept into any stream.
#pragma once

#include <uv.h>

#include <functional>
#include <string_view>

#include "daemon/uv/handle.h"

namespace tl::uv::detail {

struct HandleBox {
  union {
    uv_handle_t handle;
    uv_stream_t stream;
    uv_tcp_t tcp;
    uv_pipe_t pipe;
    uv_tty_t tty;
    uv_timer_t timer;
    uv_signal_t signal;
    uv_idle_t idle;
  };
  // Callbacks live here, not in the wrapper object, so a wrapper may move or die
  // while libuv still holds the handle.
  std::function<void()> on_event;                    // timer, signal, idle
  std::function<void(int status)> on_connection;     // listening streams
  std::function<void(std::string_view)> on_read;     // reading streams
  std::function<void(int err)> on_read_end;          // UV_EOF or a read error
  std::function<void()> on_closed;

  HandleBox();
  HandleBox(const HandleBox&) = delete;
  HandleBox& operator=(const HandleBox&) = delete;

  static HandleBox* of(const uv_handle_t* h) { return static_cast<HandleBox*>(h->data); }
};

// The init of every wrapper (Handle::box_ is the `box` passed): a fresh box, libuv's
// *_init on it (`uv_init(HandleBox&)` returns its error), the box as the handle's data.
// On failure nothing is kept (libuv has not registered the handle).
template <typename UvInit>
int open_box(HandleBox*& box, UvInit&& uv_init) {
  auto* fresh = new HandleBox;
  int err = uv_init(*fresh);
  if (err != 0) {
    delete fresh;
    return err;
  }
  fresh->handle.data = fresh;
  box = fresh;
  return 0;
}

// The libuv callback of the event handles (timer, signal, idle): runs the box's
// on_event, copied first because the callback may stop, restart or close the handle.
inline void fire_event(void* uv_handle) {
  HandleBox* box = HandleBox::of(static_cast<const uv_handle_t*>(uv_handle));
  auto cb = box->on_event;
  if (cb) cb();
}

// is_active() of the event handles: open and started.
inline bool box_active(const HandleBox* box) { return box && uv_is_active(&box->handle); }

}  // namespace tl::uv::detail
