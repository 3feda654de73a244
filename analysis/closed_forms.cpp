#include "analysis/closed_forms.h"

#include <cmath>
#include <limits>

#include "core/config/client_classes.h"

namespace analysis {

int delaying_hops(const core::Scenario& s, core::TrafficKind kind) {
  const int provider = s.provider_delay ? 1 : 0;
  switch (kind) {
    case core::TrafficKind::Payload:
    case core::TrafficKind::Reply:
    case core::TrafficKind::Ack:
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
  const double nan = std::numeric_limits<double>::quiet_NaN();
  if (s.mix_strategy.name != "poisson") return nan;  // the limit is that of exponential delays
  // The clients' three streams, each class's while it is online.
  const double clients = core::ClientClasses(s).total_rate(&core::ClientProfile::payload_rate, &core::ClientProfile::loop_rate,
                                                           &core::ClientProfile::drop_rate);
  const double width = static_cast<double>(s.mixes_per_layer), loops = s.mix_loop_rate;
  double lambda = 0;  // the rate of the messages a target can be confused with as it leaves
  if (s.topology_kind.name == "cascade") {  // its own chain's
    lambda = (clients + (s.layers - 1) * width * loops) / width;
  } else if (s.topology_kind.name == "free_route") {
    // With two hops or more a pool holds messages at different hops, so a target's mass
    // leaves after a number of delays that is not L: the limit is not this form.
    if (s.layers > 1) return nan;
    lambda = clients / width;
  } else {  // stratified: the last layer's
    lambda = s.layers == 1 ? clients / width : clients + (s.layers - 1) * width * loops;
  }
  if (lambda <= 0) return nan;
  return std::log2(lambda) + erlang_entropy_nats(delaying_hops(s, core::TrafficKind::Payload), s.mu) / std::log(2.0);
}

double erlang_c_wait(int c, double lambda, double mu) {
  const double a = lambda / mu;
  if (a >= c) return std::numeric_limits<double>::infinity();
  double term = 1, below = 0;  // a^k / k!, and its sum over k < c
  for (int k = 0; k < c; ++k) {
    below += term;
    term *= a / (k + 1);
  }
  const double tail = term * c / (c - a);  // a^c / c! * c / (c - a)
  return tail / (below + tail) / (c * mu - lambda);
}

double mm1k_blocking(int waiting, double lambda, double mu) {
  const double rho = lambda / mu;
  const int capacity = waiting + 1;
  if (rho == 1) return 1.0 / (capacity + 1);
  return (1 - rho) * std::pow(rho, capacity) / (1 - std::pow(rho, capacity + 1));
}

}  // namespace analysis
