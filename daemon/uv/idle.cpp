// Idle handle wrapper: the shared init and callback of detail.h around uv_idle_*.
#include "daemon/uv/idle.h"

#include "daemon/uv/detail.h"
#include "daemon/uv/loop.h"

namespace tl::uv {

int Idle::init(Loop& loop) {
  close();
  return detail::open_box(box_, [&](detail::HandleBox& b) { return uv_idle_init(loop.raw(), &b.idle); });
}

int Idle::start(std::function<void()> cb) {
  if (!box_) return UV_EINVAL;
  box_->on_event = std::move(cb);
  return uv_idle_start(&box_->idle, [](uv_idle_t* h) { detail::fire_event(h); });
}

int Idle::stop() { return box_ ? uv_idle_stop(&box_->idle) : 0; }

bool Idle::is_active() const { return detail::box_active(box_); }

}  // namespace tl::uv
