// A log-linear histogram of nanosecond durations (relative resolution 1/512, bounded memory)
// with the exact count, mean and standard deviation, for latency percentiles.
#pragma once
#include <cmath>
#include <cstdint>
#include <vector>

namespace analysis {

class LatencyHistogram {
 public:
  void add(std::int64_t ns);

  std::uint64_t count() const { return count_; }
  double mean_seconds() const { return count_ ? sum_ / static_cast<double>(count_) * 1e-9 : 0.0; }
  double sd_seconds() const;
  double min_seconds() const { return count_ ? static_cast<double>(min_) * 1e-9 : 0.0; }
  double max_seconds() const { return count_ ? static_cast<double>(max_) * 1e-9 : 0.0; }
  // The q-quantile (0 <= q <= 1) in seconds, to within the bucket resolution.
  double quantile_seconds(double q) const;

  // Calls f(low_ns, high_ns, count) for every non-empty bucket, in increasing order.
  template <class F>
  void for_each_bucket(F&& f) const {
    for (std::size_t b = 0; b < buckets_.size(); ++b)
      if (buckets_[b]) f(bucket_low(b), bucket_high(b), buckets_[b]);
  }

  // Bucket layout: values below 1024 ns have a bucket each; above, each power of two is
  // split into 512 equal buckets.
  static std::size_t bucket_of(std::uint64_t ns);
  static std::uint64_t bucket_low(std::size_t bucket);
  static std::uint64_t bucket_high(std::size_t bucket);  // exclusive

 private:
  std::vector<std::uint64_t> buckets_;
  std::uint64_t count_ = 0;
  double sum_ = 0, sum_sq_ = 0;
  std::int64_t min_ = 0, max_ = 0;
};

}  // namespace analysis
