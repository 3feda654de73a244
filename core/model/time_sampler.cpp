#include "core/model/time_sampler.h"

namespace core {

TimeSampler::TimeSampler(const TimeDistribution& l)
    : distribution_(l.distribution), constant_(sim::from_seconds(l.value)),
      rate_(l.mean > 0 ? 1.0 / l.mean : 0.0), min_s_(l.min), max_s_(l.max) {}

sim::Time TimeSampler::draw(sim::RandomStream& stream) const {
  switch (distribution_) {
    case LatencyDistribution::Zero: return 0;
    case LatencyDistribution::Constant: return constant_;
    case LatencyDistribution::Exponential: return stream.exponential(rate_);
    case LatencyDistribution::Uniform: return sim::from_seconds(stream.uniform(min_s_, max_s_));
  }
  return 0;
}

}  // namespace core
