#include "cli/results_writer.h"

#include <algorithm>
#include <cstdio>

#include "cli/histogram_csv.h"
#include "version.h"

namespace cli {

namespace {

nlohmann::json latency_json(const analysis::LatencyHistogram& h) {
  return {{"count", h.count()},
          {"mean", h.mean_seconds()},
          {"sd", h.sd_seconds()},
          {"min", h.min_seconds()},
          {"p50", h.quantile_seconds(0.50)},
          {"p90", h.quantile_seconds(0.90)},
          {"p95", h.quantile_seconds(0.95)},
          {"p99", h.quantile_seconds(0.99)},
          {"max", h.max_seconds()}};
}

nlohmann::json kind_json(const analysis::KindFigures& k) {
  nlohmann::json dropped = nlohmann::json::object();
  for (int r = 1; r < core::kDropReasons; ++r)
    dropped[std::string(core::name(static_cast<core::DropReason>(r)))] = k.dropped[static_cast<std::size_t>(r)];
  return {{"sent", k.sent},
          {"delivered", k.delivered},
          {"dropped", dropped},
          {"in_flight", k.in_flight()},
          {"fetched", k.fetched},
          {"latency_s", latency_json(k.latency)},
          {"fetch_latency_s", latency_json(k.fetch_latency)}};
}

}  // namespace

void write_json(const nlohmann::json& j, core::AtomicFile& file) { file.stream() << j.dump(2) << '\n'; }

sim::Time entropy_period(const core::Scenario& s) { return std::max<sim::Time>(1, sim::from_seconds(s.horizon) / 1000); }

nlohmann::json entropy_json(const core::Topology& t, const analysis::MixEntropyObserver& entropy, sim::Time period) {
  nlohmann::json mixes = nlohmann::json::array();
  for (const analysis::MixEntropyFigures& f : entropy.mixes())
    mixes.push_back({{"node", f.mix}, {"layer", t.layer_of_mix(f.mix)}, {"index", t.index(f.mix) % t.mixes_per_layer()},
                     {"departures", f.departures}, {"mean_bits", f.mean()}});
  return {{"mean_over_mixes_bits", entropy.mean()}, {"period_s", sim::to_seconds(period)}, {"mixes", mixes}};
}

void write_entropy_csv(std::ostream& out, const core::Topology& t, const analysis::MixEntropyObserver& entropy) {
  out << "time_s,node,layer,index,entropy_bits\n";
  char line[128];
  for (const analysis::MixEntropyFigures& f : entropy.mixes())
    for (const analysis::EntropySample& sample : f.series) {
      std::snprintf(line, sizeof line, "%.9f,%u,%d,%d,%.17g\n", sim::to_seconds(sample.time), f.mix,
                    t.layer_of_mix(f.mix), t.index(f.mix) % t.mixes_per_layer(), sample.entropy);
      out << line;
    }
}

nlohmann::json summary_json(const core::Network& net, const analysis::RunSummary& summary,
                            const analysis::MixEntropyObserver& entropy, const Timing& timing) {
  const core::Scenario& s = net.scenario();
  const core::Topology& t = net.topology();
  nlohmann::json j;
  j["version"] = LOOPIX_SIM_VERSION;
  j["scenario"] = s.name;
  j["seed"] = s.seed;
  j["horizon_s"] = s.horizon;
  j["warmup_s"] = s.warmup;
  j["events_processed"] = net.simulator().events_processed();
  j["hop_events"] = summary.events();
  j["delaying_hops_per_client_message"] = net.delaying_hops();
  nlohmann::json kinds = nlohmann::json::object();
  for (int k = 0; k < core::kTrafficKinds; ++k) {
    auto kind = static_cast<core::TrafficKind>(k);
    kinds[std::string(core::name(kind))] = kind_json(summary.kind(kind));
  }
  j["kinds"] = kinds;
  nlohmann::json mixes = nlohmann::json::array();
  double mean_sum = 0;
  for (int l = 0; l < t.layers(); ++l)
    for (int w = 0; w < t.mixes_per_layer(); ++w) {
      const core::PoolGauge& g = net.mixes().pool(t.index(t.mix(l, w)));
      mean_sum += g.mean();
      mixes.push_back({{"node", t.mix(l, w)}, {"layer", l}, {"index", w},
                       {"lambda_per_s", mix_lambda(net, summary, t.mix(l, w))}, {"pool_mean", g.mean()},
                       {"pool_variance", g.variance()}, {"pool_p_empty", g.p_empty()}});
    }
  j["mixes"] = mixes;
  j["pool_mean_over_mixes"] = mean_sum / (t.layers() * t.mixes_per_layer());
  j["entropy"] = entropy_json(t, entropy, entropy_period(s));
  const double simulated = s.horizon;
  const double events = static_cast<double>(net.simulator().events_processed());
  j["timing"] = {{"wall_time_s", timing.wall_seconds},
                 {"events_per_s", timing.wall_seconds > 0 ? events / timing.wall_seconds : 0.0},
                 {"simulated_s_per_s", timing.wall_seconds > 0 ? simulated / timing.wall_seconds : 0.0}};
  return j;
}

void write_nodes_csv(std::ostream& out, const core::Network& net, const analysis::RunSummary& summary) {
  const core::Topology& t = net.topology();
  out << "node,role,layer,index,provider,sent,arrived,departed,delivered,fetched,dropped,"
         "pool_mean,pool_variance,pool_p_empty\n";
  for (core::NodeId n = 0; n < t.nodes(); ++n) {
    const core::Role role = t.role(n);
    const analysis::NodeFigures& f = summary.node(n);
    out << n << ',' << core::name(role) << ',';
    if (role == core::Role::Mix) out << t.layer_of_mix(n);
    out << ',' << (role == core::Role::Mix ? t.index(n) % t.mixes_per_layer() : t.index(n)) << ',';
    if (role == core::Role::Client) out << t.provider_of(n);
    out << ',' << f.sent << ',' << f.arrived << ',' << f.departed << ',' << f.delivered << ',' << f.fetched << ','
        << f.dropped << ',';
    if (role == core::Role::Mix) {
      const core::PoolGauge& g = net.mixes().pool(t.index(n));
      char buf[96];
      std::snprintf(buf, sizeof buf, "%.17g,%.17g,%.17g", g.mean(), g.variance(), g.p_empty());
      out << buf;
    } else {
      out << ",,";
    }
    out << '\n';
  }
}

void print_short_summary(std::ostream& out, const nlohmann::json& j) {
  char line[256];
  const auto& timing = j["timing"];
  std::snprintf(line, sizeof line, "%s (seed %llu): %.0f s simulated in %.2f s wall, %llu events (%.2f M events/s)\n",
                j["scenario"].get<std::string>().c_str(), j["seed"].get<unsigned long long>(),
                j["horizon_s"].get<double>(), timing["wall_time_s"].get<double>(),
                j["events_processed"].get<unsigned long long>(), timing["events_per_s"].get<double>() * 1e-6);
  out << line;
  std::snprintf(line, sizeof line, "  %-9s %10s %10s %10s %10s %12s %12s\n", "kind", "sent", "delivered",
                "dropped", "in_flight", "latency_mean", "latency_p99");
  out << line;
  for (const auto& [kind, k] : j["kinds"].items()) {
    std::uint64_t dropped = 0;
    for (const auto& [reason, count] : k["dropped"].items()) dropped += count.get<std::uint64_t>();
    std::snprintf(line, sizeof line, "  %-9s %10llu %10llu %10llu %10llu %10.3f s %10.3f s\n", kind.c_str(),
                  k["sent"].get<unsigned long long>(), k["delivered"].get<unsigned long long>(),
                  static_cast<unsigned long long>(dropped), k["in_flight"].get<unsigned long long>(),
                  k["latency_s"]["mean"].get<double>(), k["latency_s"]["p99"].get<double>());
    out << line;
  }
  std::snprintf(line, sizeof line, "  mean pool size over mixes: %.3f\n", j["pool_mean_over_mixes"].get<double>());
  out << line;
  const nlohmann::json& h = j["entropy"]["mean_over_mixes_bits"];
  if (h.is_number()) {
    std::snprintf(line, sizeof line, "  mean entropy over mixes (Appendix A): %.3f bits\n", h.get<double>());
    out << line;
  }
}

}  // namespace cli
