// A simulated Loopix network: the topology's clients, providers and mixes on one
// discrete-event kernel, reporting every hop event to an observer.
#pragma once
#include <memory>
#include <span>

#include "core/model/clients.h"
#include "core/model/context.h"
#include "core/model/mix/mixes.h"
#include "core/model/plain_format.h"
#include "core/model/providers.h"
#include "core/model/topology/route_builder.h"
#include "sim/progress.h"

namespace core {

class Network {
 public:
  // `threads` > 1 runs Sphinx work on worker threads too; the run is the same whatever it is.
  Network(const Scenario& scenario, Observer& observer, int threads = 1);

  // Runs from time 0 to the scenario's horizon, then drains: only packets in flight go on,
  // until none is left or the drain's end (horizon + drain) comes.
  void run(sim::ProgressReporter* progress = nullptr);
  // How long the drain ran: to its last event, at most /run/drain; 0 without a drain.
  sim::Time drained() const;
  // The kernel's dispatch: every event goes to the clients, providers or mixes it targets.
  void handle(const sim::Event& e);

  // An adversary's packet: a copy of `bytes` arrives at `to` from `from` now, as a new
  // packet carrying `message` (a replay keeps the original's message id).
  void inject(NodeId from, NodeId to, std::span<const std::uint8_t> bytes, TrafficKind kind, std::uint64_t message);

  const Scenario& scenario() const { return scenario_; }
  const Topology& topology() const { return topology_; }
  const sim::Simulator& simulator() const { return sim_; }
  sim::Simulator& simulator() { return sim_; }
  const PacketFormat& format() const { return *format_; }
  const Mixes& mixes() const { return mixes_; }
  const Providers& providers() const { return providers_; }
  const Clients& clients() const { return clients_; }
  const PacketPool& pool() const { return ctx_.pool; }

  // Packets created and not yet delivered nor dropped (those stored in an inbox are delivered).
  std::vector<std::uint64_t> packets_in_flight() const;

 private:
  Scenario scenario_;
  Topology topology_;
  sim::Simulator sim_;
  std::unique_ptr<PacketFormat> format_;
  Context ctx_;
  RouteBuilder routes_;
  Clients clients_;
  Providers providers_;
  Mixes mixes_;
  bool started_ = false;
};

}  // namespace core
