// Timer wrapper.
#include "daemon/uv/timer.h"

#include "daemon/uv/detail.h"
#include "daemon/uv/loop.h"

namespace tl::uv {

int Timer::init(Loop& loop) {
  close();
  auto* box = new detail::HandleBox;
  int err = uv_timer_init(loop.raw(), &box->timer);
  if (err != 0) {
    delete box;
    return err;
  }
  box->handle.data = box;
  box_ = box;
  return 0;
}

int Timer::start(std::uint64_t timeout_ms, std::uint64_t repeat_ms, std::function<void()> cb) {
  if (!box_) return UV_EINVAL;
  box_->on_event = std::move(cb);
  return uv_timer_start(
      &box_->timer,
      [](uv_timer_t* t) {
        auto* box = detail::HandleBox::of(reinterpret_cast<uv_handle_t*>(t));
        // Copy: the callback may restart or close this timer.
        auto cb = box->on_event;
        if (cb) cb();
      },
      timeout_ms, repeat_ms);
}

int Timer::stop() { return box_ ? uv_timer_stop(&box_->timer) : 0; }

bool Timer::is_active() const { return box_ && uv_is_active(&box_->handle); }

}  // namespace tl::uv
