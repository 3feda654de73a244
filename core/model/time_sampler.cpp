#include "core/model/time_sampler.h"

#include <cmath>

namespace core {

TimeSampler::TimeSampler(const TimeDistribution& d)
    : distribution_(d.distribution), value_s_(d.value), rate_(d.mean > 0 ? 1.0 / d.mean : 0.0), min_s_(d.min),
      max_s_(d.max), log_mean_(d.mean > 0 ? std::log(d.mean) - d.sigma * d.sigma / 2 : 0.0), sigma_(d.sigma) {}

sim::Time TimeSampler::draw(sim::RandomStream& stream) const {
  switch (distribution_) {
    case LatencyDistribution::Zero: return 0;
    case LatencyDistribution::Constant: return sim::from_seconds(value_s_);
    case LatencyDistribution::Exponential: return stream.exponential(rate_);
    case LatencyDistribution::Uniform: return sim::from_seconds(stream.uniform(min_s_, max_s_));
    case LatencyDistribution::Lognormal: return sim::from_seconds(std::exp(log_mean_ + sigma_ * stream.normal()));
  }
  return 0;
}

// A length-biased draw has density x f(x) / E[X]: Gamma(2, rate) for the exponential, a
// log-normal with its log-mean raised by sigma^2 for the log-normal, sqrt(a^2 + u (b^2 - a^2))
// for the uniform on [a, b], the value itself for a constant.
sim::Time TimeSampler::draw_residual(sim::RandomStream& stream) const {
  switch (distribution_) {
    case LatencyDistribution::Zero: return 0;
    case LatencyDistribution::Constant: return sim::from_seconds(stream.uniform01() * value_s_);
    case LatencyDistribution::Exponential: return stream.exponential(rate_);
    case LatencyDistribution::Uniform: {
      const double u = stream.uniform01();
      const double biased = std::sqrt(min_s_ * min_s_ + u * (max_s_ * max_s_ - min_s_ * min_s_));
      return sim::from_seconds(stream.uniform01() * biased);
    }
    case LatencyDistribution::Lognormal: {
      const double biased = std::exp(log_mean_ + sigma_ * sigma_ + sigma_ * stream.normal());
      return sim::from_seconds(stream.uniform01() * biased);
    }
  }
  return 0;
}

}  // namespace core
