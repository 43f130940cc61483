// Base of the libuv RAII wrappers: a move-only owner of one libuv handle. Following
// libuv's design, the handle's memory is freed only in its close callback, so closing
// from inside any callback is safe; closing twice is harmless. <uv.h> stays inside
// daemon/uv/*.cpp: these headers only forward-declare libuv's types.
#pragma once

#include <functional>
#include <string>

struct uv_loop_s;

namespace tl::uv {

namespace detail {
struct HandleBox;
}

class Handle {
 public:
  Handle(const Handle&) = delete;
  Handle& operator=(const Handle&) = delete;
  Handle(Handle&& other) noexcept : box_(other.box_) { other.box_ = nullptr; }
  Handle& operator=(Handle&& other) noexcept;
  // Closes the handle if still open; its memory goes in the close callback.
  virtual ~Handle();

  // Starts closing: no callback of the handle runs after this, except `on_closed`,
  // which runs once the handle's memory is released. A second call does nothing.
  void close(std::function<void()> on_closed = {});

  // True between a successful init and close().
  bool is_open() const { return box_ != nullptr; }

  // A handle that is unref'd does not keep the loop running (uv_ref/uv_unref).
  void ref();
  void unref();

 protected:
  Handle() = default;
  detail::HandleBox* box_ = nullptr;
};

// libuv error codes are negative ints; these name them.
std::string error_message(int err);
const char* error_name(int err);
bool is_eof(int err);
bool is_cancelled(int err);

}  // namespace tl::uv
