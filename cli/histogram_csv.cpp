#include "cli/histogram_csv.h"

#include "analysis/closed_forms.h"

#include <algorithm>
#include <boost/math/distributions/gamma.hpp>
#include <boost/math/distributions/poisson.hpp>
#include <cmath>
#include <cstdio>
#include <vector>

namespace cli {

namespace {

constexpr int kLatencyBins = 50;

}  // namespace

void write_latency_csv(std::ostream& out, const analysis::Metrics& m) {
  const core::Scenario& s = m.scenario();
  out << "kind,bin_low_s,bin_high_s,packets,gamma_packets\n";
  char line[192];
  for (int k = 0; k < core::kTrafficKinds; ++k) {
    const auto kind = static_cast<core::TrafficKind>(k);
    const analysis::LatencyHistogram& h = m.summary().kind(kind).latency;
    const double top = h.quantile_seconds(0.999);
    if (h.count() == 0 || top <= 0) continue;
    const double width = top / kLatencyBins;
    std::vector<std::uint64_t> counts(kLatencyBins, 0);
    h.for_each_bucket([&](std::uint64_t low, std::uint64_t high, std::uint64_t n) {
      const double mid = 0.5 * static_cast<double>(low + high - 1) * 1e-9;
      const auto bin = static_cast<std::size_t>(mid / width);
      if (bin < counts.size()) counts[bin] += n;
    });
    const int hops = analysis::delaying_hops(s, kind);
    const double total = static_cast<double>(h.count());
    for (int b = 0; b < kLatencyBins; ++b) {
      const double lo = b * width, hi = (b + 1) * width;
      std::snprintf(line, sizeof line, "%s,%.9g,%.9g,%llu,", std::string(core::name(kind)).c_str(), lo, hi,
                    static_cast<unsigned long long>(counts[b]));
      out << line;
      if (hops > 0) {
        boost::math::gamma_distribution<double> gamma(hops, 1.0 / s.mu);
        std::snprintf(line, sizeof line, "%.9g", total * (boost::math::cdf(gamma, hi) - boost::math::cdf(gamma, lo)));
        out << line;
      }
      out << '\n';
    }
  }
}

double mix_lambda(const analysis::Metrics& m, core::NodeId mix) {
  const double observed = m.scenario().horizon - m.scenario().warmup;
  return observed > 0 ? static_cast<double>(m.summary().node(mix).departed) / observed : 0.0;
}

void write_pool_csv(std::ostream& out, const analysis::Metrics& m) {
  const core::Topology& t = m.topology();
  out << "node,layer,position,pool_packets,time_fraction,poisson_fraction\n";
  char line[160];
  for (int l = 0; l < t.layers(); ++l)
    for (int w = 0; w < t.mixes_per_layer(); ++w) {
      const core::NodeId mix = t.mix(l, w);
      const analysis::PoolGauge& g = m.pools().mix(t.index(mix));
      const double rho = mix_lambda(m, mix) / m.scenario().mu;
      // Up to the largest size seen, and far enough into Poisson(rho)'s tail.
      const auto last = std::max<std::size_t>(g.largest(), static_cast<std::size_t>(rho + 5 * std::sqrt(rho) + 1));
      for (std::size_t n = 0; n <= last; ++n) {
        const double poisson = rho > 0 ? boost::math::pdf(boost::math::poisson_distribution<double>(rho), static_cast<double>(n))
                                       : (n == 0 ? 1.0 : 0.0);
        std::snprintf(line, sizeof line, "%u,%d,%d,%zu,%.9g,%.9g\n", mix, l, w, n, g.fraction_at(n), poisson);
        out << line;
      }
    }
}

}  // namespace cli
