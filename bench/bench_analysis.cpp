// Per-record cost of the run's metrics (analysis::Metrics) on a 3x3 network with 100 and
// with 1000 clients: the network runs once, its hop records are stored, and the metrics are
// fed those records again and again, without the simulation. Four observers take turns over
// the same records, round after round, starting with a different one each round: a baseline
// that only counts records by event (the virtual call and the loop), the figures every run
// has (RunSummary, MixEntropyObserver, PoolOccupancy), those plus sender anonymity (a label
// per client and mix), and those plus unlinkability (labels S0 and S1), those plus the
// adversary's unobservability tests (a GPA, every client observed), those plus loop-based
// detection (every mix and client), those plus the disclosure attack by corrupt providers
// on 10 targets, and those plus the (n-1) attacker watching one mix for 10 targets. Each is reported as a ratio to the baseline of its own
// round, and the others also to the second, the median over rounds.
#include <algorithm>
#include <array>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <memory>
#include <vector>

#include "analysis/label_vector.h"
#include "analysis/metrics.h"
#include "core/config/corrupt_nodes.h"
#include "core/model/network.h"
#include "core/observer.h"

namespace {

constexpr int kRounds = 7;  // each round times every variant once over all the records

// Horizons giving about 3 million hop records (some 40 per client per simulated second).
struct Size {
  int clients;
  double horizon;
};
constexpr std::array<Size, 2> kSizes{{{100, 750.0}, {1000, 75.0}}};

core::Scenario scenario(const Size& size) {
  core::Scenario s;
  s.name = "bench-analysis";
  s.horizon = size.horizon;
  s.warmup = 0.1 * size.horizon;
  s.providers = 3;
  s.layers = 3;
  s.mixes_per_layer = 3;
  s.clients = size.clients;
  s.payload_rate = s.loop_rate = s.drop_rate = s.mix_loop_rate = 1.0;
  s.workload_rate = 0.5;
  s.mu = 2.0;
  s.crypto = core::CryptoMode::None;
  // The records come from a run with the challenge on, so that variant (d) has its traffic;
  // the variants without it read the challengers' messages as any others.
  s.challenge_senders.clients = {0, 1};
  s.challenge_recipient = 2;
  s.anonymity_sample = 1.0;
  return s;
}

core::Scenario without_challenge(core::Scenario s) {
  s.challenge_senders.clients.clear();
  return s;
}

struct Counter final : core::Observer {
  std::uint64_t records = 0;
  void on_hop(const core::HopRecord&) override { ++records; }
};

struct Recorder final : core::Observer {
  std::vector<core::HopRecord> records;
  void on_hop(const core::HopRecord& r) override { records.push_back(r); }
};

// The baseline: trivial work per record.
struct EventCounter final : core::Observer {
  std::array<std::uint64_t, core::kHopEvents> events{};
  void on_hop(const core::HopRecord& r) override { ++events[static_cast<std::size_t>(r.event)]; }
};

double seconds_since(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

// The network's records, in a vector reserved to their exact number: a first run counts
// them, and its wall time (one run, for context) is the simulation's own cost.
std::vector<core::HopRecord> record(const core::Scenario& s, double& simulation_seconds) {
  Counter counter;
  core::Network counted(s, counter);
  const auto start = std::chrono::steady_clock::now();
  counted.run();
  simulation_seconds = seconds_since(start);
  Recorder recorder;
  recorder.records.reserve(counter.records);
  core::Network(s, recorder).run();
  return std::move(recorder.records);
}

// Not inlined, so the observer is called through core::Observer& as the network calls it.
[[gnu::noinline]] void feed(const std::vector<core::HopRecord>& records, core::Observer& o) {
  for (const core::HopRecord& r : records) o.on_hop(r);
}

enum Variant { Baseline, Core, Message, Sender, SenderSampled, Challenge, Observed, Detection, Disclosure, NMinusOne, kVariants };
constexpr const char* kNames[kVariants] = {
    "(a) baseline: count by event",
    "(b) summary + entropy + pools",
    "(c) (b) + message anonymity",
    "(d) (b) + sender anonymity",
    "(e) (d) at sample 0.01",
    "(f) (b) + unlinkability",
    "(g) (b) + GPA's unobservability",
    "(h) (b) + loop detection",
    "(i) (b) + disclosure, 10 targets",
    "(j) (b) + (n-1) attack, 10 targets",
};

// What a pass leaves behind, to check that the passes agree and to print.
struct Pass {
  double seconds = 0;
  std::uint64_t events = 0;      // records the observer saw (RunSummary::events, or the baseline's sum)
  std::uint64_t targets = 0;     // (c), (d), (e): target messages sent
  std::uint64_t challenges = 0;  // (f): challenge messages delivered to R
};

Pass run_pass(Variant v, const core::Scenario& s, const core::Topology& t, const std::vector<core::HopRecord>& records) {
  Pass pass;
  if (v == Baseline) {
    EventCounter counter;
    const auto start = std::chrono::steady_clock::now();
    feed(records, counter);
    pass.seconds = seconds_since(start);
    for (std::uint64_t n : counter.events) pass.events += n;
    return pass;
  }
  core::Scenario variant = v == Challenge ? s : without_challenge(s);
  variant.anonymity_sample = v == SenderSampled ? 0.01 : v == Message || v == Sender ? 1.0 : 0.0;
  variant.anonymity_levels = {v == Message, v == Sender || v == SenderSampled};
  variant.gpa = v == Observed;
  variant.adversary_window = 2;
  variant.detection_window = v == Detection ? 5 : 0;
  variant.detection_clients = v == Detection;
  if (v == Disclosure) {
    variant.corrupt_providers.fraction = 1;
    variant.disclosure_targets.clients = {0, 1, 2, 3, 4, 5, 6, 7, 8, 9};
    variant.disclosure_round = 10;
  }
  if (v == NMinusOne) {  // the records are those of an unattacked run: the attacker only watches
    variant.block_mixes.mixes = {4};
    variant.block_spare.clients = {0, 1, 2, 3, 4, 5, 6, 7, 8, 9};
  }
  auto metrics = std::make_unique<analysis::Metrics>(variant, t);
  const auto start = std::chrono::steady_clock::now();
  feed(records, *metrics);
  metrics->finish();
  pass.seconds = seconds_since(start);
  pass.events = metrics->summary().events();
  if (metrics->message_anonymity()) pass.targets = metrics->message_anonymity()->targets().size();
  if (metrics->sender_anonymity()) pass.targets = metrics->sender_anonymity()->targets();
  if (metrics->unlinkability()) pass.challenges = metrics->unlinkability()->challenges().size();
  return pass;
}

// Untimed: the mean number of labels in a distribution leaving a mix's pool, with every
// client and mix a label as in the forward method over senders (what the backward sender
// anonymity avoids).
double mean_labels_leaving_mixes(const core::Scenario& s, const core::Topology& t,
                                 const std::vector<core::HopRecord>& records) {
  analysis::LabelVectors vectors(t, core::corrupt_mixes(s));
  double sum = 0;
  std::uint64_t departures = 0;
  for (const core::HopRecord& r : records) {
    const std::uint32_t label = t.role(r.node) == core::Role::Provider ? analysis::kNoLabel : r.node;
    vectors.on_hop(r, label, [](const core::HopRecord&, const analysis::LabelVector&) {});
    if (r.event != core::HopEvent::Depart || t.role(r.node) != core::Role::Mix) continue;
    const analysis::LabelVector* v = vectors.vector_of(r.packet);
    sum += v ? static_cast<double>(v->size()) : 0.0;
    ++departures;
  }
  return departures ? sum / static_cast<double>(departures) : 0.0;
}

double median(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  return v[v.size() / 2];
}

bool measure(const Size& size) {
  const core::Scenario s = scenario(size);
  const core::Topology topology(s);
  double simulation = 0;
  const std::vector<core::HopRecord> records = record(s, simulation);
  const double n = static_cast<double>(records.size());
  std::printf("%d clients, %.0f simulated s (warm-up %.1f s): %zu hop records (%.0f MiB stored)\n", s.clients,
              s.horizon, s.warmup, records.size(), n * sizeof(core::HopRecord) / (1 << 20));
  std::printf("for context, the simulation itself (crypto none, one run): %.0f ns/record\n", 1e9 * simulation / n);

  std::array<std::vector<double>, kVariants> rate, ratio;
  std::array<std::vector<double>, kVariants> over_core;  // each / (b), per round
  std::array<Pass, kVariants> first{};
  bool same = true;
  for (int round = 0; round < kRounds; ++round) {
    std::array<double, kVariants> seconds{};
    for (int i = 0; i < kVariants; ++i) {
      const auto v = static_cast<Variant>((round + i) % kVariants);
      const Pass pass = run_pass(v, s, topology, records);
      seconds[v] = pass.seconds;
      if (round == 0) first[v] = pass;
      same = same && pass.events == records.size() && pass.targets == first[v].targets &&
             pass.challenges == first[v].challenges;
    }
    for (int v = 0; v < kVariants; ++v) {
      rate[v].push_back(n / seconds[v]);
      ratio[v].push_back(seconds[v] / seconds[Baseline]);
    }
    for (int v = 0; v < kVariants; ++v) over_core[v].push_back(seconds[v] / seconds[Core]);
  }

  const double base_ns = 1e9 / median(rate[Baseline]);
  std::printf("%-31s %11s %10s %10s %13s %17s\n", "variant", "Mrecords/s", "ns/record", "ns - (a)", "time / (a)",
              "range over rounds");
  for (int v = 0; v < kVariants; ++v) {
    std::vector<double> sorted = ratio[v];
    std::sort(sorted.begin(), sorted.end());
    const double ns = 1e9 / median(rate[v]);
    std::printf("%-31s %11.2f %10.1f %10.1f %13.1f %8.1f to %5.1f\n", kNames[v], median(rate[v]) / 1e6, ns,
                ns - base_ns, median(ratio[v]), sorted.front(), sorted.back());
  }
  std::printf("time / (b), the metrics every run has: (c) %.2f, (d) %.2f, (e) %.2f, (f) %.2f, (g) %.2f, (h) %.2f, "
              "(i) %.2f, (j) %.2f (medians of per-round ratios)\n",
              median(over_core[Message]), median(over_core[Sender]), median(over_core[SenderSampled]),
              median(over_core[Challenge]), median(over_core[Observed]), median(over_core[Detection]),
              median(over_core[Disclosure]), median(over_core[NMinusOne]));
  std::printf("targets sent: (c) %llu, (d) %llu, (e) %llu; (f) challenge messages delivered to R: %llu\n",
              static_cast<unsigned long long>(first[Message].targets),
              static_cast<unsigned long long>(first[Sender].targets),
              static_cast<unsigned long long>(first[SenderSampled].targets),
              static_cast<unsigned long long>(first[Challenge].challenges));
  std::printf("sender labels: %u; forward method over senders: mean labels per distribution leaving a mix: %.1f\n",
              static_cast<unsigned>(topology.nodes() - static_cast<std::uint32_t>(s.providers)),
              mean_labels_leaving_mixes(s, topology, records));
  std::printf("%s\n\n", same ? "every pass saw every record and found the same figures" : "MISMATCH between passes");
  return same;
}

}  // namespace

int main() {
  std::printf("stored hop records fed to each observer through core::Observer&; %d rounds, each variant once per\n"
              "round (a different one first each round); medians over rounds; time / (a): a pass's time over the\n"
              "baseline's in the same round\n\n",
              kRounds);
  bool ok = true;
  for (const Size& size : kSizes) ok = measure(size) && ok;
  return ok ? 0 : 1;
}
