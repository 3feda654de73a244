#include "core/model/packet_pool.h"

namespace core {

PacketPool::Slot PacketPool::allocate() {
  Slot s;
  if (!free_.empty()) {
    s = free_.back();
    free_.pop_back();
  } else {
    s = static_cast<Slot>(truth_.size());
    truth_.emplace_back();
    live_.push_back(0);
    if (s % kBlockSlots == 0) blocks_.push_back(std::make_unique<std::uint8_t[]>(kBlockSlots * packet_size_));
  }
  live_[s] = 1;
  return s;
}

void PacketPool::release(Slot s) {
  live_[s] = 0;
  free_.push_back(s);
}

}  // namespace core
