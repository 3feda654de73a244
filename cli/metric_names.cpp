#include "cli/metric_names.h"

#include <map>
#include <utility>
#include <vector>

namespace cli {

namespace {

// Whole metrics, as the paper's figures name them.
const std::map<std::string, std::string, std::less<>> kWhole = {
    {"unlinkability.epsilon_bits.mean", "ε, mean over challenge messages (bits)"},
    {"unlinkability.epsilon_nats.mean", "ε, mean over challenge messages (nats)"},
    {"unlinkability.delta", "δ, share of challenge messages with one side zero"},
    {"unlinkability.challenges", "challenge messages"},
    {"unlinkability.one_side_zero", "challenge messages with one side zero"},
    {"entropy.mean_over_mixes_bits", "entropy of a mix, mean over mixes (bits)"},
    {"entropy.period_s", "period of the entropy samples (s)"},
    {"anonymity.message.entropy_bits.mean", "message anonymity, mean over targets (bits)"},
    {"anonymity.sender.entropy_bits.mean", "sender anonymity, mean over targets (bits)"},
    {"anonymity.message.limit_bits", "message anonymity, large-pool limit (bits)"},
    {"anonymity.message.targets", "target messages"},
    {"anonymity.message.complete", "target messages whose every possible exit is known"},
    {"anonymity.message.in_flight", "target messages still in flight at the end"},
    {"lambda_mean_over_mixes_per_s", "λ, a mix's departures, mean over mixes (1/s)"},
    {"pool_mean_over_mixes", "pool size, mean over mixes (packets)"},
    {"kinds.payload.latency_s.mean", "latency of real messages, mean (s)"},
    {"delaying_hops_per_client_message", "delaying hops per client message"},
    {"inbox.deposited", "messages deposited in inboxes"},
    {"inbox.deposited_offline", "messages deposited while their recipient was offline"},
    {"inbox.lost_full", "messages lost to a full inbox"},
    {"inbox.offline_share", "share of deposits while the recipient was offline"},
    {"inbox.stored_max_at_a_provider", "messages stored at a provider, most at once (packets)"},
    {"inbox.stored_mean_per_provider", "messages stored at a provider, mean over time (packets)"},
    {"anonymity.sample", "share of messages sampled as targets"},
    {"anonymity.target_limit", "most target messages followed"},
    {"unlinkability.recipient", "the challenge's recipient (node)"},
    {"unlinkability.s0", "challenger S0 (node)"},
    {"unlinkability.s1", "challenger S1 (node)"},
    {"adversary.target_advantage", "advantage wanted of the unobservability tests"},
    {"adversary.receiver_unobservability.advantage", "advantage of the receiver unobservability test"},
    {"adversary.receiver_unobservability.auc", "area under the receiver unobservability test's ROC curve"},
    {"adversary.receiver_unobservability.time_to_advantage_s", "time until the receiver test reaches its advantage (s)"},
    {"adversary.receiver_unobservability.observed_clients", "clients the receiver unobservability test watches"},
    {"adversary.receiver_unobservability.positive_clients", "clients that receive real messages"},
    {"adversary.sender_unobservability.advantage", "advantage of the sender unobservability test"},
    {"adversary.sender_unobservability.auc", "area under the sender unobservability test's ROC curve"},
    {"adversary.sender_unobservability.time_to_advantage_s", "time until the sender test reaches its advantage (s)"},
    {"adversary.sender_unobservability.observed_clients", "clients the sender unobservability test watches"},
    {"adversary.sender_unobservability.positive_clients", "clients that send real messages"},
    {"adversary.disclosure.precision", "share of the disclosure attack's guesses that are right"},
    {"adversary.disclosure.targets", "the disclosure attack's targets"},
    {"adversary.disclosure.observed_receivers", "receivers the disclosure attack observes"},
    {"adversary.disclosure.rounds_to_identify", "rounds until the disclosure attack is right"},
    {"adversary.disclosure.flow_correlation.advantage", "advantage of flow correlation"},
    {"adversary.disclosure.flow_correlation.auc", "area under flow correlation's ROC curve"},
    {"adversary.disclosure.flow_correlation.pairs", "sender-receiver pairs flow correlation scores"},
    {"adversary.disclosure.flow_correlation.contact_pairs", "pairs that are contacts"},
    {"adversary.n_minus_1.success", "share of targets the (n-1) attacker links"},
    {"adversary.n_minus_1.closed_form", "μ / (μ + r), the closed form"},
    {"adversary.n_minus_1.targets", "the (n-1) attacker's target packets"},
    {"adversary.n_minus_1.linked", "target packets the (n-1) attacker links"},
    {"adversary.n_minus_1.output_rate_per_s", "r, the blocked mix's other outputs (1/s)"},
    {"detection.window_s", "loop detection's window (s)"},
    {"detection.false_alarm", "loop detection's false-alarm rate per window"},
    {"detection.disruption_start_s", "start of the attack (s)"},
    {"detection.mixes.time_to_detection_s", "time from the attack's start to the first alarm (s)"},
    {"detection.mixes.false_alarms_per_hour", "mixes' false alarms per hour (1/h)"},
    {"detection.mixes.clear_windows", "mixes' windows without an attack"},
    {"detection.mixes.clear_alarms", "mixes' alarms without an attack"},
    {"detection.mixes.disrupted_windows", "mixes' windows under attack"},
    {"detection.mixes.disrupted_alarms", "mixes' alarms under attack"},
    {"detection.clients.time_to_detection_s", "time from the attack's start to a client's first alarm (s)"},
    {"detection.clients.false_alarms_per_hour", "clients' false alarms per hour (1/h)"},
    {"detection.clients.clear_windows", "clients' windows without an attack"},
    {"detection.clients.clear_alarms", "clients' alarms without an attack"},
    {"detection.clients.disrupted_windows", "clients' windows under attack"},
    {"detection.clients.disrupted_alarms", "clients' alarms under attack"},
    {"horizon_s", "horizon (s)"},
    {"warmup_s", "warm-up (s)"},
    {"drain_s", "drain (s)"},
    {"drained_until_s", "end of the drain (s)"},
    {"events_processed", "kernel events"},
    {"hop_events", "hop events"}};

// Quantities summarised by a statistic ("QUANTITY.mean"), with their units.
const std::map<std::string, std::pair<std::string, std::string>, std::less<>> kSummarised = {
    {"unlinkability.epsilon_bits", {"ε over challenge messages", "bits"}},
    {"unlinkability.epsilon_nats", {"ε over challenge messages", "nats"}},
    {"anonymity.message.entropy_bits", {"message anonymity over targets", "bits"}},
    {"anonymity.sender.entropy_bits", {"sender anonymity over targets", "bits"}},
    {"anonymity.message.p_exit", {"probability of the target's true exit", ""}},
    {"inbox.wait_s", {"time a message waits in its inbox", "s"}},
    {"inbox.wait_offline_s", {"time a message waits for its offline recipient", "s"}}};

const std::map<std::string, std::string, std::less<>> kStatistics = {
    {"mean", "mean"},          {"sd", "standard deviation"}, {"min", "minimum"},
    {"max", "maximum"},        {"median", "median"},         {"p50", "median"},
    {"q1", "first quartile"},  {"q3", "third quartile"},     {"p90", "90th percentile"},
    {"p95", "95th percentile"}, {"p99", "99th percentile"}};

// What a traffic kind's counters count.
const std::map<std::string, std::string, std::less<>> kKindCounts = {
    {"created", "created"}, {"sent", "sent"},       {"delivered", "delivered"},
    {"fetched", "fetched"}, {"in_flight", "in flight at the end"}};

std::string with_unit(const std::string& name, const std::string& unit) {
  return unit.empty() ? name : name + " (" + unit + ")";
}

// QUANTITY.STATISTIC, QUANTITY's name and unit given.
std::string summarised(std::string_view statistic, const std::string& quantity, const std::string& unit) {
  if (statistic == "count") return quantity + ", count";
  const auto it = kStatistics.find(statistic);
  return it == kStatistics.end() ? "" : with_unit(quantity + ", " + it->second, unit);
}

// "kinds.KIND.REST": a traffic kind's counter, drop reason or latency.
std::string kind_metric(std::string_view kind, std::string_view rest) {
  const std::string messages = std::string(kind) + " messages";
  if (const auto it = kKindCounts.find(rest); it != kKindCounts.end()) return messages + " " + it->second;
  if (rest.starts_with("dropped.")) return messages + " dropped: " + std::string(rest.substr(8));
  for (const auto& [quantity, name] : std::vector<std::pair<std::string_view, std::string>>{
           {"latency_s.", "latency of " + messages}, {"fetch_latency_s.", "time until " + messages + " are fetched"}})
    if (rest.starts_with(quantity)) return summarised(rest.substr(quantity.size()), name, "s");
  return "";
}

// The unit a key carries ("..._bits" -> bits), or "".
std::string unit_of_key(std::string_view metric) {
  for (const auto& [suffix, unit] : std::vector<std::pair<std::string_view, std::string>>{
           {"_per_s", "1/s"}, {"_bits", "bits"}, {"_nats", "nats"}, {"_s", "s"}})
    for (std::size_t at = metric.find(suffix); at != std::string_view::npos; at = metric.find(suffix, at + 1))
      if (at + suffix.size() == metric.size() || metric[at + suffix.size()] == '.') return unit;
  return "";
}

std::string documented(std::string_view metric) {
  if (const auto it = kWhole.find(metric); it != kWhole.end()) return it->second;
  if (metric.starts_with("kinds.")) {
    const std::string_view rest = metric.substr(6);
    if (const std::size_t dot = rest.find('.'); dot != std::string_view::npos)
      return kind_metric(rest.substr(0, dot), rest.substr(dot + 1));
  }
  if (const std::size_t dot = metric.rfind('.'); dot != std::string_view::npos)
    if (const auto it = kSummarised.find(metric.substr(0, dot)); it != kSummarised.end())
      return summarised(metric.substr(dot + 1), it->second.first, it->second.second);
  return "";
}

}  // namespace

std::string metric_label(std::string_view metric) {
  if (std::string name = documented(metric); !name.empty()) return name;
  return with_unit(std::string(metric), unit_of_key(metric));
}

}  // namespace cli
