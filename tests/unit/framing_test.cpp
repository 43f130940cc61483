// Tests for protocol/framing: the LSP base-protocol decoder under every chunking, and
// the framing faults of shared/PROTOCOL.md (1 to 5) at the byte level.
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "protocol/framing.h"

using tl::protocol::encode_frame;
using tl::protocol::FrameDecoder;
using tl::protocol::FramingLimits;

namespace {

std::vector<std::string> drain(FrameDecoder& d) {
  std::vector<std::string> out;
  while (auto b = d.next_body()) out.push_back(*b);
  return out;
}

// Feeds `bytes` in pieces of `step` bytes.
std::vector<std::string> decode(const std::string& bytes, std::size_t step,
                                FrameDecoder& d) {
  for (std::size_t i = 0; i < bytes.size(); i += step) {
    d.feed(std::string_view(bytes).substr(i, step));
  }
  return drain(d);
}

std::string error_of(const std::string& bytes, FramingLimits limits = {}) {
  FrameDecoder d(limits);
  d.feed(bytes);
  REQUIRE(d.failed());
  return d.error();
}

}  // namespace

TEST_SUITE("framing") {
  TEST_CASE("encode then decode under every chunk size") {
    std::string bytes = encode_frame(R"({"a":1})") + encode_frame("") +
                        encode_frame("{\"b\":\"\xc3\xa9\"}");
    for (std::size_t step = 1; step <= bytes.size(); ++step) {
      FrameDecoder d;
      auto bodies = decode(bytes, step, d);
      CAPTURE(step);
      REQUIRE(bodies.size() == 3);
      CHECK(bodies[0] == R"({"a":1})");
      CHECK(bodies[1].empty());
      CHECK(bodies[2] == "{\"b\":\"\xc3\xa9\"}");
      CHECK_FALSE(d.failed());
      CHECK(d.at_message_boundary());
    }
  }

  TEST_CASE("encode writes the LSP header") {
    CHECK(encode_frame("{}") == "Content-Length: 2\r\n\r\n{}");
  }

  TEST_CASE("headers: case, whitespace, extra headers, content type") {
    FrameDecoder d;
    d.feed("content-length:   2  \r\nX-Other: y\r\n"
           "Content-Type: application/vscode-jsonrpc; charset=utf-8\r\n\r\n{}");
    d.feed("Content-Type: application/json; charset=\"UTF8\"\r\nContent-Length: 1\r\n\r\n1");
    d.feed("Content-Type: application/json\r\nContent-Length: 1\r\n\r\n2");
    auto bodies = drain(d);
    REQUIRE(bodies.size() == 3);
    CHECK(bodies[0] == "{}");
    CHECK(bodies[1] == "1");
    CHECK(bodies[2] == "2");
  }

  TEST_CASE("fault 1: Content-Length missing, non-numeric, negative, past 2^63") {
    CHECK(error_of("X-Foo: 1\r\n\r\n{}") == "missing Content-Length");
    CHECK(error_of("\r\n") == "missing Content-Length");
    CHECK(error_of("Content-Length: abc\r\n\r\n") == "Content-Length is not a decimal number");
    CHECK(error_of("Content-Length: 12a\r\n\r\n") == "Content-Length is not a decimal number");
    CHECK(error_of("Content-Length: 1.5\r\n\r\n") == "Content-Length is not a decimal number");
    CHECK(error_of("Content-Length: +5\r\n\r\n") == "Content-Length is not a decimal number");
    CHECK(error_of("Content-Length:\r\n\r\n") == "empty Content-Length");
    CHECK(error_of("Content-Length: -1\r\n\r\n") == "negative Content-Length");
    CHECK(error_of("Content-Length: 9223372036854775809\r\n\r\n") ==
          "Content-Length beyond 2^63");
    CHECK(error_of("Content-Length: 99999999999999999999999999\r\n\r\n") ==
          "Content-Length beyond 2^63");
    // 2^63 itself parses, and is then over the body limit.
    CHECK(error_of("Content-Length: 9223372036854775808\r\n\r\n").find("over the") !=
          std::string::npos);
    CHECK(error_of("Content-Length: 2\r\nContent-Length: 2\r\n\r\n{}") ==
          "duplicate Content-Length");
  }

  TEST_CASE("fault 2: body, header line and header block limits, before allocating") {
    SUBCASE("body over 16 MiB is refused from the header alone") {
      FrameDecoder d;
      d.feed("Content-Length: 16777217\r\n\r\n");
      CHECK(d.failed());
      CHECK(d.buffered_bytes() == 0);
    }
    SUBCASE("exactly 16 MiB is allowed") {
      FrameDecoder d;
      d.feed("Content-Length: 16777216\r\n\r\n");
      CHECK_FALSE(d.failed());
      d.feed(std::string(16u << 20, 'x'));
      auto bodies = drain(d);
      REQUIRE(bodies.size() == 1);
      CHECK(bodies[0].size() == (16u << 20));
    }
    SUBCASE("a header line over 8 KiB fails before its end arrives") {
      FrameDecoder d;
      d.feed("X-Long: ");
      d.feed(std::string(8u << 10, 'a'));
      CHECK(d.failed());
      CHECK(d.error().find("header line over") == 0);
      CHECK(d.buffered_bytes() == 0);
    }
    SUBCASE("a header line of exactly 8 KiB is allowed") {
      FrameDecoder d;
      std::string line = "X-Long: " + std::string((8u << 10) - 10, 'a') + "\r\n";
      REQUIRE(line.size() == (8u << 10));
      d.feed(line + "Content-Length: 0\r\n\r\n");
      CHECK_FALSE(d.failed());
      CHECK(drain(d).size() == 1);
    }
    SUBCASE("a header block over 64 KiB") {
      FrameDecoder d;
      std::string line = "X-Pad: " + std::string(1000, 'p') + "\r\n";
      for (int i = 0; i < 70 && !d.failed(); ++i) d.feed(line);
      CHECK(d.failed());
      CHECK(d.error().find("header block over") == 0);
    }
    SUBCASE("small limits apply as configured") {
      FramingLimits small{10, 64, 128};
      CHECK(error_of("Content-Length: 11\r\n\r\n", small).find("over the 10-byte") !=
            std::string::npos);
    }
  }

  TEST_CASE("fault 3: an HTTP request line") {
    for (const char* line : {"GET / HTTP/1.1\r\n", "POST /rpc HTTP/1.1\r\n",
                             "PUT /x HTTP/1.0\r\n", "HEAD / HTTP/1.1\r\n",
                             "OPTIONS * HTTP/1.1\r\n", "DELETE /a HTTP/1.1\r\n",
                             "CONNECT a:1 HTTP/1.1\r\n", "PATCH /a HTTP/1.1\r\n",
                             "PRI * HTTP/2.0\r\n"}) {
      CAPTURE(line);
      CHECK(error_of(line) == "HTTP request line instead of LSP headers");
    }
    SUBCASE("detected from the method alone, before the line ends") {
      FrameDecoder d;
      d.feed("GE");
      CHECK_FALSE(d.failed());
      d.feed("T ");
      CHECK(d.failed());
    }
    SUBCASE("also after a complete message") {
      FrameDecoder d;
      d.feed(encode_frame("{}") + "POST / HTTP/1.1\r\n");
      CHECK(d.failed());
      CHECK(drain(d).size() == 1);
    }
    SUBCASE("also after an empty message") {
      FrameDecoder d;
      d.feed(encode_frame("") + "GET / HTTP/1.1\r\n");
      CHECK(d.failed());
    }
    CHECK(error_of("hello world\r\n\r\n") == "malformed header line");
  }

  TEST_CASE("fault 4: a Content-Type naming another charset") {
    CHECK(error_of("Content-Type: application/json; charset=latin1\r\n") ==
          "Content-Type charset is not utf-8: latin1");
    CHECK(error_of("Content-Type: text/plain;charset=\"utf-16\"\r\n") ==
          "Content-Type charset is not utf-8: utf-16");
  }

  TEST_CASE("fault 5: a body cut short leaves a partial message") {
    FrameDecoder d;
    d.feed("Content-Length: 10\r\n\r\n{\"a\":");
    CHECK_FALSE(d.failed());
    CHECK_FALSE(d.at_message_boundary());
    CHECK(drain(d).empty());
    FrameDecoder h;
    h.feed("Content-Len");
    CHECK_FALSE(h.at_message_boundary());
  }

  TEST_CASE("malformed lines") {
    CHECK(error_of("Content-Length: 2\n\n{}") == "header line not terminated by CRLF");
    CHECK(error_of(": x\r\n") == "malformed header line");
    CHECK(error_of("Bad Name: x\r\n") == "malformed header line");
    CHECK(error_of("X-A: \x01\r\n") == "header line holds a control or non-ASCII byte");
    CHECK(error_of("X-A: \xc3\xa9\r\n") == "header line holds a control or non-ASCII byte");
  }

  TEST_CASE("after an error, input is ignored and buffers are freed") {
    FrameDecoder d;
    d.feed("Content-Length: x\r\n\r\n");
    REQUIRE(d.failed());
    d.feed(encode_frame("{}"));
    CHECK(drain(d).empty());
    CHECK(d.buffered_bytes() == 0);
  }
}
