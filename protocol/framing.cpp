// LSP base-protocol decoder and encoder. Every limit is checked before the bytes it
// guards are buffered, so a hostile peer costs at most one header line or one declared,
// already validated body.
#include "protocol/framing.h"

#include <algorithm>
#include <array>
#include <cctype>

namespace tl::protocol {
namespace {

constexpr std::uint64_t kTwoPow63 = std::uint64_t{1} << 63;
// The longest entry of looks_like_http_request's list, with its space.
constexpr std::size_t kLongestMethod = 8;

bool iequals(std::string_view a, std::string_view b) {
  return a.size() == b.size() &&
         std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           return std::tolower(static_cast<unsigned char>(x)) ==
                  std::tolower(static_cast<unsigned char>(y));
         });
}

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

bool is_token_char(char c) {
  // RFC 7230 tchar: header names never hold spaces, colons or controls.
  if (std::isalnum(static_cast<unsigned char>(c))) return true;
  return std::string_view("!#$%&'*+-.^_`|~").find(c) != std::string_view::npos;
}

// Checks a Content-Type value: any media type, but a charset, if named, must be UTF-8.
// Returns an error message or an empty string.
std::string check_content_type(std::string_view value) {
  std::size_t pos = value.find(';');
  while (pos != std::string_view::npos) {
    value.remove_prefix(pos + 1);
    pos = value.find(';');
    std::string_view param = trim(value.substr(0, pos));
    std::size_t eq = param.find('=');
    if (eq == std::string_view::npos) continue;
    if (!iequals(trim(param.substr(0, eq)), "charset")) continue;
    std::string_view charset = trim(param.substr(eq + 1));
    if (charset.size() >= 2 && charset.front() == '"' && charset.back() == '"') {
      charset = charset.substr(1, charset.size() - 2);
    }
    if (!iequals(charset, "utf-8") && !iequals(charset, "utf8")) {
      return "Content-Type charset is not utf-8: " + std::string(charset.substr(0, 64));
    }
  }
  return {};
}

}  // namespace

bool looks_like_http_request(std::string_view line) {
  // HTTP/1 request methods plus the HTTP/2 preface (`PRI * HTTP/2.0`).
  static constexpr std::array<std::string_view, 10> kMethods = {
      "GET ", "POST ", "PUT ", "HEAD ", "OPTIONS ", "DELETE ", "CONNECT ", "PATCH ",
      "TRACE ", "PRI "};
  for (std::string_view method : kMethods) {
    if (line.substr(0, method.size()) == method) return true;
  }
  return false;
}

FrameDecoder::FrameDecoder(FramingLimits limits) : limits_(limits) {}

void FrameDecoder::fail(std::string why) {
  error_ = std::move(why);
  // Free what the broken message held: nothing more will be read.
  std::string().swap(line_);
  std::string().swap(body_);
}

bool FrameDecoder::at_message_boundary() const {
  return state_ == State::header_line && line_.empty() && header_bytes_ == 0;
}

void FrameDecoder::reset_message() {
  state_ = State::header_line;
  line_.clear();
  header_bytes_ = 0;
  first_line_ = true;
  content_length_.reset();
  body_expected_ = 0;
}

