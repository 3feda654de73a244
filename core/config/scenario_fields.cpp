// The scenario key table, and the checks of one key's value (type and range).
#include "core/config/scenario_fields.h"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <set>
#include <stdexcept>
#include <unordered_map>
#include <utility>

#include "core/model/mix/mix_strategies.h"
#include "core/model/topology/routing.h"

namespace core::fields {
namespace {

// Sanity bounds: beyond them a run is impossible or meaningless.
constexpr double kMaxSeconds = 1e9;  // simulated time is int64 ns, which ends near 9.2e9 s
constexpr double kMaxRate = 1e9;     // one event per nanosecond, the clock's resolution
// A mean time 1/rate of 1e9 s: a rate is also the rate of exponential delays and gaps, and
// those far beyond every run's end are cut at sim::kLatest, harmlessly; below this a stream
// would never fire in any run anyway.
constexpr double kMinRate = 1e-9;
constexpr double kMaxCount = 1'000'000;
constexpr double kMaxLayers = 64;
constexpr double kMaxClients = 10'000'000;
constexpr double kMaxMixes = kMaxLayers * kMaxCount;
constexpr double kMaxPayload = 1 << 20;
constexpr double kMaxSigma = 10;        // a log-normal duration's sigma: e^(10 sigma) is already 1e43
constexpr double kMaxExponent = 100;    // a Zipf exponent: beyond it every weight but the first is 0

constexpr Bounds at_least(double minimum, double maximum = kNoMaximum) {
  return {minimum, false, maximum};
}
constexpr Bounds above(double minimum, double maximum) { return {minimum, true, maximum}; }
constexpr Bounds fraction() { return {0, false, 1, false}; }
constexpr Bounds rate() { return {kMinRate, false, kMaxRate, true, false, true}; }
constexpr Bounds rate_or_zero() { return {kMinRate, false, kMaxRate, true, true, true}; }

// The Scenario member a row sets, as a function usable in a static table.
#define MEMBER(m) [](Scenario& s) -> Slot { return &s.m; }
// The parameters of a duration's distribution (a TimeDistribution member M) under GROUP,
// the distribution's own row coming first.
#define DURATION_PARAMETERS(group, m, noun)                                                      \
  {group "/value", MEMBER(m.value), at_least(0, kMaxSeconds), "s", "",                           \
   "The " noun " when distribution is constant."},                                               \
  {group "/mean", MEMBER(m.mean), at_least(0, kMaxSeconds), "s", "",                             \
   "The mean " noun " when distribution is exponential or lognormal; must then be greater than 0."}, \
  {group "/min", MEMBER(m.min), at_least(0, kMaxSeconds), "s", "",                               \
   "The shortest " noun " when distribution is uniform."},                                       \
  {group "/max", MEMBER(m.max), at_least(0, kMaxSeconds), "s", "",                               \
   "The longest " noun " when distribution is uniform; must then be at least min."},             \
  {group "/sigma", MEMBER(m.sigma), above(0, kMaxSigma), "", "",                                 \
   "The standard deviation of the logarithm of the " noun " when distribution is lognormal."}

// clang-format off
const std::vector<Field> kFields = {
    {"/name", MEMBER(name), {}, "", "", "Label of the scenario, copied into the results."},
    {"/seed", MEMBER(seed), at_least(0), "", "",
     "Master seed: every random stream derives from it, so a seed fixes the whole run."},
    {"/run/horizon", MEMBER(horizon), above(0, kMaxSeconds), "s", "",
     "Simulated time after which nothing new is sent; the run stops there, or after /run/drain."},
    {"/run/warmup", MEMBER(warmup), at_least(0, kMaxSeconds), "s", "",
     "Statistics count only packets sent after this time; must be less than /run/horizon."},
    {"/run/drain", MEMBER(drain), at_least(0, kMaxSeconds), "s", "",
     "After the horizon, the packets in flight go on for at most this long (the run ends "
     "earlier once none is left), while nothing new is sent; 0 for no drain."},
    {"/topology/providers", MEMBER(providers), at_least(1, kMaxCount), "", "P",
     "Number of providers, the first and last hop of every route."},
    {"/topology/layers", MEMBER(layers), at_least(1, kMaxLayers), "", "L",
     "Number of mix layers in the stratified topology."},
    {"/topology/mixes_per_layer", MEMBER(mixes_per_layer), at_least(1, kMaxCount), "", "W",
     "Number of mixes in every layer."},
    {"/topology/clients", MEMBER(clients), at_least(1, kMaxClients), "", "U",
     "Number of clients (users)."},
    {"/topology/assignment", MEMBER(assignment), {}, "", "",
     "How clients are registered with providers: round_robin (in turn) or random."},
    {"/topology/kind", MEMBER(topology_kind), {}, "", "",
     "How a route picks its L mixes: stratified (one of each layer, as in Loopix), cascade "
     "(/topology/chains fixed chains of L mixes, one chosen per message) or free_route (each "
     "hop any mix; see /topology/distinct_hops)."},
    {"/topology/chains", MEMBER(chains), at_least(1, kMaxCount), "", "C",
     "cascade: the number of chains; the mix grid then has one mix per chain in every layer "
     "(/topology/mixes_per_layer, if given, must equal it)."},
    {"/topology/distinct_hops", MEMBER(distinct_hops), {}, "", "",
     "free_route: no mix twice on one route (true), or every hop uniform among all mixes (false)."},
    {"/traffic/payload_rate", MEMBER(payload_rate), rate_or_zero(), "1/s", "lambda_P",
     "Per client: payload-or-drop events; each sends the head of the send buffer, or a drop "
     "message if it is empty."},
    {"/traffic/loop_rate", MEMBER(loop_rate), rate_or_zero(), "1/s", "lambda_L",
     "Per client: loop cover messages, addressed to the client itself."},
    {"/traffic/drop_rate", MEMBER(drop_rate), rate_or_zero(), "1/s", "lambda_D",
     "Per client: drop cover messages, discarded by a random provider."},
    {"/traffic/mix_loop_rate", MEMBER(mix_loop_rate), rate_or_zero(), "1/s", "lambda_M",
     "Per mix: loop messages that return to the emitting mix."},
    {"/workload/rate", MEMBER(workload_rate), rate_or_zero(), "1/s", "",
     "Per client: real messages entering the send buffer (a Poisson process)."},
    {"/workload/recipients", MEMBER(recipients), at_least(0, kMaxClients - 1), "", "",
     "Recipient of each real message: \"uniform\" (any other client) or an array of client "
     "indices to choose from uniformly."},
    {"/workload/group", MEMBER(group), {}, "", "",
     "true: each real message is a group message to one of the client's groups "
     "(/clients/groups, one drawn uniformly), sent as a unicast copy to every other member, "
     "each copy its own payload message; a client in no group writes to its recipients instead."},
    {"/workload/contacts", MEMBER(contacts), at_least(0, kMaxCount), "", "",
     "If > 0: each client draws this many distinct contacts among its candidate recipients "
     "(/workload/recipients) at the start, by /workload/popularity, and sends each real message "
     "to one of them, uniformly; 0: to any candidate."},
    {"/workload/popularity", MEMBER(popularity), {}, "", "",
     "How contacts are drawn: uniform (every candidate equally likely) or zipf (the candidate "
     "of popularity rank r weighs 1 / r^s, s = /workload/zipf_exponent; the ranking of the "
     "clients is a permutation drawn from the seed)."},
    {"/workload/zipf_exponent", MEMBER(zipf_exponent), at_least(0, kMaxExponent), "", "s",
     "The exponent of the Zipf law of /workload/popularity."},
    {"/workload/file", MEMBER(workload_file), {}, "", "",
     "A recorded workload, replayed instead of the Poisson workload of the clients it names as "
     "senders: a CSV file (header time_s,sender,recipient,size_bytes), its path relative to the "
     "scenario file; a message larger than one payload (/sphinx/payload_size minus its 16-byte "
     "zero prefix) goes as several, its latency that of its last part. \"\" for none."},
    {"/workload/send", MEMBER(sending), {}, "", "",
     "How a client sends its real messages: buffer (into the FIFO send buffer that the "
     "payload-or-drop stream drains, as in Loopix) or immediately (each as a payload as soon "
     "as it is created, for comparisons with models without cover; the payload-or-drop stream "
     "then sends only drop messages)."},
    {"/delays/mu", MEMBER(mu), rate(), "1/s", "mu",
     "Rate of the exponential delay of every delaying hop; the mean delay is 1/mu."},
    {"/delays/provider_delay", MEMBER(provider_delay), {}, "", "",
     "Whether the ingress provider (and a provider on a mix loop) delays too, giving L + 1 "
     "delays instead of L."},
    {"/mixes/strategy", MEMBER(mix_strategy), {}, "", "",
     "When the packets a mix pooled leave: poisson (each after the delay its sender chose, "
     "as in Loopix), round (all at the end of each round of /mixes/round seconds, the paper's "
     "synchronous variant), timed_pool (every /mixes/period seconds, all but /mixes/keep "
     "chosen at random) or threshold (all, once /mixes/threshold are pooled). Only poisson "
     "reads the senders' delays."},
    {"/mixes/round", MEMBER(mix_round), above(0, kMaxSeconds), "s", "",
     "round: the length of a round; boundaries at multiples of it."},
    {"/mixes/random_phase", MEMBER(mix_random_phase), {}, "", "",
     "round: shift each mix's boundaries by a phase drawn uniformly in [0, /mixes/round) "
     "(false: rounds aligned across mixes)."},
    {"/mixes/period", MEMBER(mix_period), above(0, kMaxSeconds), "s", "",
     "timed_pool: time between flushes; flushes at multiples of it."},
    {"/mixes/keep", MEMBER(mix_keep), at_least(0, kMaxCount), "", "",
     "timed_pool: packets kept in the pool at every flush (chosen at random)."},
    {"/mixes/threshold", MEMBER(mix_threshold), at_least(1, kMaxCount), "", "",
     "threshold: pooled packets that make the mix flush."},
    {"/pull/period", MEMBER(pull_period), at_least(0, kMaxSeconds), "s", "",
     "Time between two pulls of a client's inbox; 0 turns pulls off (the egress provider "
     "then delivers each message and keeps no inbox)."},
    {"/pull/messages", MEMBER(pull_messages), at_least(1, kMaxCount), "", "K",
     "Messages in every pull answer: real ones first, padded with dummies."},
    {"/pull/inbox_capacity", MEMBER(inbox_capacity), at_least(0, kMaxCount), "", "",
     "Messages a client's inbox at its provider holds; one more is dropped (reason "
     "inbox_full). 0: no limit."},
    {"/online/model", MEMBER(online), {}, "", "",
     "always (every client online throughout), alternating (online and offline periods in "
     "turn, drawn from /online/on and /online/off, starting in the stationary state) or "
     "schedule (the online periods /online/file lists). An offline client sends nothing, cover "
     "included, and does not pull; its inbox fills; back online, it pulls at once, then every "
     "/pull/period."},
    {"/online/on/distribution", MEMBER(online_period.distribution), {}, "", "",
     "Length of an online period: constant (value), exponential (mean), uniform (min to max) "
     "or lognormal (mean, sigma)."},
    DURATION_PARAMETERS("/online/on", online_period, "online period"),
    {"/online/off/distribution", MEMBER(offline_period.distribution), {}, "", "",
     "Length of an offline period: constant (value), exponential (mean), uniform (min to max) "
     "or lognormal (mean, sigma)."},
    DURATION_PARAMETERS("/online/off", offline_period, "offline period"),
    {"/online/file", MEMBER(online_file), {}, "", "",
     "For /online/model schedule: a CSV file (header client,online_from_s,online_until_s), its "
     "path relative to the scenario file, each row one online period [from, until) of a client "
     "(a client index; periods of one client may not overlap). A client of the class without a "
     "row is offline throughout; rows of clients in other classes are for those classes."},
    {"/replies/probability", MEMBER(reply_probability), fraction(), "", "",
     "Probability that a real message carries a single-use reply block (a header for a route "
     "back to its sender, chosen by the sender, with the route's payload keys), which its "
     "recipient uses once to answer without learning the sender's address. The block and the "
     "message must fit one payload (/sphinx/payload_size)."},
    {"/replies/ack", MEMBER(reply_ack), {}, "", "",
     "true: the answer is an acknowledgement (kind ack), sent at once when the recipient "
     "fetches the message; false: a reply message (kind reply), which enters the recipient's "
     "send buffer like any real message."},
    {"/clients/classes", MEMBER(classes), {}, "", "",
     "Client classes: an array of objects, each with a name, a count or a share of "
     "/topology/clients (consecutive client indices, in the array's order), and any of the keys "
     "/traffic/payload_rate, /traffic/loop_rate, /traffic/drop_rate, /workload/rate, "
     "/workload/recipients, /workload/group, /workload/contacts, /workload/popularity, "
     "/workload/zipf_exponent, /pull/period, /online/... and /replies/... where its clients differ from the "
     "scenario's; [] for one class of every client."},
    {"/clients/groups", MEMBER(groups), {}, "", "",
     "Client groups: an array of objects, each with a name, a size (2 to 4096 members) and "
     "optionally classes (an array of class names: the members are drawn among their clients; "
     "all clients if absent); members are drawn from the seed. Clients with /workload/group "
     "true send their real messages to their groups."},
    {"/links/latency/distribution", MEMBER(latency.distribution), {}, "", "",
     "Latency of every link: zero, constant (value), exponential (mean), uniform (min to max) "
     "or lognormal (mean, sigma)."},
    DURATION_PARAMETERS("/links/latency", latency, "latency"),
    {"/links/bandwidth", MEMBER(bandwidth), at_least(0, kMaxRate), "bytes/s", "",
     "Bandwidth of every link: a packet takes (its Sphinx size) / bandwidth to send, after the "
     "packets sent before it on the same link (a FIFO per link); 0: unlimited."},
    {"/service/time/distribution", MEMBER(service_time.distribution), {}, "", "",
     "Time a provider or mix takes to process a packet (on one of its /service/processors): "
     "zero (none), constant (value), exponential (mean), uniform (min to max) or lognormal "
     "(mean, sigma)."},
    DURATION_PARAMETERS("/service/time", service_time, "service time"),
    {"/service/processors", MEMBER(processors), at_least(1, kMaxCount), "", "c",
     "Processors of every provider and mix: packets served at once."},
    {"/service/queue_limit", MEMBER(queue_limit), at_least(0, kMaxCount), "", "",
     "Packets that may wait for a processor at a node; one more is dropped (reason overflow). "
     "0: no limit."},
    {"/epochs/length", MEMBER(epoch_length), at_least(0, kMaxSeconds), "s", "",
     "Key epochs: every provider and mix changes its key (derived from the seed) every this "
     "many seconds, and keeps replay tags only for the current and the previous epoch; 0: one "
     "key for the whole run."},
    {"/epochs/grace", MEMBER(epoch_grace), at_least(0, kMaxSeconds), "s", "",
     "How long into an epoch a node still accepts packets built for the previous epoch's keys; "
     "later ones are dropped as expired. Less than /epochs/length."},
    {"/crypto", MEMBER(crypto), {}, "", "",
     "Packet format: sphinx (real Sphinx packets, processed with OpenSSL at every hop) or none "
     "(the same routes and delays as plain data, for fast sweeps)."},
    {"/sphinx/payload_size", MEMBER(payload_size), at_least(64, kMaxPayload), "bytes", "",
     "Size of a Sphinx payload, its 16-byte zero prefix included."},
    {"/sphinx/max_hops", MEMBER(max_hops), at_least(0, kMaxLayers + 2), "", "",
     "Routing slots in a Sphinx header (the longest route it can carry); 0 means "
     "/topology/layers + 2, what every route needs."},
    {"/adversary/flip_payload", MEMBER(flip_payload), at_least(0, kMaxMixes - 1), "", "",
     "Mixes (layer * mixes_per_layer + index) that flip a payload bit of every packet they "
     "forward; the destination drops such packets as tagged."},
    {"/adversary/replay", MEMBER(replay), at_least(0, kMaxMixes - 1), "", "",
     "Mixes (layer * mixes_per_layer + index) that forward every packet twice; the next hop "
     "drops the copy as a replay."},
    {"/adversary/corrupt", MEMBER(corrupt), at_least(0, kMaxMixes - 1), "", "",
     "Corrupt mixes, which reveal how they map inputs to outputs, so label vectors pass them "
     "unchanged: an array of mix indices, or a number in [0, 1], that fraction of all mixes "
     "(rounded to the nearest count) chosen at random from the seed."},
    {"/adversary/corrupt_providers", MEMBER(corrupt_providers), at_least(0, kMaxCount - 1), "", "",
     "Corrupt providers, which reveal what they see of their clients (/adversary/provider_role) "
     "in the observation stream: an array of provider indices, or a number in [0, 1], that "
     "fraction of all providers chosen at random from the seed."},
    {"/adversary/provider_role", MEMBER(provider_role), {}, "", "",
     "What a corrupt provider reveals: ingress (its clients' sending), egress (their inboxes: "
     "deposits, pulls, what each pull returned) or both."},
    {"/adversary/gpa", MEMBER(gpa), {}, "", "",
     "A global passive adversary: the observation stream holds the time, sender and receiver of "
     "every packet put on a link (pull answers included)."},
    {"/adversary/window", MEMBER(adversary_window), above(0, kMaxSeconds), "s", "",
     "The shortest observation window of the unobservability tests; they use this window and its "
     "doublings up to the time from the warm-up to the horizon."},
    {"/adversary/advantage", MEMBER(adversary_advantage), {0, true, 1, false}, "", "",
     "The advantage (true minus false positive rate) whose time to reach each unobservability test "
     "reports: the shortest window in which it is reached."},
    {"/adversary/disclosure/targets", MEMBER(disclosure_targets), at_least(0, kMaxClients - 1), "", "",
     "Clients the statistical disclosure attack targets (by the GPA or corrupt ingress providers, "
     "for their sending, and corrupt egress providers, for the deposits): an array of client indices."},
    {"/adversary/disclosure/round", MEMBER(disclosure_round), above(0, kMaxSeconds), "s", "",
     "The length of its observation rounds."},
    {"/adversary/block/mixes", MEMBER(block_mixes), at_least(0, kMaxMixes - 1), "", "",
     "An active adversary's (n-1) attack: the mixes (layer * mixes_per_layer + index) into which "
     "it blocks packets on their links."},
    {"/adversary/block/fraction", MEMBER(block_fraction), fraction(), "", "",
     "The share of the packets sent to those mixes that it discards (drop reason blocked), each "
     "independently."},
    {"/adversary/block/start", MEMBER(block_start), at_least(0, kMaxSeconds), "s", "",
     "When the attack starts."},
    {"/adversary/block/duration", MEMBER(block_duration), at_least(0, kMaxSeconds), "s", "",
     "How long the attack lasts; 0: to the end of the run."},
    {"/adversary/block/spare", MEMBER(block_spare), at_least(0, kMaxClients - 1), "", "",
     "Clients whose real messages the attack lets through (its targets): an array of client indices."},
    {"/adversary/block/delay", MEMBER(block_delay), at_least(0, kMaxSeconds), "s", "",
     "0: the attack discards the packets it blocks; more: it holds each that long on the link "
     "instead, and the packet then arrives (once; it is not blocked again)."},
    {"/adversary/block/flood", MEMBER(block_flood), rate_or_zero(), "1/s", "",
     "0: none; more: during the attack it also sends its own packets into each of those mixes, "
     "a Poisson stream at this rate (traffic kind flood): drop messages built like a mix loop's "
     "first part, from a node that sends to the mix, through the later layers to a provider. It "
     "never blocks them, and knows them when they leave the mix."},
    {"/faults/outage/mixes", MEMBER(outage_mixes), at_least(0, kMaxMixes - 1), "", "",
     "Mixes that are down for a while, without an attacker: every packet sent to them then is lost "
     "(drop reason outage)."},
    {"/faults/outage/start", MEMBER(outage_start), at_least(0, kMaxSeconds), "s", "",
     "When the outage starts."},
    {"/faults/outage/duration", MEMBER(outage_duration), at_least(0, kMaxSeconds), "s", "",
     "How long it lasts; 0: to the end of the run."},
    {"/detection/window", MEMBER(detection_window), at_least(0, kMaxSeconds), "s", "",
     "Loop-based detection: every mix counts its own loops coming back in consecutive windows of "
     "this length from the warm-up, and raises an alarm when too few do; 0: off."},
    {"/detection/false_alarm", MEMBER(detection_false_alarm), {0, true, 1, false}, "", "",
     "The chance of an alarm in one window without attack or loss: the threshold is the largest "
     "count t with P(Poisson(rate * window) < t) at most this."},
    {"/detection/clients", MEMBER(detection_clients), {}, "", "",
     "Clients detect too, from their own loops deposited in their inboxes."},
    {"/anonymity/levels", MEMBER(anonymity_levels), {}, "", "",
     "Label-vector anonymity metrics to compute: an array of \"message\" (each target message "
     "its own label; entropy over the messages leaving the network, as the Nym simulator, MiXiM "
     "and LARMix report) and \"sender\" (labels are senders; entropy at delivery); [] for none."},
    {"/anonymity/senders", MEMBER(anonymity_senders), at_least(0, kMaxClients - 1), "", "",
     "Clients whose payload messages sent after the warm-up are the targets of the "
     "label-vector anonymity: \"all\" or an array of client indices."},
    {"/anonymity/sample", MEMBER(anonymity_sample), fraction(), "", "",
     "Fraction of those messages taken as targets (each by a hash of the seed and its id); "
     "0 turns the label-vector anonymity off."},
    {"/anonymity/targets", MEMBER(anonymity_targets), at_least(0, kMaxCount), "", "",
     "At most this many targets: the first ones sent after the warm-up; 0 for no limit."},
    {"/anonymity/exit", MEMBER(anonymity_exit), {}, "", "",
     "Where the message-level anonymity sees a message leave the network: last_mix (its "
     "departure from a last-layer mix) or delivery (the end of its route)."},
    {"/challenge/senders", MEMBER(challenge_senders), at_least(0, kMaxClients - 1), "", "",
     "The challengers S0 and S1 of the sender-receiver unlinkability analysis: two client "
     "indices, or an empty array for none."},
    {"/challenge/recipient", MEMBER(challenge_recipient), at_least(0, kMaxClients - 1), "", "",
     "Client index of the recipient R of the challengers' messages."},
    {"/challenge/rate", MEMBER(challenge_rate), rate(), "1/s", "",
     "Per challenger: real messages to R entering its send buffer (Poisson), on top of "
     "/workload/rate."},
    {"/challenge/duration", MEMBER(challenge_duration), above(0, kMaxSeconds), "s", "",
     "The challengers add messages from /run/warmup for this long (or until the run "
     "ends)."},
};
// clang-format on

#undef DURATION_PARAMETERS
#undef MEMBER

const std::vector<std::pair<Assignment, std::string>> kAssignmentNames = {
    {Assignment::RoundRobin, "round_robin"}, {Assignment::Random, "random"}};
const std::vector<std::pair<LatencyDistribution, std::string>> kDistributionNames = {
    {LatencyDistribution::Zero, "zero"},
    {LatencyDistribution::Constant, "constant"},
    {LatencyDistribution::Exponential, "exponential"},
    {LatencyDistribution::Uniform, "uniform"},
    {LatencyDistribution::Lognormal, "lognormal"}};
const std::vector<std::pair<CryptoMode, std::string>> kCryptoNames = {{CryptoMode::Sphinx, "sphinx"},
                                                                       {CryptoMode::None, "none"}};

const std::vector<std::pair<AnonymityExit, std::string>> kExitNames = {{AnonymityExit::LastMix, "last_mix"},
                                                                        {AnonymityExit::Delivery, "delivery"}};
const std::vector<std::string> kLevelNames = {"message", "sender"};
const std::vector<std::pair<Sending, std::string>> kSendingNames = {{Sending::Buffer, "buffer"},
                                                                    {Sending::Immediately, "immediately"}};

const std::vector<std::pair<Online, std::string>> kOnlineNames = {{Online::Always, "always"},
                                                                   {Online::Alternating, "alternating"},
                                                                   {Online::Schedule, "schedule"}};
const std::vector<std::pair<Popularity, std::string>> kPopularityNames = {{Popularity::Uniform, "uniform"},
                                                                          {Popularity::Zipf, "zipf"}};

const std::vector<std::pair<ProviderRole, std::string>> kProviderRoleNames = {
    {ProviderRole::Both, "both"}, {ProviderRole::Ingress, "ingress"}, {ProviderRole::Egress, "egress"}};

const auto& names_for(const Online*) { return kOnlineNames; }
const auto& names_for(const ProviderRole*) { return kProviderRoleNames; }
const auto& names_for(const Popularity*) { return kPopularityNames; }
const auto& names_for(const Assignment*) { return kAssignmentNames; }
const auto& names_for(const AnonymityExit*) { return kExitNames; }
const auto& names_for(const Sending*) { return kSendingNames; }
const auto& names_for(const LatencyDistribution*) { return kDistributionNames; }
const auto& names_for(const CryptoMode*) { return kCryptoNames; }

template <typename Enum>
std::vector<std::string> names_of(const std::vector<std::pair<Enum, std::string>>& table) {
  std::vector<std::string> names;
  for (const auto& entry : table) names.push_back(entry.second);
  return names;
}

// `"a" or "b"`, `"a", "b" or "c"`: the choices as they appear in an expectation.
std::string quoted_choices(const std::vector<std::string>& choices) {
  std::string text;
  for (std::size_t i = 0; i < choices.size(); ++i) {
    if (i > 0) text += i + 1 == choices.size() ? " or " : ", ";
    text += Json(choices[i]).dump();
  }
  return text;
}

std::string hint_for(const Json& value, const std::vector<std::string>& choices) {
  if (!value.is_string()) return "";
  auto close = closest(value.get<std::string>(), choices);
  return close ? "; did you mean " + Json(*close).dump() + "?" : "";
}

// ---- checks ---------------------------------------------------------------------------

// The integer value, or nothing if VALUE is not a JSON integer (2.0 is not one).
std::optional<double> integer_value(const Json& value) {
  if (value.is_number_unsigned()) return static_cast<double>(value.get<std::uint64_t>());
  if (value.is_number_integer()) return static_cast<double>(value.get<std::int64_t>());
  return std::nullopt;
}

std::optional<double> number_value(const Json& value) {
  if (!value.is_number()) return std::nullopt;
  double number = value.get<double>();
  return std::isfinite(number) ? std::optional<double>(number) : std::nullopt;
}

std::string lower_bound_text(const std::string& noun, const Bounds& bounds) {
  return noun + (bounds.exclusive_minimum ? " > " : " >= ") + format_number(bounds.minimum);
}
std::string upper_bound_text(const std::string& noun, const Bounds& bounds) {
  return noun + " <= " + format_number(bounds.maximum) + (bounds.sanity_maximum ? " (the simulator's limit)" : "");
}

// Checks that NUMBER (nothing: wrong type) lies within BOUNDS; returns the expectation missed.
std::optional<std::string> range_problem(const std::string& noun, const Bounds& bounds,
                                         std::optional<double> number) {
  if (bounds.interval) {
    if (number && ((bounds.zero_or && *number == 0) || (*number >= bounds.minimum && *number <= bounds.maximum)))
      return std::nullopt;
    return (bounds.zero_or ? "0 or " : "") + noun + " in [" + format_number(bounds.minimum) + ", " +
           format_number(bounds.maximum) + "] (the simulator's limits)";
  }
  bool too_low = !number || *number < bounds.minimum ||
                 (bounds.exclusive_minimum && *number == bounds.minimum);
  if (too_low) return lower_bound_text(noun, bounds);
  if (*number > bounds.maximum) return upper_bound_text(noun, bounds);
  return std::nullopt;
}

// One problem at FIELD's own pointer.
bool reject(const Field& field, const std::string& expected, const Json& value,
            std::vector<Problem>& out, const std::string& hint = "") {
  out.push_back(
      {std::string(field.pointer), "expected " + expected + ", got " + describe(value) + hint});
  return false;
}

bool read_into(const Field& field, const Json& value, std::string& member,
               std::vector<Problem>& out) {
  if (!value.is_string()) return reject(field, "a string", value, out);
  member = value.get<std::string>();
  return true;
}

bool read_into(const Field& field, const Json& value, std::uint64_t& member,
               std::vector<Problem>& out) {
  if (auto expected = range_problem("an integer", field.bounds, integer_value(value)))
    return reject(field, *expected, value, out);
  member = value.get<std::uint64_t>();
  return true;
}

bool read_into(const Field& field, const Json& value, int& member, std::vector<Problem>& out) {
  if (auto expected = range_problem("an integer", field.bounds, integer_value(value)))
    return reject(field, *expected, value, out);
  member = static_cast<int>(value.get<std::int64_t>());
  return true;
}

bool read_into(const Field& field, const Json& value, double& member, std::vector<Problem>& out) {
  if (auto expected = range_problem("a number", field.bounds, number_value(value)))
    return reject(field, *expected, value, out);
  member = value.get<double>();
  return true;
}

bool read_into(const Field& field, const Json& value, bool& member, std::vector<Problem>& out) {
  if (!value.is_boolean()) return reject(field, "true or false", value, out);
  member = value.get<bool>();
  return true;
}

// A name among a registry's (NAMES): a mix strategy, a topology kind.
bool read_name(const Field& field, const Json& value, const std::vector<std::string>& names, std::string& member,
               std::vector<Problem>& out) {
  if (value.is_string() && std::find(names.begin(), names.end(), value.get<std::string>()) != names.end()) {
    member = value.get<std::string>();
    return true;
  }
  return reject(field, quoted_choices(names), value, out, hint_for(value, names));
}
bool read_into(const Field& field, const Json& value, MixStrategyName& member, std::vector<Problem>& out) {
  return read_name(field, value, mix_strategy_names(), member.name, out);
}
bool read_into(const Field& field, const Json& value, TopologyKindName& member, std::vector<Problem>& out) {
  return read_name(field, value, topology_kind_names(), member.name, out);
}

template <typename Enum>
bool read_into(const Field& field, const Json& value, Enum& member, std::vector<Problem>& out) {
  const auto& table = names_for(&member);
  for (const auto& [choice, name] : table) {
    if (value.is_string() && value.get<std::string>() == name) {
      member = choice;
      return true;
    }
  }
  auto names = names_of(table);
  return reject(field, quoted_choices(names), value, out, hint_for(value, names));
}

// An array of distinct indices (NOUN: "client", "mix") within FIELD's bounds, or nothing
// after appending one problem per faulty element.
std::optional<std::vector<int>> read_indices(const Field& field, const Json& value, const std::string& noun,
                                             std::vector<Problem>& out) {
  std::vector<int> indices;
  std::unordered_map<int, std::size_t> first_at;  // index -> its first position: O(n) in all
  bool valid = true;
  for (std::size_t i = 0; i < value.size(); ++i) {
    const Json& element = value[i];
    if (auto missed = range_problem("a " + noun + " index", field.bounds, integer_value(element))) {
      out.push_back({std::string(field.pointer) + "/" + std::to_string(i), "expected " + *missed + ", got " + describe(element)});
      valid = false;
      continue;
    }
    int index = static_cast<int>(element.get<std::int64_t>());
    const auto [earlier, fresh] = first_at.try_emplace(index, i);
    if (!fresh) {
      out.push_back({std::string(field.pointer) + "/" + std::to_string(i),
                     "expected distinct " + noun + " indices, got " + describe(element) + " again (first at " +
                         std::string(field.pointer) + "/" + std::to_string(earlier->second) + ")"});
      valid = false;
    }
    indices.push_back(index);
  }
  if (!valid) return std::nullopt;
  return indices;
}

// An array of distinct NOUN indices (possibly empty), or, with WORD, either WORD (read as
// the empty list) or a non-empty array. Indices are checked against the topology later.
std::optional<std::vector<int>> read_index_list(const Field& field, const Json& value, const std::string& noun,
                                                const char* word, std::vector<Problem>& out) {
  if (word == nullptr) {
    if (!value.is_array()) {
      reject(field, "an array of " + noun + " indices", value, out);
      return std::nullopt;
    }
  } else {
    if (value == Json(word)) return std::vector<int>{};
    if (!value.is_array() || value.empty()) {
      reject(field, Json(word).dump() + " or a non-empty array of " + noun + " indices", value, out,
             hint_for(value, {word}));
      return std::nullopt;
    }
  }
  return read_indices(field, value, noun, out);
}

// Stores a list read by read_index_list, if it was valid.
bool store(std::optional<std::vector<int>> indices, std::vector<int>& member) {
  if (indices) member = std::move(*indices);
  return indices.has_value();
}

bool read_into(const Field& field, const Json& value, std::vector<int>& member, std::vector<Problem>& out) {
  return store(read_index_list(field, value, "client", "uniform", out), member);
}
bool read_into(const Field& field, const Json& value, SenderSet& member, std::vector<Problem>& out) {
  return store(read_index_list(field, value, "client", "all", out), member.clients);
}
bool read_into(const Field& field, const Json& value, ClientList& member, std::vector<Problem>& out) {
  return store(read_index_list(field, value, "client", nullptr, out), member.clients);
}
bool read_into(const Field& field, const Json& value, MixSet& member, std::vector<Problem>& out) {
  return store(read_index_list(field, value, "mix", nullptr, out), member.mixes);
}

// A number in [0, 1] (a fraction of all NOUNs), or an array of distinct NOUN indices.
bool read_share(const Field& field, const Json& value, const std::string& noun, NodeShare& member,
                std::vector<Problem>& out) {
  const std::string expected = "a fraction in [0, 1] or an array of " + noun + " indices";
  if (value.is_number()) {
    const std::optional<double> number = number_value(value);
    if (!number || *number < 0 || *number > 1) return reject(field, expected, value, out);
    member.listed.clear();
    member.fraction = *number;
    return true;
  }
  if (!value.is_array()) return reject(field, expected, value, out);
  member.fraction = -1;
  return store(read_indices(field, value, noun, out), member.listed);
}
bool read_into(const Field& field, const Json& value, MixShare& member, std::vector<Problem>& out) {
  return read_share(field, value, "mix", member, out);
}
bool read_into(const Field& field, const Json& value, ProviderShare& member, std::vector<Problem>& out) {
  return read_share(field, value, "provider", member, out);
}

// An array of distinct level names, possibly empty.
bool read_into(const Field& field, const Json& value, AnonymityLevels& member, std::vector<Problem>& out) {
  const std::string expected = "an array of distinct names from " + quoted_choices(kLevelNames);
  if (!value.is_array()) return reject(field, expected, value, out);
  AnonymityLevels levels{false, false};
  bool valid = true;
  for (std::size_t i = 0; i < value.size(); ++i) {
    const Json& element = value[i];
    bool* level = element == Json("message") ? &levels.message : element == Json("sender") ? &levels.sender : nullptr;
    const std::string pointer = std::string(field.pointer) + "/" + std::to_string(i);
    if (level == nullptr || *level) {
      out.push_back({pointer, "expected " + std::string(level ? "distinct names" : quoted_choices(kLevelNames)) +
                                  ", got " + describe(element) + (level ? " again" : hint_for(element, kLevelNames))});
      valid = false;
    } else {
      *level = true;
    }
  }
  if (valid) member = levels;
  return valid;
}

// Client classes and groups need the scenario's other keys: read_classes and read_groups in
// core/config/scenario.cpp.
bool read_into(const Field&, const Json&, std::vector<ClientClass>&, std::vector<Problem>&) {
  throw std::logic_error("client classes are read by the scenario reader, after the other keys");
}
bool read_into(const Field&, const Json&, std::vector<ClientGroup>&, std::vector<Problem>&) {
  throw std::logic_error("client groups are read by the scenario reader, after the classes");
}

// ---- writing back --------------------------------------------------------------------

template <typename T>
Json json_of(const T& member) {
  return Json(member);
}
template <typename Enum>
  requires std::is_enum_v<Enum>
Json json_of(const Enum& member) {
  for (const auto& [choice, name] : names_for(&member))
    if (choice == member) return name;
  return nullptr;
}
Json json_of(const AnonymityLevels& levels) {
  Json names = Json::array();
  if (levels.message) names.push_back("message");
  if (levels.sender) names.push_back("sender");
  return names;
}
Json json_of(const MixSet& set) { return Json(set.mixes); }
Json json_of(const MixStrategyName& strategy) { return Json(strategy.name); }
Json json_of(const TopologyKindName& kind) { return Json(kind.name); }
Json json_of(const SenderSet& set) { return set.clients.empty() ? Json("all") : Json(set.clients); }
Json json_of(const ClientList& list) { return Json(list.clients); }
Json json_of(const NodeShare& share) { return share.fraction >= 0 ? Json(share.fraction) : Json(share.listed); }
Json json_of(const MixShare& share) { return json_of(static_cast<const NodeShare&>(share)); }
Json json_of(const ProviderShare& share) { return json_of(static_cast<const NodeShare&>(share)); }
Json json_of(const std::vector<int>& recipients) {
  return recipients.empty() ? Json("uniform") : Json(recipients);
}
// Every class with all its keys, so that a class reads back the same whatever the scenario's.
Json json_of(const std::vector<ClientClass>& classes) {
  Json out = Json::array();
  for (const ClientClass& c : classes) {
    Json entry = {{"name", c.name}};
    if (c.count >= 0) entry["count"] = c.count;
    else entry["share"] = c.share;
    Scenario scenario;
    scenario.set_profile(c.profile);
    for (const std::string& pointer : class_keys())
      entry[Json::json_pointer(pointer)] = value_of(*find(pointer), scenario);
    out.push_back(std::move(entry));
  }
  return out;
}

Json json_of(const std::vector<ClientGroup>& groups) {
  Json out = Json::array();
  for (const ClientGroup& g : groups) out.push_back({{"name", g.name}, {"size", g.size}, {"classes", g.classes}});
  return out;
}

// Optimal string alignment distance: Levenshtein, with a swap of neighbours costing 1.
std::size_t edit_distance(const std::string& a, const std::string& b) {
  std::vector<std::vector<std::size_t>> d(a.size() + 1, std::vector<std::size_t>(b.size() + 1));
  for (std::size_t i = 0; i <= a.size(); ++i) d[i][0] = i;
  for (std::size_t j = 0; j <= b.size(); ++j) d[0][j] = j;
  for (std::size_t i = 1; i <= a.size(); ++i) {
    for (std::size_t j = 1; j <= b.size(); ++j) {
      std::size_t substitution = d[i - 1][j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1);
      d[i][j] = std::min({d[i - 1][j] + 1, d[i][j - 1] + 1, substitution});
      if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
        d[i][j] = std::min(d[i][j], d[i - 2][j - 2] + 1);
    }
  }
  return d[a.size()][b.size()];
}

std::string lowercase(std::string_view text) {
  std::string lower(text);
  for (char& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return lower;
}

}  // namespace

const std::vector<Field>& all() { return kFields; }

const std::vector<std::string>& class_keys() {
  static const std::vector<std::string> keys = [] {
    std::vector<std::string> out;
    for (const Field& field : kFields) {
      const std::string_view p = field.pointer;
      const bool traffic = p.starts_with("/traffic/") && p != "/traffic/mix_loop_rate";
      // How real messages leave the buffer, and the recorded workload (its rows name their
      // senders), are the whole scenario's.
      const bool workload = p.starts_with("/workload/") && p != "/workload/send" && p != "/workload/file";
      if (traffic || workload || p == "/pull/period" || p.starts_with("/online/") || p.starts_with("/replies/"))
        out.emplace_back(p);
    }
    return out;
  }();
  return keys;
}

const Field* find(std::string_view pointer) {
  for (const Field& field : kFields)
    if (field.pointer == pointer) return &field;
  return nullptr;
}

bool is_group(std::string_view pointer) { return !keys_of(pointer).empty(); }

std::vector<std::string> keys_of(std::string_view group) {
  std::vector<std::string> keys;
  std::string prefix = std::string(group) + "/";
  for (const Field& field : kFields) {
    if (!field.pointer.starts_with(prefix)) continue;
    std::string_view rest = field.pointer.substr(prefix.size());
    std::string key(rest.substr(0, rest.find('/')));
    if (std::find(keys.begin(), keys.end(), key) == keys.end()) keys.push_back(key);
  }
  return keys;
}

Kind kind_of(const Field& field) {
  Scenario scenario;
  constexpr Kind kinds[] = {Kind::String, Kind::Unsigned, Kind::Integer, Kind::Number,
                            Kind::Boolean, Kind::Choice, Kind::Choice, Kind::Choice,
                            Kind::Recipients, Kind::Mixes, Kind::Senders, Kind::Clients, Kind::Share,
                            Kind::Share, Kind::Choice, Kind::Levels, Kind::Choice, Kind::Choice, Kind::Choice,
                            Kind::Choice, Kind::Choice, Kind::Choice, Kind::Classes, Kind::Groups};
  static_assert(std::size(kinds) == std::variant_size_v<Slot>);
  return kinds[field.slot(scenario).index()];
}

std::vector<std::string> choices_of(const Field& field) {
  Scenario scenario;
  Slot slot = field.slot(scenario);
  if (auto* assignment = std::get_if<Assignment*>(&slot)) return names_of(names_for(*assignment));
  if (auto* distribution = std::get_if<LatencyDistribution*>(&slot))
    return names_of(names_for(*distribution));
  if (auto* crypto = std::get_if<CryptoMode*>(&slot)) return names_of(names_for(*crypto));
  if (auto* exit = std::get_if<AnonymityExit*>(&slot)) return names_of(names_for(*exit));
  if (auto* sending = std::get_if<Sending*>(&slot)) return names_of(names_for(*sending));
  if (auto* online = std::get_if<Online*>(&slot)) return names_of(names_for(*online));
  if (auto* popularity = std::get_if<Popularity*>(&slot)) return names_of(names_for(*popularity));
  if (auto* role = std::get_if<ProviderRole*>(&slot)) return names_of(names_for(*role));
  if (std::holds_alternative<AnonymityLevels*>(slot)) return kLevelNames;
  if (std::holds_alternative<MixStrategyName*>(slot)) return mix_strategy_names();
  if (std::holds_alternative<TopologyKindName*>(slot)) return topology_kind_names();
  return {};
}

bool read(const Field& field, const Json& value, Scenario& scenario, std::vector<Problem>& out) {
  return std::visit([&](auto* member) { return read_into(field, value, *member, out); },
                    field.slot(scenario));
}

Json value_of(const Field& field, const Scenario& scenario) {
  // The slot only gives access to the member; nothing is written through it here.
  Slot slot = field.slot(const_cast<Scenario&>(scenario));
  return std::visit([](const auto* member) { return json_of(*member); }, slot);
}

std::optional<std::string> closest(std::string_view word,
                                   const std::vector<std::string>& candidates) {
  const std::string lower_word = lowercase(word);
  const std::size_t tolerance = std::min<std::size_t>(2, std::max<std::size_t>(1, word.size() / 3));
  std::optional<std::string> best;
  std::size_t best_distance = tolerance + 1;
  for (const std::string& candidate : candidates) {
    std::size_t distance = edit_distance(lower_word, lowercase(candidate));
    if (distance < best_distance) {
      best = candidate;
      best_distance = distance;
    }
  }
  return best;
}

std::string describe(const Json& value) {
  if (value.is_object()) return value.empty() ? "an empty object" : "an object";
  if (value.is_array()) return value.empty() ? "an empty array" : "an array";
  std::string text = value.dump(-1, ' ', false, Json::error_handler_t::replace);
  constexpr std::size_t kLongest = 60;
  if (text.size() <= kLongest) return text;
  std::size_t cut = kLongest;
  while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) --cut;  // UTF-8
  return text.substr(0, cut) + "...";
}

std::string format_number(double value) {
  if (std::isfinite(value) && std::trunc(value) == value && std::fabs(value) < 1e15)
    return std::to_string(static_cast<long long>(value));
  return Json(value).dump();
}

}  // namespace core::fields
