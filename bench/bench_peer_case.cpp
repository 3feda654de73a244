// The reference case of the Python mixnet simulators (scenarios/cases/peer_case.json: 3 x 3
// mixes, 1/mu = 0.1 s, each client sending its real messages at once as one Poisson stream of
// 1/s, no cover, no pulls, 123 simulated s, by default 10,000 clients): wall time and peak resident memory of the run with message-level
// anonymity over 100 targets, without anonymity, and with sender-level anonymity at
// sample 0.01, each in a child process of its own (so each peak is its own), in one run of
// this program. `bench_peer_case CLIENTS HORIZON` changes the size (e.g. 1000000 60).
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <string>

#include "analysis/metrics.h"
#include "bench/child_process.h"
#include "core/model/network.h"

namespace {

struct Figures {
  double wall = 0;               // s, the run and the metrics' finish
  double entropy_bits = 0;       // mean message-level entropy over complete targets, or sender level
  unsigned long long events = 0;  // kernel events
  unsigned long long hops = 0;    // hop records
  unsigned long long mix_hops = 0;
  unsigned long long peak_pending = 0;
  long max_rss_kib = 0;           // filled by the parent
};

struct MixHops final : core::Observer {
  const core::Topology* topology;
  unsigned long long arrivals = 0;
  void on_hop(const core::HopRecord& r) override {
    arrivals += r.event == core::HopEvent::Arrive && topology->role(r.node) == core::Role::Mix;
  }
};

Figures simulate(const core::Scenario& s) {
  core::ObserverList observers;
  core::Network network(s, observers);
  analysis::Metrics metrics(s, network.topology());
  MixHops mix_hops;
  mix_hops.topology = &network.topology();
  observers.add(metrics);
  observers.add(mix_hops);
  const auto start = std::chrono::steady_clock::now();
  network.run();
  metrics.finish();
  Figures f;
  f.wall = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  f.events = network.simulator().events_processed();
  f.hops = metrics.summary().events();
  f.mix_hops = mix_hops.arrivals;
  if (const analysis::MessageAnonymity* m = metrics.message_anonymity()) {
    double sum = 0;
    int n = 0;
    for (const analysis::MessageTarget& t : m->targets())
      if (t.complete()) sum += t.entropy_bits, ++n;
    f.entropy_bits = n ? sum / n : 0;
  } else if (const analysis::SenderAnonymity* a = metrics.sender_anonymity()) {
    double sum = 0;
    for (const analysis::DeliveredTarget& d : a->delivered()) sum += d.entropy_bits;
    f.entropy_bits = a->delivered().empty() ? 0 : sum / static_cast<double>(a->delivered().size());
  }
  return f;
}

// Runs `simulate` in a child process: its peak resident memory is its own.
Figures in_child(const core::Scenario& s) {
  const bench::InChild<Figures> run = bench::in_child([&] { return simulate(s); });
  Figures f = run.result;
  f.max_rss_kib = run.max_rss_kib;
  return f;
}

void print(const char* name, const Figures& f, const Figures& off) {
  std::printf("%-34s %8.2f %7.2f %9.0f %10.1f %9.3f %12.3f\n", name, f.wall, f.wall / off.wall, f.max_rss_kib / 1024.0,
              f.events / f.wall / 1e6, f.mix_hops / f.wall / 1e6, f.entropy_bits);
}

}  // namespace

int main(int argc, char** argv) {
  core::Scenario s = core::load_scenario(LOOPIX_SOURCE_DIR "/scenarios/cases/peer_case.json");
  if (argc > 1) s.clients = std::atoi(argv[1]);
  if (argc > 2) s.horizon = std::atof(argv[2]);
  core::Scenario off = s, sender = s;
  off.anonymity_sample = 0;
  sender.anonymity_levels = {false, true};
  sender.anonymity_sample = 0.01;
  sender.anonymity_targets = 0;

  std::printf("%d clients, %.0f simulated s, 3 x 3 mixes, crypto none; each run in its own child process\n", s.clients,
              s.horizon);
  std::printf("%-34s %8s %7s %9s %10s %9s %12s\n", "run", "wall s", "/ off", "RSS MiB", "Mevents/s", "Mhops/s",
              "mean bits");
  const Figures base = in_child(off);
  print("anonymity off", base, base);
  const Figures on = in_child(s);
  print("message level, 100 targets", on, base);
  const Figures sampled = in_child(sender);
  print("sender level, sample 0.01", sampled, base);
  std::printf("kernel events %llu, hop records %llu, mix hops %llu; %.0f bytes of peak RSS per client\n", base.events,
              base.hops, base.mix_hops, base.max_rss_kib * 1024.0 / s.clients);
  return 0;
}