void FrameDecoder::feed(std::string_view chunk) {
  while (!chunk.empty() && !failed()) {
    if (state_ == State::body) {
      std::size_t want = body_expected_ - body_.size();
      std::size_t take = std::min(want, chunk.size());
      body_.append(chunk.substr(0, take));
      chunk.remove_prefix(take);
      if (body_.size() == body_expected_) {
        ready_.push_back(std::move(body_));
        body_ = std::string();
        reset_message();
      }
      continue;
    }

    std::size_t newline = chunk.find('\n');
    std::size_t take = newline == std::string_view::npos ? chunk.size() : newline + 1;
    // Decide on HTTP as soon as the method is visible, before any limit, so the
    // verdict never depends on how the bytes were chunked.
    if (first_line_ && line_.size() < kLongestMethod) {
      std::string head = line_;
      head.append(chunk.substr(0, std::min(take, kLongestMethod - line_.size())));
      if (looks_like_http_request(head)) {
        return fail("HTTP request line instead of LSP headers");
      }
    }
    // Whichever limit the byte stream crosses first is the one reported.
    std::size_t line_room = limits_.max_header_line - line_.size();
    std::size_t block_room = limits_.max_header_block - header_bytes_;
    if (take > std::min(line_room, block_room)) {
      if (line_room <= block_room) {
        return fail("header line over " + std::to_string(limits_.max_header_line) + " bytes");
      }
      return fail("header block over " + std::to_string(limits_.max_header_block) +
                  " bytes");
    }
    line_.append(chunk.substr(0, take));
    header_bytes_ += take;
    chunk.remove_prefix(take);
    if (newline == std::string_view::npos) continue;

    std::string_view line(line_);
    if (line.size() < 2 || line[line.size() - 2] != '\r') {
      return fail("header line not terminated by CRLF");
    }
    line.remove_suffix(2);
    if (line.empty()) {
      if (!finish_headers()) return;
    } else {
      if (!take_header_line(line)) return;
      line_.clear();
      first_line_ = false;
    }
  }
}

bool FrameDecoder::take_header_line(std::string_view line) {
  for (char c : line) {
    auto u = static_cast<unsigned char>(c);
    if ((u < 0x20 && c != '\t') || u >= 0x7f) {
      fail("header line holds a control or non-ASCII byte");
      return false;
    }
  }
  std::size_t colon = line.find(':');
  std::string_view name = line.substr(0, colon);
  if (colon == std::string_view::npos || name.empty() ||
      !std::all_of(name.begin(), name.end(), is_token_char)) {
    fail("malformed header line");
    return false;
  }
  std::string_view value = trim(line.substr(colon + 1));

  if (iequals(name, "Content-Length")) {
    if (content_length_) {
      fail("duplicate Content-Length");
      return false;
    }
    if (value.empty()) {
      fail("empty Content-Length");
      return false;
    }
    if (value.front() == '-') {
      fail("negative Content-Length");
      return false;
    }
    std::uint64_t n = 0;
    for (char c : value) {
      if (c < '0' || c > '9') {
        fail("Content-Length is not a decimal number");
        return false;
      }
      // Stop before the multiplication can wrap: anything past 2^63 is refused alike.
      if (n > (kTwoPow63 - static_cast<unsigned>(c - '0')) / 10) {
        fail("Content-Length beyond 2^63");
        return false;
      }
      n = n * 10 + static_cast<unsigned>(c - '0');
    }
    content_length_ = n;
  } else if (iequals(name, "Content-Type")) {
    std::string why = check_content_type(value);
    if (!why.empty()) {
      fail(std::move(why));
      return false;
    }
  }
  // Other headers are allowed and ignored, as in LSP.
  return true;
}

bool FrameDecoder::finish_headers() {
  if (!content_length_) {
    fail("missing Content-Length");
    return false;
  }
  if (*content_length_ > limits_.max_body) {
    fail("Content-Length " + std::to_string(*content_length_) + " over the " +
         std::to_string(limits_.max_body) + "-byte limit");
    return false;
  }
  body_expected_ = static_cast<std::size_t>(*content_length_);
  line_.clear();
  if (body_expected_ == 0) {
    ready_.emplace_back();
    reset_message();
    return true;
  }
  state_ = State::body;
  // Grow with the bytes that actually arrive: a peer that declares 16 MiB and sends
  // nothing costs nothing.
  body_.reserve(std::min<std::size_t>(body_expected_, 64u << 10));
  return true;
}

std::optional<std::string> FrameDecoder::next_body() {
  if (ready_.empty()) return std::nullopt;
  std::string body = std::move(ready_.front());
  ready_.pop_front();
  return body;
}

std::string encode_frame(std::string_view body) {
  std::string out = "Content-Length: " + std::to_string(body.size()) + "\r\n\r\n";
  out.append(body);
  return out;
}

}  // namespace tl::protocol
