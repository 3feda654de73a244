// The run's headline figures, gathered online as an observer: per traffic kind the packets
// sent after the warm-up and what became of them (delivered, dropped by reason, in flight)
// with their latency, the drain included; per node the hop events from the warm-up to the
// horizon.
#pragma once
#include <array>
#include <cstdint>
#include <vector>

#include "analysis/latency_histogram.h"
#include "core/observer.h"

namespace analysis {

struct KindFigures {
  std::uint64_t created = 0;    // Create events (real messages) at or after the warm-up
  std::uint64_t sent = 0;       // Send events of packets sent at or after the warm-up
  std::uint64_t delivered = 0;  // of those, Deliver events
  std::uint64_t fetched = 0;    // of those, Fetch events (a client took it from its inbox)
  std::array<std::uint64_t, core::kDropReasons> dropped{};  // of those, Drop events by reason
  LatencyHistogram latency;     // delivery time - send time, of the delivered
  LatencyHistogram fetch_latency;  // fetch time - send time, of the fetched

  std::uint64_t dropped_total() const;
  // Sent and neither delivered nor dropped by the end of the run (the horizon, or the drain's end).
  std::uint64_t in_flight() const { return sent - delivered - dropped_total(); }
};

struct NodeFigures {  // hop events at a node from the warm-up to the horizon
  std::uint64_t sent = 0, arrived = 0, departed = 0, delivered = 0, fetched = 0, dropped = 0;
};

class RunSummary final : public core::Observer {
 public:
  RunSummary(std::uint32_t nodes, sim::Time warmup, sim::Time horizon)
      : nodes_(nodes), warmup_(warmup), horizon_(horizon) {}
  void on_hop(const core::HopRecord& r) override;

  const KindFigures& kind(core::TrafficKind k) const { return kinds_[static_cast<std::size_t>(k)]; }
  const NodeFigures& node(core::NodeId n) const { return nodes_[n]; }
  std::uint64_t events() const { return events_; }

 private:
  std::array<KindFigures, core::kTrafficKinds> kinds_;
  std::vector<NodeFigures> nodes_;
  sim::Time warmup_, horizon_;
  std::uint64_t events_ = 0;
};

}  // namespace analysis
