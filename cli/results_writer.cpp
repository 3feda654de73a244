#include "cli/results_writer.h"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <cstdio>
#include <memory>
#include <vector>

#include "analysis/closed_forms.h"
#include "cli/histogram_csv.h"
#include "cli/run_column.h"
#include "core/config/corrupt_nodes.h"
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
  return {{"created", k.created},
          {"sent", k.sent},
          {"delivered", k.delivered},
          {"dropped", dropped},
          {"in_flight", k.in_flight()},
          {"fetched", k.fetched},
          {"latency_s", latency_json(k.latency)},
          {"fetch_latency_s", latency_json(k.fetch_latency)}};
}

nlohmann::json sample_json(const analysis::SampleSummary& s) {
  return {{"count", s.count}, {"mean", s.mean}, {"sd", s.sd},         {"min", s.min},
          {"q1", s.q1},       {"median", s.median}, {"q3", s.q3}, {"max", s.max}};
}

nlohmann::json entropy_json(const analysis::Metrics& m) {
  const core::Topology& t = m.topology();
  nlohmann::json mixes = nlohmann::json::array();
  for (const analysis::MixEntropyFigures& f : m.entropy().mixes())
    mixes.push_back({{"node", f.mix}, {"layer", t.layer_of_mix(f.mix)}, {"index", t.index(f.mix) % t.mixes_per_layer()},
                     {"departures", f.departures}, {"mean_bits", f.mean()}});
  return {{"mean_over_mixes_bits", m.entropy().mean()}, {"period_s", sim::to_seconds(m.entropy_period())}, {"mixes", mixes}};
}

nlohmann::json message_anonymity_json(const analysis::MessageAnonymity* a, const core::Scenario& s) {
  if (a == nullptr) return nullptr;
  std::vector<double> entropy, p_exit;
  for (const analysis::MessageTarget& t : a->targets()) {
    if (!t.complete()) continue;
    entropy.push_back(t.entropy_bits);
    p_exit.push_back(t.p_exit);
  }
  const std::size_t complete = entropy.size();
  return {{"targets", a->targets().size()},
          {"complete", complete},
          {"in_flight", a->targets().size() - complete},
          {"entropy_bits", sample_json(analysis::summarize(std::move(entropy)))},
          {"p_exit", sample_json(analysis::summarize(std::move(p_exit)))},
          {"limit_bits", analysis::message_anonymity_limit_bits(s)}};
}

nlohmann::json sender_anonymity_json(const analysis::SenderAnonymity* a) {
  if (a == nullptr) return nullptr;
  std::vector<double> entropy, p_sender;
  for (const analysis::DeliveredTarget& d : a->delivered()) {
    entropy.push_back(d.entropy_bits);
    p_sender.push_back(d.p_sender);
  }
  return {{"labels", a->labels()},
          {"max_bits", std::log2(static_cast<double>(a->labels()))},
          {"targets", a->targets()},
          {"delivered", a->delivered().size()},
          {"dropped", a->dropped()},
          {"in_flight", a->in_flight()},
          {"entropy_bits", sample_json(analysis::summarize(std::move(entropy)))},
          {"p_sender", sample_json(analysis::summarize(std::move(p_sender)))}};
}

nlohmann::json anonymity_json(const analysis::Metrics& m) {
  const core::Scenario& s = m.scenario();
  if (!s.anonymity()) return nullptr;
  const nlohmann::json keys = core::to_json(s)["anonymity"];
  return {{"levels", keys["levels"]},
          {"senders", keys["senders"]},
          {"sample", keys["sample"]},
          {"target_limit", keys["targets"]},
          {"exit", keys["exit"]},
          {"message", message_anonymity_json(m.message_anonymity(), s)},
          {"sender", sender_anonymity_json(m.sender_anonymity())}};
}

