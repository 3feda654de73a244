// The network bench_network and bench_model_variants measure: 4 providers, 3 layers of 3
// mixes, 1,000 clients at the paper's rates (every stream 1/s, workload 0.5/s, mu 2/s),
// 200 simulated seconds from time 0, zero link latency, without cryptography (the kernel and
// model alone; bench_crypto_modes measures Sphinx).
#pragma once
#include "core/config/scenario.h"

namespace bench {

inline core::Scenario network_scenario() {
  core::Scenario s;
  s.name = "bench-3x3-1000";
  s.horizon = 200.0;
  s.warmup = 0.0;
  s.providers = 4;
  s.layers = 3;
  s.mixes_per_layer = 3;
  s.clients = 1000;
  s.payload_rate = s.loop_rate = s.drop_rate = s.mix_loop_rate = 1.0;
  s.workload_rate = 0.5;
  s.mu = 2.0;
  s.pull_period = 1.0;
  s.pull_messages = 4;
  s.crypto = core::CryptoMode::None;
  return s;
}

}  // namespace bench
