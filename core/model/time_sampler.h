// A duration drawn per use from a TimeDistribution: zero, constant, exponential, uniform or
// log-normal (link latencies from the sending node's link stream, service times from the
// node's own, online and offline periods from the client's).
#pragma once
#include "core/config/scenario.h"
#include "sim/random.h"

namespace core {

class TimeSampler {
 public:
  explicit TimeSampler(const TimeDistribution& distribution);
  sim::Time draw(sim::RandomStream& stream) const;
  // What is left of the duration in progress at a random time of a long run of durations
  // drawn one after the other (the renewal process's stationary residual): U times a
  // length-biased draw, U uniform on [0, 1). For exponential durations it is one.
  sim::Time draw_residual(sim::RandomStream& stream) const;

 private:
  LatencyDistribution distribution_;
  double value_s_;          // constant, seconds
  double rate_;             // 1/mean, exponential
  double min_s_, max_s_;    // uniform, seconds
  double log_mean_, sigma_;  // lognormal: the mean and standard deviation of ln(seconds)
};

}  // namespace core
