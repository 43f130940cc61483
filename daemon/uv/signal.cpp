// Signal wrapper: the shared init and callback of detail.h around uv_signal_*.
#include "daemon/uv/signal.h"

#include "daemon/uv/detail.h"
#include "daemon/uv/loop.h"

namespace tl::uv {

int Signal::init(Loop& loop) {
  close();
  return detail::open_box(box_, [&](detail::HandleBox& b) { return uv_signal_init(loop.raw(), &b.signal); });
}

int Signal::start(int signum, std::function<void()> cb) {
  if (!box_) return UV_EINVAL;
  box_->on_event = std::move(cb);
  return uv_signal_start(&box_->signal, [](uv_signal_t* s, int) { detail::fire_event(s); }, signum);
}

int Signal::stop() { return box_ ? uv_signal_stop(&box_->signal) : 0; }

}  // namespace tl::uv
