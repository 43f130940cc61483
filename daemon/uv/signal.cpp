// Signal wrapper.
#include "daemon/uv/signal.h"

#include "daemon/uv/detail.h"
#include "daemon/uv/loop.h"

namespace tl::uv {

int Signal::init(Loop& loop) {
  close();
  auto* box = new detail::HandleBox;
  int err = uv_signal_init(loop.raw(), &box->signal);
  if (err != 0) {
    delete box;
    return err;
  }
  box->handle.data = box;
  box_ = box;
  return 0;
}

int Signal::start(int signum, std::function<void()> cb) {
  if (!box_) return UV_EINVAL;
  box_->on_event = std::move(cb);
  return uv_signal_start(
      &box_->signal,
      [](uv_signal_t* s, int) {
        auto* box = detail::HandleBox::of(reinterpret_cast<uv_handle_t*>(s));
        auto cb = box->on_event;
        if (cb) cb();
      },
      signum);
}

int Signal::stop() { return box_ ? uv_signal_stop(&box_->signal) : 0; }

}  // namespace tl::uv
