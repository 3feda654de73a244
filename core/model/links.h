// Link latency between nodes: zero, constant, or drawn per packet (exponential, uniform)
// from the sending node's own link stream.
#pragma once
#include "core/config/scenario.h"
#include "sim/random.h"

namespace core {

class LinkModel {
 public:
  explicit LinkModel(const LinkLatency& latency);
  sim::Time draw(sim::RandomStream& sender_stream) const;

 private:
  LatencyDistribution distribution_;
  sim::Time constant_;
  double rate_;             // 1/mean, exponential
  double min_s_, max_s_;    // uniform, seconds
};

}  // namespace core