nlohmann::json inbox_json(const analysis::Metrics& m) {
  const analysis::InboxFigures* in = m.inboxes();
  if (in == nullptr) return nullptr;
  double stored = 0;
  std::size_t largest = 0;
  for (const analysis::PoolGauge& g : in->stored()) {
    stored += g.mean();
    largest = std::max(largest, g.largest());
  }
  const analysis::KindFigures& payload = m.summary().kind(core::TrafficKind::Payload);
  return {{"deposited", in->deposited()},
          {"deposited_offline", in->deposited_offline()},
          {"offline_share", in->deposited() ? static_cast<double>(in->deposited_offline()) / static_cast<double>(in->deposited()) : 0.0},
          {"wait_s", latency_json(in->wait())},
          {"wait_offline_s", latency_json(in->wait_offline())},
          {"stored_mean_per_provider", stored / static_cast<double>(in->stored().size())},
          {"stored_max_at_a_provider", largest},
          {"lost_full", payload.dropped[static_cast<std::size_t>(core::DropReason::InboxFull)]}};
}

nlohmann::json groups_json(const analysis::Metrics& m) {
  const analysis::SplitMessageFigures* g = m.groups();
  if (g == nullptr) return nullptr;
  return {{"messages", g->messages()},
          {"copies", g->parts()},
          {"copies_received", g->part_latency().count()},
          {"completed", g->completion().count()},
          {"lost", g->lost()},
          {"copy_latency_s", latency_json(g->part_latency())},
          {"completion_s", latency_json(g->completion())}};
}

nlohmann::json file_messages_json(const analysis::Metrics& m) {
  const analysis::SplitMessageFigures* f = m.file_messages();
  if (f == nullptr) return nullptr;
  return {{"messages", f->messages()},
          {"parts", f->parts()},
          {"parts_received", f->part_latency().count()},
          {"completed", f->completion().count()},
          {"lost", f->lost()},
          {"latency_s", latency_json(f->completion())}};
}

nlohmann::json replies_json(const analysis::Metrics& m) {
  const analysis::ReplyFigures* r = m.replies();
  if (r == nullptr) return nullptr;
  auto figures = [](const analysis::ReplyFigures::Figures& f) {
    return nlohmann::json{{"created", f.created}, {"fetched", f.round_trip.count()}, {"round_trip_s", latency_json(f.round_trip)}};
  };
  return {{"reply", figures(r->reply())}, {"ack", figures(r->ack())}};
}

nlohmann::json unobservability_json(const analysis::UnobservabilityResult& r) {
  nlohmann::json windows = nlohmann::json::array();
  for (const analysis::WindowTest& w : r.windows)
    windows.push_back({{"window_s", w.window_s}, {"positive_windows", w.positives}, {"negative_windows", w.negatives},
                       {"advantage", w.advantage}, {"auc", w.auc}});
  nlohmann::json time = nullptr;
  if (r.time_to_advantage_s >= 0) time = r.time_to_advantage_s;
  // The shortest window's figures (/adversary/window) also as scalars, for the sweep tables.
  nlohmann::json shortest = nullptr, auc = nullptr;
  if (!r.windows.empty()) shortest = r.windows.front().advantage, auc = r.windows.front().auc;
  return {{"evidence", r.evidence},
          {"observed_clients", r.observed_clients},
          {"positive_clients", r.positive_clients},
          {"advantage", shortest},
          {"auc", auc},
          {"time_to_advantage_s", time},
          {"windows", windows}};
}

nlohmann::json n_minus_one_json(const analysis::NMinusOneFigures* f) {
  if (f == nullptr) return nullptr;
  const analysis::NMinusOneResult r = f->result();
  return {{"targets", r.targets},
          {"linked", r.linked},
          {"success", r.success},
          {"output_rate_per_s", r.output_rate_per_s},
          {"closed_form", r.closed_form}};
}

