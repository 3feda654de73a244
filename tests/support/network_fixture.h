// Helpers for tests that run a whole network: a small scenario and an observer that keeps
// every hop record.
#pragma once
#include <catch2/catch.hpp>
#include <vector>

#include "core/model/network.h"

namespace test_support {

// 2 providers, 2 layers of 2 mixes, 10 clients, zero link latency, 60 s with 10 s warm-up,
// without cryptography (tests/test_crypto_modes.cpp shows the Sphinx mode gives the same run).
inline core::Scenario small_scenario(std::uint64_t seed = 1) {
  core::Scenario s;
  s.crypto = core::CryptoMode::None;
  s.name = "test";
  s.seed = seed;
  s.horizon = 60;
  s.warmup = 10;
  s.providers = 2;
  s.layers = 2;
  s.mixes_per_layer = 2;
  s.clients = 10;
  s.payload_rate = 2;
  s.loop_rate = 1;
  s.drop_rate = 1;
  s.mix_loop_rate = 1;
  s.workload_rate = 1;
  s.mu = 5;
  s.pull_period = 1;
  s.pull_messages = 3;
  return s;
}

// One provider and one mix, fed by 20 clients at 2 packets/s each (payload-or-drop and loops,
// all through the mix): lambda = 40/s into the mix, no mix loops, delays Exp(mu).
inline core::Scenario single_mix_scenario(std::uint64_t seed, double mu) {
  core::Scenario s = small_scenario(seed);
  s.providers = 1;
  s.layers = 1;
  s.mixes_per_layer = 1;
  s.clients = 20;
  s.payload_rate = 1;
  s.loop_rate = 1;
  s.drop_rate = 0;
  s.workload_rate = 0;
  s.mix_loop_rate = 0;
  s.mu = mu;
  return s;
}

struct Recorder final : core::Observer {
  std::vector<core::HopRecord> records;
  void on_hop(const core::HopRecord& r) override { records.push_back(r); }
};

// A run of a scenario with every record kept and an analysis (built from the scenario and its
// topology) watching it.
template <typename Analysis>
struct RecordedRun {
  Recorder records;
  Analysis analysis;
  RecordedRun(const core::Scenario& s, const core::Topology& t) : analysis(s, t) {
    core::ObserverList both;
    both.add(records);
    both.add(analysis);
    core::Network net(s, both);
    net.run();
  }
};

// Whether two records are the same in every field.
inline bool same(const core::HopRecord& a, const core::HopRecord& b) {
  return a.time == b.time && a.sent == b.sent && a.packet == b.packet && a.message == b.message &&
         a.node == b.node && a.peer == b.peer && a.event == b.event && a.kind == b.kind && a.reason == b.reason;
}

// Two runs' records, equal record by record (for the crypto-mode and determinism tests).
inline void require_same_records(const std::vector<core::HopRecord>& a, const std::vector<core::HopRecord>& b) {
  REQUIRE(a.size() == b.size());
  for (std::size_t i = 0; i < a.size(); ++i) {
    INFO("record " << i);
    REQUIRE(same(a[i], b[i]));
  }
}

inline std::vector<core::HopRecord> run_and_record(const core::Scenario& s) {
  Recorder rec;
  core::Network net(s, rec);
  net.run();
  return rec.records;
}

}  // namespace test_support
