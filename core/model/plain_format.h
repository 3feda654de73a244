// The crypto-free packet format: the route and per-hop delays travel as plain data, laid
// out like Sphinx routing information (one fixed-size slot per hop, read in order).
#pragma once
#include "core/model/packet_format.h"

namespace core {

// Layout: byte 0 is the index of the next slot to read; bytes 1 to 4 the key epoch the packet
// was built for (little-endian; a node unwrapping it with another epoch's key rejects it as
// Sphinx's MAC would, DropReason::Mac); then max_hops slots of 24 bytes,
// little-endian: flag (1), reserved (3, zero), next address (4), delay ns (8), replay tag (8);
// then the payload: a body of body_size bytes (none unless the network carries reply blocks),
// then a 16-byte check. The check is 16 zero bytes, except that with a body its first 8 hold a
// hash of the body (a weighted sum of its 8-byte words, see plain_format.cpp; little-endian).
// Every hop checks the check's zero half (without a body, all of it), the destination also
// the hash (as Sphinx checks its payload's zero prefix there), so tampering is detected in both
// formats; a hop that finds the check broken turns the payload into all 0xFF bytes, so once
// tagged it stays tagged (under Sphinx two flips of one bit do not cancel either: LIONESS
// scrambles the payload in between). A mix that flips payload bits flips the packet's last
// byte, in the check's zero half: caught at the next hop, as under Sphinx. (Two changes that
// cancel inside a body would pass in this format; no modelled adversary makes them.) Unused
// slots are filled with random bytes. A reply block is the header (slot index, epoch and
// slots) of the reply's packet as `build` writes it; a reply's body is zeros.
class PlainFormat final : public PacketFormat {
 public:
  static constexpr std::size_t kSlotSize = 24;
  static constexpr std::size_t kCheckSize = 16;
  explicit PlainFormat(std::size_t max_hops, std::size_t body_size = 0) : max_hops_(max_hops), body_size_(body_size) {}

  static constexpr std::size_t kSlotsAt = 5;  // after the slot index and the epoch
  using PacketFormat::build;
  using PacketFormat::unwrap;

  std::size_t packet_size() const override { return header_size() + kCheckSize + body_size_; }
  TagLayout tag_layout() const override { return TagLayout::Numbered; }
  void build(const Route& route, std::uint32_t epoch, std::uint64_t number, std::span<std::uint8_t> out,
             sim::RandomStream& rng, std::span<const std::uint8_t> body = {}) const override;
  std::size_t reply_block_size() const override { return header_size(); }
  void build_reply_block(const Route& route, std::uint32_t epoch, std::uint64_t number, std::span<std::uint8_t> block,
                         sim::RandomStream& rng) const override;
  bool build_reply(std::span<const std::uint8_t> block, std::span<std::uint8_t> out, sim::RandomStream& rng,
                   std::span<const std::uint8_t> body = {}) const override;
  std::size_t body_capacity() const override { return body_size_; }
  std::span<const std::uint8_t> body(std::span<const std::uint8_t> packet) const override {
    return packet.subspan(header_size(), body_size_);
  }
  Unwrapped unwrap(NodeId node, std::uint32_t epoch, std::span<std::uint8_t> packet) const override;

 private:
  std::size_t header_size() const { return kSlotsAt + max_hops_ * kSlotSize; }
  void write_header(const Route& route, std::uint32_t epoch, std::uint64_t number, std::span<std::uint8_t> out,
                    sim::RandomStream& rng) const;
  void seal(std::span<std::uint8_t> packet, std::span<const std::uint8_t> body) const;  // the check and the body

  std::size_t max_hops_, body_size_;
};

}  // namespace core