nlohmann::json adversary_json(const analysis::Metrics& m) {
  const analysis::AdversaryFigures* a = m.adversary();
  if (a == nullptr && m.n_minus_one() == nullptr) return nullptr;
  nlohmann::json disclosure = nullptr;
  if (a != nullptr && !m.scenario().disclosure_targets.clients.empty()) {
    const analysis::DisclosureResult d = a->disclosure();
    nlohmann::json rounds = nlohmann::json::array();
    for (const analysis::DisclosureRound& r : d.rounds)
      rounds.push_back({{"end_s", r.end_s}, {"precision", r.precision}, {"mean_rank", r.mean_rank}});
    nlohmann::json identify = nullptr, last = nullptr;
    if (d.rounds_to_identify >= 0) identify = d.rounds_to_identify;
    if (!d.rounds.empty()) last = d.rounds.back().precision;
    disclosure = {{"evidence", d.evidence},
                  {"targets", d.targets},
                  {"observed_receivers", d.observed_receivers},
                  {"precision", last},
                  {"rounds_to_identify", identify},
                  {"rounds", rounds},
                  {"flow_correlation",
                   {{"pairs", d.flow.pairs}, {"contact_pairs", d.flow.contact_pairs}, {"auc", d.flow.auc},
                    {"advantage", d.flow.advantage}}}};
  }
  return {{"target_advantage", m.scenario().adversary_advantage},
          {"receiver_unobservability", a != nullptr ? unobservability_json(a->receivers()) : nlohmann::json(nullptr)},
          {"sender_unobservability", a != nullptr ? unobservability_json(a->senders()) : nlohmann::json(nullptr)},
          {"disclosure", disclosure},
          {"n_minus_1", n_minus_one_json(m.n_minus_one())}};
}

nlohmann::json detection_json(const analysis::DetectionFigures& f) {
  nlohmann::json time = nullptr, node = nullptr;
  if (f.time_to_detection_s >= 0) time = f.time_to_detection_s, node = f.first_alarm;
  return {{"nodes", f.nodes},
          {"clear_windows", f.clear_windows},
          {"clear_alarms", f.clear_alarms},
          {"false_alarms_per_hour", f.false_alarms_per_hour},
          {"disrupted_windows", f.disrupted_windows},
          {"disrupted_alarms", f.disrupted_alarms},
          {"time_to_detection_s", time},
          {"first_alarm_node", node}};
}

nlohmann::json detection_json(const analysis::Metrics& m) {
  const analysis::LoopDetection* d = m.detection();
  if (d == nullptr) return nullptr;
  const core::Scenario& s = m.scenario();
  nlohmann::json start = nullptr;
  if (d->disruption_start() != sim::kNever) start = sim::to_seconds(d->disruption_start());
  return {{"window_s", s.detection_window},
          {"false_alarm", s.detection_false_alarm},
          {"mix_threshold", analysis::alarm_threshold(s.mix_loop_rate * s.detection_window, s.detection_false_alarm)},
          {"disruption_start_s", start},
          {"mixes", detection_json(d->mixes())},
          {"clients", d->watches_clients() ? detection_json(d->clients()) : nlohmann::json(nullptr)}};
}

nlohmann::json unlinkability_json(const analysis::Metrics& m) {
  const analysis::Unlinkability* u = m.unlinkability();
  if (u == nullptr) return nullptr;
  std::size_t zero = 0;
  for (const analysis::Challenge& c : u->challenges()) zero += c.zero();
  return {{"s0", u->s0()},
          {"s1", u->s1()},
          {"recipient", u->recipient()},
          {"challenges", u->challenges().size()},
          {"one_side_zero", zero},
          {"delta", u->delta()},
          {"epsilon_nats", sample_json(u->epsilon_nats())},
          {"epsilon_bits", sample_json(u->epsilon_bits())}};
}

}  // namespace

std::string json_text(const nlohmann::json& j) { return j.dump(2) + '\n'; }

