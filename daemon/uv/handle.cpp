// The one close path of every wrapped handle, and libuv error names.
#include "daemon/uv/handle.h"

#include <algorithm>
#include <cstring>
#include <utility>

#include "daemon/uv/detail.h"

namespace tl::uv {

namespace detail {
HandleBox::HandleBox() {
  std::memset(static_cast<void*>(&handle), 0,
              std::max({sizeof(uv_tcp_t), sizeof(uv_pipe_t), sizeof(uv_tty_t),
                        sizeof(uv_timer_t), sizeof(uv_signal_t), sizeof(uv_idle_t)}));
}
}  // namespace detail

Handle& Handle::operator=(Handle&& other) noexcept {
  if (this != &other) {
    close();
    box_ = std::exchange(other.box_, nullptr);
  }
  return *this;
}

Handle::~Handle() { close(); }

void Handle::close(std::function<void()> on_closed) {
  detail::HandleBox* box = std::exchange(box_, nullptr);
  if (box == nullptr) return;
  box->on_closed = std::move(on_closed);
  // Drop the other callbacks now: what they captured (often the owner) must not be
  // kept alive by a closing handle.
  box->on_event = nullptr;
  box->on_connection = nullptr;
  box->on_read_end = nullptr;
  // on_read may be running right now (close from inside a read callback); libuv never
  // calls it again after uv_close, and it goes with the box.
  uv_close(&box->handle, [](uv_handle_t* h) {
    detail::HandleBox* b = detail::HandleBox::of(h);
    std::function<void()> done = std::move(b->on_closed);
    delete b;
    if (done) done();
  });
}

void Handle::ref() {
  if (box_) uv_ref(&box_->handle);
}

void Handle::unref() {
  if (box_) uv_unref(&box_->handle);
}

std::string error_message(int err) { return uv_strerror(err); }
const char* error_name(int err) { return uv_err_name(err); }
bool is_eof(int err) { return err == UV_EOF; }
bool is_cancelled(int err) { return err == UV_ECANCELED; }

}  // namespace tl::uv
