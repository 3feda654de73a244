#include "analysis/latency_histogram.h"

#include <algorithm>
#include <bit>

namespace analysis {

namespace {
constexpr int kSubBits = 10;  // 2^10 values before the first split
constexpr std::uint64_t kHalf = 1u << (kSubBits - 1);
}  // namespace

std::size_t LatencyHistogram::bucket_of(std::uint64_t v) {
  if (v < (1u << kSubBits)) return static_cast<std::size_t>(v);
  int shift = std::bit_width(v) - kSubBits;  // >= 1
  return static_cast<std::size_t>(static_cast<std::uint64_t>(shift) * kHalf + (v >> shift));
}

std::uint64_t LatencyHistogram::bucket_low(std::size_t b) {
  if (b < (1u << kSubBits)) return b;
  std::uint64_t shift = (b - kHalf) / kHalf;
  std::uint64_t sub = b - shift * kHalf;
  return sub << shift;
}

std::uint64_t LatencyHistogram::bucket_high(std::size_t b) {
  if (b < (1u << kSubBits)) return b + 1;
  std::uint64_t shift = (b - kHalf) / kHalf;
  return bucket_low(b) + (std::uint64_t{1} << shift);
}

void LatencyHistogram::add(std::int64_t ns) {
  if (ns < 0) ns = 0;
  std::size_t b = bucket_of(static_cast<std::uint64_t>(ns));
  if (b >= buckets_.size()) buckets_.resize(b + 1, 0);
  ++buckets_[b];
  min_ = count_ ? std::min(min_, ns) : ns;
  max_ = count_ ? std::max(max_, ns) : ns;
  ++count_;
  const double x = static_cast<double>(ns);
  sum_ += x;
  sum_sq_ += x * x;
}

double LatencyHistogram::sd_seconds() const {
  if (count_ < 2) return 0.0;
  const double n = static_cast<double>(count_);
  const double var = (sum_sq_ - sum_ * sum_ / n) / (n - 1);
  return var > 0 ? std::sqrt(var) * 1e-9 : 0.0;
}

double LatencyHistogram::quantile_seconds(double q) const {
  if (count_ == 0) return 0.0;
  // The smallest value with at least ceil(q * n) observations at or below it.
  auto rank = static_cast<std::uint64_t>(std::ceil(std::clamp(q, 0.0, 1.0) * static_cast<double>(count_)));
  rank = std::max<std::uint64_t>(rank, 1);
  std::uint64_t seen = 0;
  for (std::size_t b = 0; b < buckets_.size(); ++b) {
    seen += buckets_[b];
    if (seen >= rank) {
      // Midpoint of the bucket, clamped to the observed range.
      double mid = 0.5 * static_cast<double>(bucket_low(b) + bucket_high(b) - 1);
      return std::clamp(mid, static_cast<double>(min_), static_cast<double>(max_)) * 1e-9;
    }
  }
  return max_seconds();
}

}  // namespace analysis