void write_json(const nlohmann::json& j, core::AtomicFile& file) { file.stream() << json_text(j); }

void write_entropy_csv(std::ostream& out, const analysis::Metrics& m) {
  const core::Topology& t = m.topology();
  out << "time_s,node,layer,position,entropy_bits\n";
  char line[128];
  for (const analysis::MixEntropyFigures& f : m.entropy().mixes())
    for (const analysis::EntropySample& sample : f.series) {
      std::snprintf(line, sizeof line, "%.9f,%u,%d,%d,%.17g\n", sim::to_seconds(sample.time), f.mix,
                    t.layer_of_mix(f.mix), t.index(f.mix) % t.mixes_per_layer(), sample.entropy);
      out << line;
    }
}

nlohmann::json metrics_json(const analysis::Metrics& m) {
  const core::Scenario& s = m.scenario();
  const core::Topology& t = m.topology();
  nlohmann::json j;
  j["version"] = LOOPIX_SIM_VERSION;
  j["scenario"] = s.name;
  j["seed"] = s.seed;
  j["horizon_s"] = s.horizon;
  j["drain_s"] = s.drain;
  j["warmup_s"] = s.warmup;
  j["hop_events"] = m.summary().events();
  j["delaying_hops_per_client_message"] = analysis::delaying_hops(s, core::TrafficKind::Payload);
  nlohmann::json kinds = nlohmann::json::object();
  for (int k = 0; k < core::kTrafficKinds; ++k) {
    auto kind = static_cast<core::TrafficKind>(k);
    kinds[std::string(core::name(kind))] = kind_json(m.summary().kind(kind));
  }
  j["kinds"] = kinds;
  nlohmann::json mixes = nlohmann::json::array();
  double mean_sum = 0, lambda_sum = 0;
  for (int l = 0; l < t.layers(); ++l)
    for (int w = 0; w < t.mixes_per_layer(); ++w) {
      const core::NodeId mix = t.mix(l, w);
      const analysis::PoolGauge& g = m.pools().mix(t.index(mix));
      mean_sum += g.mean();
      const double lambda = mix_lambda(m, mix);
      lambda_sum += lambda;
      mixes.push_back({{"node", mix}, {"layer", l}, {"index", w}, {"corrupt", static_cast<bool>(m.corrupt()[t.index(mix)])},
                       {"lambda_per_s", lambda}, {"pool_mean", g.mean()},
                       {"pool_variance", g.variance()}, {"pool_p_empty", g.p_empty()}});
    }
  j["mixes"] = mixes;
  j["pool_mean_over_mixes"] = mean_sum / (t.layers() * t.mixes_per_layer());
  j["lambda_mean_over_mixes_per_s"] = lambda_sum / (t.layers() * t.mixes_per_layer());
  j["entropy"] = entropy_json(m);
  j["anonymity"] = anonymity_json(m);
  j["unlinkability"] = unlinkability_json(m);
  j["inbox"] = inbox_json(m);
  j["groups"] = groups_json(m);
  j["workload_file"] = file_messages_json(m);
  j["replies"] = replies_json(m);
  j["adversary"] = adversary_json(m);
  j["detection"] = detection_json(m);
  return j;
}

