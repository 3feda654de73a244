// Storage for packets in flight: each slot holds the packet's bytes (fixed size) and its
// ground truth (ids, kind, send time), reused through a free list. A slot's bytes never move
// (they live in blocks allocated once), so worker threads may hold them.
#pragma once
#include <cstdint>
#include <memory>
#include <span>
#include <vector>

#include "core/vocabulary.h"
#include "sim/time.h"

namespace core {

// Ground truth about a packet, for observers and statistics. The model never reads it to
// decide anything: nodes act on the bytes only.
struct PacketTruth {
  std::uint64_t packet = 0;   // unique per packet created
  std::uint64_t message = 0;  // the message it carries (a replayed copy keeps it)
  sim::Time sent = 0;         // when its originator sent it
  NodeId origin = kNoNode;
  TrafficKind kind = TrafficKind::Payload;
};

class PacketPool {
 public:
  using Slot = std::uint32_t;
  explicit PacketPool(std::size_t packet_size) : packet_size_(packet_size) {}

  Slot allocate();
  void release(Slot s);

  PacketTruth& truth(Slot s) { return truth_[s]; }
  const PacketTruth& truth(Slot s) const { return truth_[s]; }
  std::span<std::uint8_t> bytes(Slot s) {
    return {blocks_[s / kBlockSlots].get() + (s % kBlockSlots) * packet_size_, packet_size_};
  }

  std::size_t packet_size() const { return packet_size_; }
  std::size_t live() const { return truth_.size() - free_.size(); }
  std::size_t capacity() const { return truth_.size(); }
  bool is_live(Slot s) const { return s < live_.size() && live_[s]; }
  // Bytes of storage one packet takes (its bytes and its ground truth).
  std::size_t bytes_per_packet() const { return packet_size_ + sizeof(PacketTruth) + 1; }

 private:
  static constexpr std::size_t kBlockSlots = 1024;
  std::size_t packet_size_;
  std::vector<PacketTruth> truth_;
  std::vector<std::unique_ptr<std::uint8_t[]>> blocks_;
  std::vector<std::uint8_t> live_;
  std::vector<Slot> free_;
};

}  // namespace core
