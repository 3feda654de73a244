// Hand-built hop records for the analysis tests that feed an observer a known sequence.
#pragma once
#include "core/observer.h"

namespace test_support {

// A record at `seconds`; its message id is the packet's unless given. Kind Payload, no reason.
inline core::HopRecord record(double seconds, std::uint64_t packet, core::NodeId node, core::HopEvent event,
                              core::NodeId peer = core::kNoNode, std::uint64_t message = 0) {
  core::HopRecord r;
  r.time = sim::from_seconds(seconds);
  r.packet = packet;
  r.message = message ? message : packet;
  r.node = node;
  r.peer = peer;
  r.event = event;
  return r;
}

}  // namespace test_support
