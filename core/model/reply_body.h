// The payload body of a real message that carries a reply block (/replies/...): a marker, the
// kind of answer its sender asks for (0: a reply message, 1: an acknowledgement), then the
// block (PacketFormat::build_reply_block). Any other body carries none: a Sphinx body is
// random bytes (a false marker has probability 2^-64), a crypto-free one zeros.
#pragma once
#include <algorithm>
#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>

namespace core {

inline constexpr std::array<std::uint8_t, 8> kReplyMarker = {'r', 'e', 'p', 'l', 'y', 'b', 'l', 'k'};
inline constexpr std::size_t kReplyBodyHeader = kReplyMarker.size() + 1;

struct ReplyRequest {
  bool ack;
  std::span<const std::uint8_t> block;
};

// The body (kReplyBodyHeader + the block's bytes) for a block of `block_size` bytes, whose
// bytes the caller then writes into the returned span.
inline std::span<std::uint8_t> write_reply_body(std::span<std::uint8_t> body, bool ack, std::size_t block_size) {
  std::copy(kReplyMarker.begin(), kReplyMarker.end(), body.begin());
  body[kReplyMarker.size()] = ack ? 1 : 0;
  return body.subspan(kReplyBodyHeader, block_size);
}

// The request a fetched body carries, if any.
inline std::optional<ReplyRequest> read_reply_body(std::span<const std::uint8_t> body, std::size_t block_size) {
  if (body.size() < kReplyBodyHeader + block_size || !std::equal(kReplyMarker.begin(), kReplyMarker.end(), body.begin()) ||
      body[kReplyMarker.size()] > 1)
    return std::nullopt;
  return ReplyRequest{body[kReplyMarker.size()] == 1, body.subspan(kReplyBodyHeader, block_size)};
}

}  // namespace core
