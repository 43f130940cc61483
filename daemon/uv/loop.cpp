// The owned event loop.
#include "daemon/uv/loop.h"

#include <uv.h>

#include <stdexcept>

namespace tl::uv {

Loop::Loop() : loop_(new uv_loop_t) {
  int err = uv_loop_init(loop_);
  if (err != 0) {
    delete loop_;
    throw std::runtime_error(std::string("uv_loop_init: ") + uv_strerror(err));
  }
}

Loop::~Loop() {
  if (!closed_) {
    // Handles closed without a later run still wait for their close callbacks, which
    // free their memory.
    uv_run(loop_, UV_RUN_NOWAIT);
    close();
  }
  delete loop_;
}

void Loop::run() { uv_run(loop_, UV_RUN_DEFAULT); }
void Loop::run_nowait() { uv_run(loop_, UV_RUN_NOWAIT); }
void Loop::stop() { uv_stop(loop_); }
std::uint64_t Loop::now_ms() const { return uv_now(loop_); }

int Loop::close() {
  if (closed_) return 0;
  int err = uv_loop_close(loop_);
  if (err == 0) closed_ = true;
  return err;
}

void Loop::for_each_open_handle(const std::function<void(const std::string&)>& f) const {
  struct Ctx {
    const std::function<void(const std::string&)>* f;
  } ctx{&f};
  uv_walk(
      loop_,
      [](uv_handle_t* h, void* arg) {
        if (uv_is_closing(h)) return;
        (*static_cast<Ctx*>(arg)->f)(uv_handle_type_name(h->type));
      },
      &ctx);
}

}  // namespace tl::uv
