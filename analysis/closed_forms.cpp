#include "analysis/closed_forms.h"

#include <cmath>
#include <limits>

namespace analysis {

int delaying_hops(const core::Scenario& s, core::TrafficKind kind) {
  const int provider = s.provider_delay ? 1 : 0;
  switch (kind) {
    case core::TrafficKind::Payload:
    case core::TrafficKind::Loop: return s.layers + provider;
    case core::TrafficKind::MixLoop: return s.layers - 1 + provider;
    default: return 0;
  }
}

double erlang_entropy_nats(int k, double mu) {
  double psi = -0.57721566490153286;  // psi(1) = -gamma; psi(k) = psi(1) + sum_{j<k} 1/j
  for (int j = 1; j < k; ++j) psi += 1.0 / j;
  return (1 - k) * psi + std::lgamma(k) - std::log(mu) + k;
}

double message_anonymity_limit_bits(const core::Scenario& s) {
  const double clients = static_cast<double>(s.clients) * (s.payload_rate + s.loop_rate + s.drop_rate);
  const double mixes = static_cast<double>(s.mixes_per_layer);
  const double lambda = s.layers == 1 ? clients / mixes : clients + (s.layers - 1) * mixes * s.mix_loop_rate;
  if (lambda <= 0) return std::numeric_limits<double>::quiet_NaN();
  return std::log2(lambda) + erlang_entropy_nats(delaying_hops(s, core::TrafficKind::Payload), s.mu) / std::log(2.0);
}

}  // namespace analysis
