// libFuzzer target for protocol/framing and protocol/jsonrpc: arbitrary bytes, in
// arbitrary chunks, must decode the same as in one piece, never exceed the limits, and
// every body must parse (to something, possibly an error reply) without throwing.
// Build: clang++ -std=c++20 -g -O1 -fsanitize=fuzzer,address,undefined -I. \
//   tests/fuzz/framing_fuzz.cpp protocol/*.cpp
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <vector>

#include "protocol/framing.h"
#include "protocol/jsonrpc.h"

namespace {

struct Decoded {
  std::vector<std::string> bodies;
  bool failed = false;
  std::string error;
};

// Small limits so the fuzzer reaches every limit check with short inputs.
constexpr tl::protocol::FramingLimits kLimits{4096, 256, 1024};

Decoded decode(const std::string& input, const std::vector<std::size_t>& cuts) {
  tl::protocol::FrameDecoder d(kLimits);
  Decoded out;
  std::size_t pos = 0;
  for (std::size_t cut : cuts) {
    if (cut <= pos || cut > input.size()) continue;
    d.feed(std::string_view(input).substr(pos, cut - pos));
    pos = cut;
    if (d.buffered_bytes() > kLimits.max_body + kLimits.max_header_line) std::abort();
  }
  d.feed(std::string_view(input).substr(pos));
  while (auto b = d.next_body()) {
    if (b->size() > kLimits.max_body) std::abort();
    out.bodies.push_back(*b);
  }
  out.failed = d.failed();
  out.error = d.error();
  return out;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size < 1) return 0;
  // The first byte picks a chunk size; the rest is the stream.
  std::size_t step = (data[0] % 17) + 1;
  std::string input(reinterpret_cast<const char*>(data + 1), size - 1);
  std::vector<std::size_t> cuts;
  for (std::size_t i = step; i < input.size(); i += step) cuts.push_back(i);

  Decoded whole = decode(input, {});
  Decoded chunked = decode(input, cuts);
  if (whole.bodies != chunked.bodies || whole.failed != chunked.failed ||
      whole.error != chunked.error) {
    std::abort();
  }
  for (const std::string& body : whole.bodies) {
    tl::protocol::Message m = tl::protocol::parse_message(body);
    // Whatever came out must serialize (the reply path dumps it).
    if (auto* inv = std::get_if<tl::protocol::Invalid>(&m)) {
      (void)tl::protocol::dump(tl::protocol::make_error(inv->id, inv->error));
    } else if (auto* req = std::get_if<tl::protocol::Request>(&m)) {
      (void)tl::protocol::dump(tl::protocol::make_result(req->id, req->params));
    }
  }
  // Round trip: re-encoding the bodies decodes to the same bodies.
  std::string again;
  for (const std::string& body : whole.bodies) again += tl::protocol::encode_frame(body);
  Decoded round = decode(again, cuts);
  if (round.bodies != whole.bodies || round.failed) std::abort();
  return 0;
}
