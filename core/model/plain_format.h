// The crypto-free packet format: the route and per-hop delays travel as plain data, laid
// out like Sphinx routing information (one fixed-size slot per hop, read in order).
#pragma once
#include "core/model/packet_format.h"

namespace core {

// Layout: byte 0 is the index of the next slot to read; bytes 1 to 4 the key epoch the packet
// was built for (little-endian; a node unwrapping it with another epoch's key rejects it as
// Sphinx's MAC would, DropReason::Mac); then max_hops slots of 24 bytes,
// little-endian: flag (1), reserved (3, zero), next address (4), delay ns (8), replay tag (8);
// then a 16-byte payload of zeros, checked at the destination (as Sphinx checks its payload's
// zero prefix), so tampering is detected in both formats; every hop turns a payload that is not
// all zeros into all 0xFF bytes, so once tagged it stays tagged (under Sphinx two flips of one
// bit do not cancel either: LIONESS scrambles the payload in between). Unused slots are filled with random
// bytes. The replay tag of hop h is (h << 56) | the packet's number (its low 56 bits): unique
// per packet and hop as Sphinx's (derived from the shared secret) are, and numbered, so that
// a node's tags fall in a few short ranges (core/model/tag_bitmap.h).
class PlainFormat final : public PacketFormat {
 public:
  static constexpr std::size_t kSlotSize = 24;
  static constexpr std::size_t kPayloadSize = 16;
  explicit PlainFormat(std::size_t max_hops) : max_hops_(max_hops) {}

  static constexpr std::size_t kSlotsAt = 5;  // after the slot index and the epoch
  using PacketFormat::build;
  using PacketFormat::unwrap;

  std::size_t packet_size() const override { return kSlotsAt + max_hops_ * kSlotSize + kPayloadSize; }
  TagLayout tag_layout() const override { return TagLayout::Numbered; }
  void build(const Route& route, std::uint32_t epoch, std::uint64_t number, std::span<std::uint8_t> out,
             sim::RandomStream& rng) const override;
  Unwrapped unwrap(NodeId node, std::uint32_t epoch, std::span<std::uint8_t> packet) const override;

 private:
  std::size_t max_hops_;
};

}  // namespace core