void write_nodes_csv(std::ostream& out, const analysis::Metrics& m) {
  const core::Topology& t = m.topology();
  out << "node,role,layer,position,provider,sent_packets,arrived_packets,departed_packets,delivered_packets,"
         "fetched_packets,dropped_packets,throughput_packets_per_s,pool_mean_packets,pool_variance_packets_sq,"
         "pool_p_empty,corrupt\n";
  const double observed = m.scenario().horizon - m.scenario().warmup;
  const std::vector<bool> corrupt_providers = core::corrupt_providers(m.scenario());
  for (core::NodeId n = 0; n < t.nodes(); ++n) {
    const core::Role role = t.role(n);
    const analysis::NodeFigures& f = m.summary().node(n);
    // Integer columns stay integers (-1: none), so that a table reader keeps their type.
    out << n << ',' << core::name(role) << ',' << (role == core::Role::Mix ? t.layer_of_mix(n) : -1) << ','
        << (role == core::Role::Mix ? t.index(n) % t.mixes_per_layer() : t.index(n)) << ','
        << (role == core::Role::Client ? static_cast<long long>(t.provider_of(n)) : -1LL) << ',' << f.sent << ',' << f.arrived << ',' << f.departed << ',' << f.delivered << ',' << f.fetched << ','
        << f.dropped << ',';
    // Messages a client sends, or a provider or mix forwards, per second after the warm-up.
    char rate[32];
    std::snprintf(rate, sizeof rate, "%.17g,", static_cast<double>(role == core::Role::Client ? f.sent : f.departed) / observed);
    out << rate;
    if (role == core::Role::Mix) {
      const analysis::PoolGauge& g = m.pools().mix(t.index(n));
      char buf[96];
      std::snprintf(buf, sizeof buf, "%.17g,%.17g,%.17g,", g.mean(), g.variance(), g.p_empty());
      out << buf;
    } else {
      out << ",,,";
    }
    const bool corrupt = role == core::Role::Mix        ? static_cast<bool>(m.corrupt()[t.index(n)])
                         : role == core::Role::Provider ? static_cast<bool>(corrupt_providers[t.index(n)])
                                                        : false;
    out << (corrupt ? 1 : 0) << '\n';
  }
}

void write_message_anonymity_csv(std::ostream& out, const analysis::Metrics& m) {
  out << "target,message,sender,sent_s,exit_s,exited_mass,remaining_mass,entropy_bits,p_exit,complete\n";
  if (m.message_anonymity() == nullptr) return;
  char line[256];
  std::size_t index = 0;
  for (const analysis::MessageTarget& t : m.message_anonymity()->targets()) {
    std::snprintf(line, sizeof line, "%zu,%llu,%u,%.9f,", index++, static_cast<unsigned long long>(t.message), t.sender,
                  sim::to_seconds(t.sent));
    out << line;
    if (t.exit >= 0) {
      std::snprintf(line, sizeof line, "%.9f", sim::to_seconds(t.exit));
      out << line;
    }
    std::snprintf(line, sizeof line, ",%.17g,%.17g,%.17g,%.17g,%d\n", t.exited, t.remaining, t.entropy_bits, t.p_exit,
                  t.complete() ? 1 : 0);
    out << line;
  }
}

void write_anonymity_csv(std::ostream& out, const analysis::Metrics& m) {
  out << "message,sender,recipient,sent_s,delivered_s,entropy_bits,p_sender\n";
  if (m.sender_anonymity() == nullptr) return;
  char line[192];
  for (const analysis::DeliveredTarget& d : m.sender_anonymity()->delivered()) {
    std::snprintf(line, sizeof line, "%llu,%u,%u,%.9f,%.9f,%.17g,%.17g\n", static_cast<unsigned long long>(d.message),
                  d.sender, d.recipient, sim::to_seconds(d.sent), sim::to_seconds(d.delivered), d.entropy_bits, d.p_sender);
    out << line;
  }
}

void write_challenge_csv(std::ostream& out, const analysis::Metrics& m) {
  out << "message,challenger,sender,sent_s,delivered_s,p0,p1,epsilon_nats,epsilon_bits,zero\n";
  if (m.unlinkability() == nullptr) return;
  char line[256];
  for (const analysis::Challenge& c : m.unlinkability()->challenges()) {
    std::snprintf(line, sizeof line, "%llu,%d,%u,%.9f,%.9f,%.17g,%.17g,", static_cast<unsigned long long>(c.message),
                  c.challenger, c.sender, sim::to_seconds(c.sent), sim::to_seconds(c.delivered), c.p0, c.p1);
    out << line;
    if (c.zero()) {
      out << ",,1\n";
    } else {
      std::snprintf(line, sizeof line, "%.17g,%.17g,0\n", c.epsilon_nats(), c.epsilon_bits());
      out << line;
    }
  }
}

