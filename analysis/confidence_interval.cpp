#include "analysis/confidence_interval.h"

#include <boost/math/distributions/students_t.hpp>
#include <cmath>

#include "analysis/sample_summary.h"

namespace analysis {

MeanInterval mean_interval(const std::vector<double>& values, double level) {
  const SampleSummary s = summarize(values);
  MeanInterval m{s.count, s.mean, s.sd, s.sd, s.sd};  // NaN where sd is
  if (s.count < 2) return m;
  const boost::math::students_t t(static_cast<double>(s.count - 1));
  const double half = boost::math::quantile(t, 1 - (1 - level) / 2) * s.sd / std::sqrt(static_cast<double>(s.count));
  m.low = s.mean - half;
  m.high = s.mean + half;
  return m;
}

}  // namespace analysis
