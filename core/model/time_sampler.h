// A duration drawn per use from a TimeDistribution: zero, constant, exponential or uniform
// (link latencies from the sending node's link stream, service times from the node's own).
#pragma once
#include "core/config/scenario.h"
#include "sim/random.h"

namespace core {

class TimeSampler {
 public:
  explicit TimeSampler(const TimeDistribution& distribution);
  sim::Time draw(sim::RandomStream& sender_stream) const;

 private:
  LatencyDistribution distribution_;
  sim::Time constant_;
  double rate_;             // 1/mean, exponential
  double min_s_, max_s_;    // uniform, seconds
};

}  // namespace core