void write_unobservability_csv(std::ostream& out, const analysis::Metrics& m) {
  out << "test,window_s,threshold,false_positive_rate,true_positive_rate\n";
  const analysis::AdversaryFigures* a = m.adversary();
  if (a == nullptr) return;
  char line[160];
  for (const auto& [test, result] : {std::pair{"receiver", a->receivers()}, std::pair{"sender", a->senders()}})
    for (const analysis::WindowTest& w : result.windows)
      for (const analysis::RocPoint& p : w.roc) {
        std::snprintf(line, sizeof line, "%s,%.9g,%u,%.17g,%.17g\n", test, w.window_s, p.threshold, p.false_positive_rate,
                      p.true_positive_rate);
        out << line;
      }
}

void write_flow_roc_csv(std::ostream& out, const analysis::Metrics& m) {
  out << "threshold,false_positive_rate,true_positive_rate\n";
  if (m.adversary() == nullptr || m.scenario().disclosure_targets.clients.empty()) return;
  char line[96];
  for (const analysis::FlowRocPoint& p : m.adversary()->disclosure().flow.roc) {
    std::snprintf(line, sizeof line, "%.17g,%.17g,%.17g\n", p.threshold, p.false_positive_rate, p.true_positive_rate);
    out << line;
  }
}

void write_metric_files(const std::filesystem::path& dir, const std::string& json_name, const nlohmann::json& document,
                        const analysis::Metrics& m, const std::string& run_id) {
  struct Csv {
    const char* name;
    void (*write)(std::ostream&, const analysis::Metrics&);
  };
  constexpr Csv kCsvs[] = {{"nodes.csv", write_nodes_csv},         {"entropy.csv", write_entropy_csv},
                           {"latency.csv", write_latency_csv},     {"pool.csv", write_pool_csv},
                           {"anonymity.csv", write_anonymity_csv}, {"anonymity_message.csv", write_message_anonymity_csv},
                           {"challenge.csv", write_challenge_csv},  {"unobservability.csv", write_unobservability_csv},
                           {"flow_roc.csv", write_flow_roc_csv}};
  std::vector<std::unique_ptr<core::AtomicFile>> files;
  files.push_back(std::make_unique<core::AtomicFile>((dir / json_name).string()));
  write_json(document, *files.back());
  for (const Csv& csv : kCsvs) {
    files.push_back(std::make_unique<core::AtomicFile>((dir / csv.name).string()));
    std::ostream& file = files.back()->stream();
    if (run_id.empty()) {
      csv.write(file, m);
      continue;
    }
    RunColumn with_run(*file.rdbuf(), run_id);
    std::ostream table(&with_run);
    csv.write(table, m);
    table.flush();
    if (!table) file.setstate(std::ios::badbit);
  }
  for (auto& f : files) f->commit();
}

