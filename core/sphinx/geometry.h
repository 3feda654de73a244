// Sizes and byte layout of a Sphinx packet: alpha || beta || gamma || delta (see README.md).
#pragma once
#include <cstddef>
#include <cstdint>
#include <span>
#include <stdexcept>
#include <string>

#include "core/model/route.h"
#include "core/sphinx/lioness.h"

namespace core::sphinx {

inline constexpr std::size_t kGroupElementSize = 32;  // alpha: an X25519 u-coordinate
inline constexpr std::size_t kSlotSize = 32;          // one hop's routing information in beta
inline constexpr std::size_t kMacSize = 16;           // gamma: HMAC-SHA256 truncated to 128 bits
inline constexpr std::size_t kPrefixSize = 16;        // the zero prefix of the plaintext payload
inline constexpr std::size_t kDefaultPayloadSize = 1024;

// The four parts of one packet, viewed in place.
struct PacketView {
  std::span<std::uint8_t> alpha;  // the hop's group element
  std::span<std::uint8_t> beta;   // the encrypted routing information, max_hops slots
  std::span<std::uint8_t> gamma;  // the MAC of alpha || beta
  std::span<std::uint8_t> delta;  // the payload under LIONESS
};

class Geometry {
 public:
  // Throws std::invalid_argument unless 1 <= max_hops <= core::kMaxHops and the payload holds
  // a LIONESS block (at least kLionessMinBlock bytes).
  Geometry(std::size_t max_hops, std::size_t payload_size) : max_hops_(max_hops), payload_size_(payload_size) {
    if (max_hops < 1 || max_hops > kMaxHops) throw std::invalid_argument("sphinx: max_hops must be in [1, " + std::to_string(kMaxHops) + "]");
    if (payload_size < kLionessMinBlock) throw std::invalid_argument("sphinx: payload_size must be at least " + std::to_string(kLionessMinBlock) + " bytes");
  }

  std::size_t max_hops() const { return max_hops_; }
  std::size_t payload_size() const { return payload_size_; }
  std::size_t beta_size() const { return max_hops_ * kSlotSize; }
  std::size_t header_size() const { return kGroupElementSize + beta_size() + kMacSize; }
  std::size_t packet_size() const { return header_size() + payload_size_; }

  // `packet` must be packet_size() bytes.
  PacketView view(std::span<std::uint8_t> packet) const {
    PacketView p = view_header(packet);
    p.delta = packet.subspan(header_size());
    return p;
  }
  // The header's parts of `bytes` (at least header_size()); delta is empty.
  PacketView view_header(std::span<std::uint8_t> bytes) const {
    return {bytes.subspan(0, kGroupElementSize), bytes.subspan(kGroupElementSize, beta_size()),
            bytes.subspan(kGroupElementSize + beta_size(), kMacSize), {}};
  }

 private:
  std::size_t max_hops_;
  std::size_t payload_size_;
};

static_assert(kPrefixSize <= kLionessMinBlock);

// A reply block: the header, the hop count (1 byte), then max_hops LIONESS key sets (the
// unused ones zero).
inline std::size_t reply_block_size(const Geometry& g) { return g.header_size() + 1 + g.max_hops() * kLionessKeySize; }

}  // namespace core::sphinx
