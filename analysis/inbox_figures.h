// What the clients' inboxes at their providers do: how long real messages wait there
// (deposit at the egress provider to its pull answer), how many arrive while their recipient
// is offline (its periods replayed from the scenario, core/model/online_model.h), and how many
// messages each provider stores over time. A message's latency to its fetch is its network
// latency (send to deposit, the kinds' `latency_s`) plus this wait.
#pragma once
#include <cstdint>
#include <unordered_map>
#include <vector>

#include "analysis/latency_histogram.h"
#include "analysis/pool_gauge.h"
#include "core/config/client_classes.h"
#include "core/model/online_model.h"
#include "core/model/topology/topology.h"
#include "core/observer.h"

namespace analysis {

class InboxFigures final : public core::Observer {
 public:
  InboxFigures(const core::Scenario& scenario, const core::Topology& topology);
  // Payload messages sent at or after the warm-up are the cohort of the waits; storage counts
  // every message an inbox holds, from the warm-up to the horizon (records after it are
  // ignored; finish() closes the gauges there).
  void on_hop(const core::HopRecord& r) override;
  void finish();

  const LatencyHistogram& wait() const { return wait_; }                  // every cohort message pulled
  const LatencyHistogram& wait_offline() const { return wait_offline_; }  // deposited while its recipient was offline
  std::uint64_t deposited() const { return deposited_; }                  // cohort messages deposited
  std::uint64_t deposited_offline() const { return deposited_offline_; }
  const std::vector<PoolGauge>& stored() const { return stored_; }        // per provider: messages in its inboxes

 private:
  struct Deposit {
    sim::Time time;
    bool offline;
  };
  bool offline(core::NodeId client, sim::Time t);

  const core::Topology& topology_;
  core::ClientClasses classes_;
  std::vector<core::OnlineModel> models_;    // per class
  std::vector<core::OnlineState> online_;    // per client, replayed as the records go
  std::uint64_t seed_;
  sim::Time warmup_, horizon_;
  std::unordered_map<std::uint64_t, Deposit> waiting_;  // cohort messages in an inbox, by packet
  LatencyHistogram wait_, wait_offline_;
  std::uint64_t deposited_ = 0, deposited_offline_ = 0;
  std::vector<PoolGauge> stored_;
};

}  // namespace analysis