void print_short_summary(std::ostream& out, const nlohmann::json& j) {
  char line[256];
  if (j.contains("timing")) {
    const auto& timing = j["timing"];
    char drained[48] = "";
    if (j["drain_s"].get<double>() > 0)
      std::snprintf(drained, sizeof drained, " (drained until %.1f s)", j["drained_until_s"].get<double>());
    std::snprintf(line, sizeof line, "%s (seed %llu): %.0f s simulated%s in %.2f s wall, %llu events (%.2f M events/s)\n",
                  j["scenario"].get<std::string>().c_str(), j["seed"].get<unsigned long long>(),
                  j["horizon_s"].get<double>(), drained, timing["wall_time_s"].get<double>(),
                  j["events_processed"].get<unsigned long long>(), timing["events_per_s"].get<double>() * 1e-6);
  } else {
    std::snprintf(line, sizeof line, "%s (seed %llu): %.0f s simulated, %llu hop events\n",
                  j["scenario"].get<std::string>().c_str(), j["seed"].get<unsigned long long>(),
                  j["horizon_s"].get<double>(), j["hop_events"].get<unsigned long long>());
  }
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
  const nlohmann::json& a = j["anonymity"];
  const nlohmann::json& message = a.is_object() ? a["message"] : a;
  if (message.is_object() && message["entropy_bits"]["median"].is_number()) {
    std::snprintf(line, sizeof line, "  message anonymity of %llu targets (exit: %s): mean %.3f bits, median %.3f, min %.3f\n",
                  message["complete"].get<unsigned long long>(), a["exit"].get<std::string>().c_str(),
                  message["entropy_bits"]["mean"].get<double>(), message["entropy_bits"]["median"].get<double>(),
                  message["entropy_bits"]["min"].get<double>());
    out << line;
  }
  const nlohmann::json& sender = a.is_object() ? a["sender"] : a;
  if (sender.is_object() && sender["entropy_bits"]["median"].is_number()) {
    std::snprintf(line, sizeof line, "  sender anonymity of %llu targets: median %.3f bits, min %.3f (of %.3f)\n",
                  sender["delivered"].get<unsigned long long>(), sender["entropy_bits"]["median"].get<double>(),
                  sender["entropy_bits"]["min"].get<double>(), sender["max_bits"].get<double>());
    out << line;
  }
  const nlohmann::json& in = j["inbox"];
  if (in.is_object() && in["deposited"].get<unsigned long long>() > 0) {
    std::snprintf(line, sizeof line,
                  "  inbox wait of %llu real messages: mean %.3f s, p99 %.3f s; %.1f%% deposited while offline; %llu lost to full inboxes\n",
                  in["wait_s"]["count"].get<unsigned long long>(), in["wait_s"]["mean"].get<double>(),
                  in["wait_s"]["p99"].get<double>(), 100 * in["offline_share"].get<double>(),
                  in["lost_full"].get<unsigned long long>());
    out << line;
  }
  const nlohmann::json& g = j["groups"];
  if (g.is_object() && g["messages"].get<unsigned long long>() > 0) {
    std::snprintf(line, sizeof line,
                  "  group messages: %llu of %llu complete, completion mean %.3f s (p99 %.3f s); copies received mean %.3f s\n",
                  g["completed"].get<unsigned long long>(), g["messages"].get<unsigned long long>(),
                  g["completion_s"]["mean"].get<double>(), g["completion_s"]["p99"].get<double>(),
                  g["copy_latency_s"]["mean"].get<double>());
    out << line;
  }
  const nlohmann::json& f = j["workload_file"];
  if (f.is_object() && f["messages"].get<unsigned long long>() > 0) {
    std::snprintf(line, sizeof line, "  workload file: %llu of %llu messages received whole, latency mean %.3f s (p99 %.3f s)\n",
                  f["completed"].get<unsigned long long>(), f["messages"].get<unsigned long long>(),
                  f["latency_s"]["mean"].get<double>(), f["latency_s"]["p99"].get<double>());
    out << line;
  }
  const nlohmann::json& replies = j["replies"];
  for (const char* kind : {"reply", "ack"}) {
    if (!replies.is_object() || replies[kind]["created"].get<unsigned long long>() == 0) continue;
    const nlohmann::json& r = replies[kind];
    std::snprintf(line, sizeof line, "  %s: %llu of %llu fetched by their askers, round trip mean %.3f s (p99 %.3f s)\n",
                  std::strcmp(kind, "ack") == 0 ? "acknowledgements" : "replies",
                  r["fetched"].get<unsigned long long>(), r["created"].get<unsigned long long>(),
                  r["round_trip_s"]["mean"].get<double>(), r["round_trip_s"]["p99"].get<double>());
    out << line;
  }
  const nlohmann::json& adversary = j["adversary"];
  for (const char* side : {"receiver", "sender"}) {
    if (!adversary.is_object()) break;
    const nlohmann::json& a = adversary[std::string(side) + "_unobservability"];
    if (!a.is_object() || a["windows"].empty()) continue;
    const nlohmann::json& first = a["windows"].front();
    char reached[64] = "never";
    if (a["time_to_advantage_s"].is_number())
      std::snprintf(reached, sizeof reached, "in a %.4g s window", a["time_to_advantage_s"].get<double>());
    std::snprintf(line, sizeof line,
                  "  %s unobservability (%s of %d clients): advantage %.3f in a %.4g s window; %.2f reached %s\n", side,
                  a["evidence"].get<std::string>().c_str(), a["observed_clients"].get<int>(), first["advantage"].get<double>(),
                  first["window_s"].get<double>(), adversary["target_advantage"].get<double>(), reached);
    out << line;
  }
  if (adversary.is_object() && adversary["disclosure"].is_object() && !adversary["disclosure"]["rounds"].empty()) {
    const nlohmann::json& d = adversary["disclosure"];
    char identified[64] = "not every target identified";
    if (d["rounds_to_identify"].is_number())
      std::snprintf(identified, sizeof identified, "contacts identified after %.1f rounds", d["rounds_to_identify"].get<double>());
    std::snprintf(line, sizeof line, "  disclosure attack on %d targets over %zu rounds: precision %.3f; %s; flow correlation AUC %.3f\n",
                  d["targets"].get<int>(), d["rounds"].size(), d["precision"].get<double>(), identified,
                  d["flow_correlation"]["auc"].get<double>());
    out << line;
  }
  if (adversary.is_object() && adversary["n_minus_1"].is_object()) {
    const nlohmann::json& n = adversary["n_minus_1"];
    char closed[32] = "-";
    if (n["closed_form"].is_number()) std::snprintf(closed, sizeof closed, "%.3f", n["closed_form"].get<double>());
    if (n["success"].is_number())
      std::snprintf(line, sizeof line, "  (n-1) attack: %.3f of %llu target packets linked through their mix (closed form %s)\n",
                    n["success"].get<double>(), n["targets"].get<unsigned long long>(), closed);
    else
      std::snprintf(line, sizeof line, "  (n-1) attack: no target packet crossed a blocked mix during the attack\n");
    out << line;
  }
  const nlohmann::json& detection = j["detection"];
  for (const char* who : {"mixes", "clients"}) {
    if (!detection.is_object() || !detection[who].is_object()) continue;
    const nlohmann::json& d = detection[who];
    char detected[64] = "no disruption";
    if (d["time_to_detection_s"].is_number())
      std::snprintf(detected, sizeof detected, "first alarm %.4g s after the disruption", d["time_to_detection_s"].get<double>());
    else if (detection["disruption_start_s"].is_number())
      std::snprintf(detected, sizeof detected, "no alarm after the disruption");
    std::snprintf(line, sizeof line, "  loop detection by %llu %s: %.3g false alarms per node-hour; %s\n",
                  d["nodes"].get<unsigned long long>(), who, d["false_alarms_per_hour"].get<double>(), detected);
    out << line;
  }
  const nlohmann::json& u = j["unlinkability"];
  if (u.is_object() && u["challenges"].get<unsigned long long>() > 0) {
    const nlohmann::json& e = u["epsilon_bits"]["mean"];
    char mean[32] = "-";
    if (e.is_number() && std::isfinite(e.get<double>())) std::snprintf(mean, sizeof mean, "%.3f", e.get<double>());
    std::snprintf(line, sizeof line, "  unlinkability over %llu challenges: epsilon mean %s bits, delta %.3f\n",
                  u["challenges"].get<unsigned long long>(), mean, u["delta"].get<double>());
    out << line;
  }
}

}  // namespace cli
