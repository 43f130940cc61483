// Idle handle wrapper (as Timer's).
#include "daemon/uv/idle.h"

#include "daemon/uv/detail.h"
#include "daemon/uv/loop.h"

namespace tl::uv {

int Idle::init(Loop& loop) {
  close();
  auto* box = new detail::HandleBox;
  int err = uv_idle_init(loop.raw(), &box->idle);
  if (err != 0) {
    delete box;
    return err;
  }
  box->handle.data = box;
  box_ = box;
  return 0;
}

int Idle::start(std::function<void()> cb) {
  if (!box_) return UV_EINVAL;
  box_->on_event = std::move(cb);
  return uv_idle_start(&box_->idle, [](uv_idle_t* h) {
    auto* box = detail::HandleBox::of(reinterpret_cast<uv_handle_t*>(h));
    // Copy: the callback may stop or close this handle.
    auto cb = box->on_event;
    if (cb) cb();
  });
}

int Idle::stop() { return box_ ? uv_idle_stop(&box_->idle) : 0; }

bool Idle::is_active() const { return box_ && uv_is_active(&box_->handle); }

}  // namespace tl::uv
