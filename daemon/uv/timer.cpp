// Timer wrapper: the shared init and callback of detail.h around uv_timer_*.
#include "daemon/uv/timer.h"

#include "daemon/uv/detail.h"
#include "daemon/uv/loop.h"

namespace tl::uv {

int Timer::init(Loop& loop) {
  close();
  return detail::open_box(box_, [&](detail::HandleBox& b) { return uv_timer_init(loop.raw(), &b.timer); });
}

int Timer::start(std::uint64_t timeout_ms, std::uint64_t repeat_ms, std::function<void()> cb) {
  if (!box_) return UV_EINVAL;
  box_->on_event = std::move(cb);
  return uv_timer_start(&box_->timer, [](uv_timer_t* t) { detail::fire_event(t); }, timeout_ms, repeat_ms);
}

int Timer::stop() { return box_ ? uv_timer_stop(&box_->timer) : 0; }

bool Timer::is_active() const { return detail::box_active(box_); }

}  // namespace tl::uv
