// Tests for the daemon/uv wrappers' lifecycle promises: a handle's close callback runs
// once, closing twice or from inside the handle's own callback is harmless, a destroyed
// wrapper closes its handle, and the loop then closes with nothing left open.
#include <doctest/doctest.h>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cstdint>
#include <memory>
#include <string>

#include "daemon/uv/loop.h"
#include "daemon/uv/stream.h"
#include "daemon/uv/timer.h"

using namespace tl::uv;

TEST_SUITE("uv") {
  TEST_CASE("close twice: one close callback, loop closes clean") {
    Loop loop;
    Timer timer;
    REQUIRE(timer.init(loop) == 0);
    int closed = 0;
    timer.close([&] { ++closed; });
    timer.close([&] { closed += 100; });
    CHECK_FALSE(timer.is_open());
    loop.run();
    CHECK(closed == 1);
    CHECK(loop.close() == 0);
  }

  TEST_CASE("a timer closing itself from its own callback") {
    Loop loop;
    auto timer = std::make_shared<Timer>();
    REQUIRE(timer->init(loop) == 0);
    int fired = 0;
    int closed = 0;
    timer->start(1, 1, [&, timer] {
      ++fired;
      timer->close([&] { ++closed; });
      timer->close();
    });
    timer.reset();  // only the callback holds it now
    loop.run();
    CHECK(fired == 1);
    CHECK(closed == 1);
    CHECK(loop.close() == 0);
  }

  TEST_CASE("a destroyed wrapper closes its handle; moves keep one owner") {
    Loop loop;
    {
      Timer a;
      REQUIRE(a.init(loop) == 0);
      a.start(100000, 0, [] {});
      Timer b(std::move(a));
      CHECK_FALSE(a.is_open());
      CHECK(b.is_open());
    }
    loop.run();  // returns: the destructor closed the active timer
    CHECK(loop.close() == 0);
  }

  TEST_CASE("the loop reports handles left open") {
    Loop loop;
    Timer t;
    REQUIRE(t.init(loop) == 0);
    int open = 0;
    loop.for_each_open_handle([&](const std::string& type) {
      CHECK(type == "timer");
      ++open;
    });
    CHECK(open == 1);
    CHECK(loop.close() != 0);
    t.close();
    loop.run();
    CHECK(loop.close() == 0);
  }

  TEST_CASE("stream: accept, read to EOF, write back, over TCP loopback") {
    Loop loop;
    Tcp server;
    REQUIRE(server.init(loop) == 0);
    REQUIRE(server.bind("127.0.0.1", 0) == 0);
    std::unique_ptr<Tcp> accepted;
    std::string received;
    int ends = 0;
    int write_status = 1;
    REQUIRE(server.listen(8, [&](int status) {
      REQUIRE(status == 0);
      accepted = std::make_unique<Tcp>();
      REQUIRE(accepted->init(loop) == 0);
      REQUIRE(server.accept(*accepted) == 0);
      accepted->on_read([&](std::string_view bytes) { received.append(bytes); },
                        [&](int err) {
                          CHECK(is_eof(err));
                          ++ends;
                          accepted->write("world", [&](int st) {
                            write_status = st;
                            accepted->close();
                          });
                          server.close();
                        });
      REQUIRE(accepted->read_start() == 0);
    }) == 0);
    int port = 0;
    REQUIRE(server.local_port(port) == 0);
    REQUIRE(port > 0);

    // The peer is a plain blocking socket: the wrappers never connect out.
    int fd = socket(AF_INET, SOCK_STREAM, 0);
    REQUIRE(fd >= 0);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_port = htons(static_cast<std::uint16_t>(port));
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    REQUIRE(connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof(addr)) == 0);
    REQUIRE(send(fd, "hello", 5, 0) == 5);
    shutdown(fd, SHUT_WR);

    loop.run();
    CHECK(received == "hello");
    CHECK(ends == 1);
    CHECK(write_status == 0);
    char buf[16] = {};
    CHECK(recv(fd, buf, sizeof(buf), 0) == 5);
    CHECK(std::string(buf, 5) == "world");
    close(fd);
    CHECK(loop.close() == 0);
  }
}
