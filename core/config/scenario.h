// A Loopix scenario as typed values (seconds and events per second, as in the JSON), and
// the functions that load, validate, override and print it.
#pragma once
#include <cstdint>
#include <nlohmann/json_fwd.hpp>
#include <stdexcept>
#include <string>
#include <vector>

#include "core/model/key_epochs.h"

namespace core {

enum class Assignment { RoundRobin, Random };  // how clients are registered with providers
enum class LatencyDistribution { Zero, Constant, Exponential, Uniform, Lognormal };
enum class CryptoMode { Sphinx, None };  // real Sphinx packets, or routes as plain data
// How a client sends its real messages: through the FIFO send buffer that the payload-or-drop
// stream drains (Loopix), or each as soon as it is created (a client without that cover).
enum class Sending { Buffer, Immediately };
// Where a message leaves the network for the message-level anonymity: at its departure from
// a last-layer mix (as the Nym simulator and MiXiM measure), or at the end of its route.
enum class AnonymityExit { LastMix, Delivery };

// Which label-vector anonymity metrics run (Sec. 4.3): message level (labels are target
// messages), sender level (labels are senders).
struct AnonymityLevels {
  bool message = true;
  bool sender = false;
  bool operator==(const AnonymityLevels&) const = default;
};

// A set of mixes by index (layer * mixes_per_layer + index in layer), distinct.
struct MixSet {
  std::vector<int> mixes;
  bool contains(int mix) const;
  bool operator==(const MixSet&) const = default;
};

// Clients by index: "all" (an empty list) or the ones listed, distinct.
struct SenderSet {
  std::vector<int> clients;  // empty: every client
  bool operator==(const SenderSet&) const = default;
};

// Clients by index, distinct; possibly none.
struct ClientList {
  std::vector<int> clients;
  bool operator==(const ClientList&) const = default;
};

// Nodes of one role listed by index (distinct), or a fraction of them chosen at random from
// the seed (see core/config/node_share.h).
struct NodeShare {
  std::vector<int> listed;
  double fraction = -1;  // in [0, 1] when given as a fraction; -1: the list
  bool operator==(const NodeShare&) const = default;
};
struct MixShare : NodeShare {};       // of the mixes, by layer * mixes_per_layer + index in layer
struct ProviderShare : NodeShare {};  // of the providers, by index

// What a corrupt provider sees of its clients: their sending (ingress), their inboxes
// (egress), or both.
enum class ProviderRole { Both, Ingress, Egress };

// A topology kind by its registered name (core/model/topology/topologies.cpp).
struct TopologyKindName {
  std::string name = "stratified";
  bool operator==(const TopologyKindName&) const = default;
};

// A mix strategy by its registered name (core/model/mix/mix_strategies.cpp).
struct MixStrategyName {
  std::string name = "poisson";
  bool operator==(const MixStrategyName&) const = default;
};

// A duration (link latency, service time, online and offline periods): zero, constant
// (value), exponential (mean), uniform (min to max) or log-normal (mean, and sigma, the
// standard deviation of its logarithm), in seconds.
struct TimeDistribution {
  LatencyDistribution distribution = LatencyDistribution::Zero;
  double value = 0.0;  // s, for Constant
  double mean = 0.0;   // s, for Exponential and Lognormal
  double min = 0.0;    // s, for Uniform
  double max = 0.0;    // s, for Uniform
  double sigma = 1.0;  // for Lognormal
  double mean_seconds() const;
  bool operator==(const TimeDistribution&) const = default;
};

// Whether a client is always online, alternates online and offline periods drawn from
// distributions, or follows the online periods a file lists (core/config/online_schedule.h).
enum class Online { Always, Alternating, Schedule };
// How a client's contacts are drawn among the candidate recipients: each equally likely, or
// by a Zipf law over a popularity ranking of the clients drawn from the seed.
enum class Popularity { Uniform, Zipf };

// What a client does: its cover and real traffic, whom it writes to, how often it pulls, when
// it is online. The scenario's own keys give every client's profile (Scenario::profile(),
// where the meanings and defaults are); a client class (/clients/classes) states where its
// clients differ.
struct ClientProfile {
  double payload_rate = 0, loop_rate = 0, drop_rate = 0;  // lambda_P, lambda_L, lambda_D
  double workload_rate = 0;
  bool group = false;
  std::vector<int> recipients;
  int contacts = 0;
  Popularity popularity = Popularity::Uniform;
  double zipf_exponent = 0;
  double pull_period = 0;
  Online online = Online::Always;
  TimeDistribution online_period, offline_period;
  std::string online_file;
  double reply_probability = 0;
  bool reply_ack = false;
  bool operator==(const ClientProfile&) const = default;
};

// A group of clients (/clients/groups): `size` members drawn from the seed among the clients
// of the named classes (all clients if none is named).
struct ClientGroup {
  std::string name;
  int size = 0;
  std::vector<std::string> classes;
  bool operator==(const ClientGroup&) const = default;
};
inline constexpr int kMaxGroupSize = 4096;  // a copy's message id holds its index in 12 bits (core/model/split_message.h)

// A class of clients: `count` of them, or a `share` of /topology/clients; classes take
// consecutive client indices in their order.
struct ClientClass {
  std::string name;
  int count = -1;      // -1: given as a share
  double share = -1;   // -1: given as a count
  ClientProfile profile;
  bool operator==(const ClientClass&) const = default;
};

struct Scenario {
  std::string name = "unnamed";
  std::uint64_t seed = 1;

  // run
  double horizon = 600.0;  // s: nothing new is sent after this simulated time
  double warmup = 60.0;    // s: statistics count only packets sent after this time
  double drain = 0.0;      // s: after the horizon, packets in flight go on this long at most

  // topology
  int providers = 3;        // P
  int layers = 3;           // L
  int mixes_per_layer = 3;  // W
  int clients = 100;        // U
  Assignment assignment = Assignment::RoundRobin;
  TopologyKindName topology_kind;  // stratified (Loopix), cascade, free_route
  int chains = 1;                  // cascade: C chains of L mixes (then mixes_per_layer = C)
  bool distinct_hops = false;      // free_route: no mix twice on a route

  // traffic (Poisson rates, per second)
  double payload_rate = 1.0;   // lambda_P, per client
  double loop_rate = 1.0;      // lambda_L, per client
  double drop_rate = 1.0;      // lambda_D, per client
  double mix_loop_rate = 1.0;  // lambda_M, per mix

  // workload: real messages entering each client's send buffer
  double workload_rate = 0.5;   // per client, per second
  std::vector<int> recipients;  // client indices to choose from uniformly; empty = all other clients
  bool group = false;           // real messages go to one of the client's groups, a copy per other member
  int contacts = 0;             // > 0: each client's recipients are this many candidates drawn at start
  Popularity popularity = Popularity::Uniform;  // how contacts are drawn
  double zipf_exponent = 1.0;   // s of the Zipf law: the client of popularity rank r weighs 1 / r^s
  Sending sending = Sending::Buffer;
  std::string workload_file;    // a recorded workload replayed for the clients it names as senders; "" for none
  std::uint64_t message_bytes() const;  // what one payload carries of a workload-file message

  // delays
  double mu = 2.0;              // 1/s: every delaying hop draws Exp(mu), mean 1/mu
  bool provider_delay = true;   // the ingress provider (and a provider on a mix loop) delays too

  // mixes: when the packets a mix pooled leave (core/model/mix/)
  MixStrategyName mix_strategy;   // poisson (Loopix), round, timed_pool, threshold
  double mix_round = 1.0;         // s: round's length
  bool mix_random_phase = false;  // round: each mix's rounds shifted by a random phase
  double mix_period = 1.0;        // s: timed_pool's flush period
  int mix_keep = 0;               // packets a timed pool keeps at every flush
  int mix_threshold = 10;         // packets that make a threshold mix flush

  // pulls
  double pull_period = 1.0;  // s between a client's pulls; 0: no pulls (inboxes are not kept)
  int pull_messages = 4;     // K: messages in every pull answer (padded with dummies)
  int inbox_capacity = 0;    // messages an inbox holds (0: no limit); one more is dropped

  // online and offline periods of the clients
  Online online = Online::Always;
  TimeDistribution online_period{LatencyDistribution::Exponential, 0.0, 3600.0};
  TimeDistribution offline_period{LatencyDistribution::Exponential, 0.0, 3600.0};
  std::string online_file;  // Online::Schedule: the clients' online periods (absolute once read)

  // replies: a real message carries a single-use reply block with this probability; its
  // recipient answers with a reply (through its send buffer), or at once with an acknowledgement
  double reply_probability = 0.0;
  bool reply_ack = false;
  bool replies() const;  // whether any client's messages carry reply blocks

  // client classes; empty: one class, every client with the profile above
  std::vector<ClientClass> classes;
  std::vector<ClientGroup> groups;
  ClientProfile profile() const;              // the profile the scenario's own keys give
  void set_profile(const ClientProfile& p);  // sets those keys

  // links
  TimeDistribution latency;
  double bandwidth = 0.0;  // bytes/s of every link (0: unlimited): a packet takes size / bandwidth to send

  // service: every provider and mix takes `service_time` to process a packet (zero: none),
  // on `processors` processors, with a FIFO queue of at most `queue_limit` packets (0: no limit)
  TimeDistribution service_time;
  int processors = 1;
  int queue_limit = 0;

  // key epochs: node keys change every `epoch_length` seconds (0: never); the previous key is
  // accepted for `epoch_grace` seconds into an epoch; replay tags are kept for two epochs
  double epoch_length = 0.0;
  double epoch_grace = 0.0;
  KeyEpochs key_epochs() const { return {sim::from_seconds(epoch_length), sim::from_seconds(epoch_grace)}; }

  // packets
  CryptoMode crypto = CryptoMode::Sphinx;
  int payload_size = 1024;  // bytes of a Sphinx payload, its 16-byte zero prefix included
  int max_hops = 0;         // routing slots of a Sphinx header; 0: layers + 2, what routes need

  // misbehaving mixes
  MixSet flip_payload;  // flip one payload bit of every packet they forward
  MixSet replay;        // forward every packet twice

  // the adversary's view (core/adversary/adversary_view.h)
  MixShare corrupt;                  // mixes that reveal how they map inputs to outputs
  ProviderShare corrupt_providers;   // providers that reveal what they see of their clients
  ProviderRole provider_role = ProviderRole::Both;
  bool gpa = false;                  // a global passive adversary: every link's timing
  double adversary_window = 10.0;    // the shortest observation window of the attacks, s
  double adversary_advantage = 0.5;  // the advantage whose time to reach is reported

  // the active adversary of an (n-1) attack (core/model/disruption.h): from `block_start` for
  // `block_duration` seconds (0: to the end), it discards each packet sent to one of
  // `block_mixes` with probability `block_fraction`, except real messages of `block_spare`
  MixSet block_mixes;
  double block_fraction = 0.0;
  double block_start = 0.0;
  double block_duration = 0.0;
  ClientList block_spare;
  double block_delay = 0.0;  // > 0: it holds the packets it blocks this long instead of discarding them
  double block_flood = 0.0;  // > 0: it also sends its own packets into each of those mixes at this rate

  // benign loss: these mixes are down (every packet sent to them is lost) from
  // `outage_start` for `outage_duration` seconds (0: to the end)
  MixSet outage_mixes;
  double outage_start = 0.0;
  double outage_duration = 0.0;

  // loop-based detection (analysis/loop_detection.h): every mix (and with
  // `detection_clients` every client) counts its own loops back in windows of
  // `detection_window` seconds (0: off) and raises an alarm when fewer come back than
  // Poisson(rate * window) gives with probability `detection_false_alarm`
  double detection_window = 0.0;
  double detection_false_alarm = 0.001;
  bool detection_clients = false;
  // Whether an adversary observes clients (a GPA, corrupt providers), or anything at all.
  bool observes_clients() const { return gpa || !corrupt_providers.listed.empty() || corrupt_providers.fraction > 0; }
  // the statistical disclosure attack (analysis/disclosure_attack.h) on these clients, in
  // rounds of `disclosure_round` seconds
  ClientList disclosure_targets;
  double disclosure_round = 60.0;
  bool observes() const {
    return observes_clients() || !corrupt.listed.empty() || corrupt.fraction > 0 || !block_mixes.mixes.empty();
  }

  // label-vector anonymity: the targets are these senders' payload messages sent after the
  // warm-up, each kept with probability `anonymity_sample` (a hash of seed and message id),
  // the first `anonymity_targets` of them (0: all)
  AnonymityLevels anonymity_levels;
  SenderSet anonymity_senders;
  double anonymity_sample = 1.0;
  int anonymity_targets = 0;
  AnonymityExit anonymity_exit = AnonymityExit::LastMix;
  bool anonymity() const { return anonymity_sample > 0 && (anonymity_levels.message || anonymity_levels.sender); }

  // sender-receiver unlinkability: challengers S0, S1 (none, or two clients) each add real
  // messages to `challenge_recipient` to their buffer, Poisson at `challenge_rate`, from the
  // warm-up for `challenge_duration` seconds
  ClientList challenge_senders;
  int challenge_recipient = 0;
  double challenge_rate = 1.0;
  double challenge_duration = 60.0;
  bool challenge() const { return challenge_senders.clients.size() == 2; }

  // The longest route: ingress provider, a mix per layer, egress provider.
  int route_hops() const { return layers + 2; }
  int header_hops() const { return max_hops > 0 ? max_hops : route_hops(); }
};

// Every problem found in one pass, each line "SOURCE: /json/path: what was expected".
class ScenarioError : public std::runtime_error {
 public:
  explicit ScenarioError(std::vector<std::string> problems);
  const std::vector<std::string>& problems() const { return problems_; }

 private:
  std::vector<std::string> problems_;
};

// Whether NAME (of a scenario or a sweep) can name its results folder: not empty, not . or ..,
// without / or \ and without control characters (a NUL would cut the folder's name).
bool is_folder_name(const std::string& name);
inline constexpr const char* kFolderNameExpectation =
    "a non-empty name without /, \\ or control characters, other than . and .. (it names the results folder)";

// Reads FILE, applies overrides ("topology.layers=4": the value is parsed as JSON, and
// taken as a string if it is not JSON), validates and returns the typed scenario.
// Throws ScenarioError listing every problem (invalid JSON: file, line and column).
Scenario load_scenario(const std::string& file, const std::vector<std::string>& overrides = {});

// Validates an already parsed document; `source` names it in error messages.
Scenario parse_scenario(const nlohmann::json& document, const std::string& source);

// The resolved scenario: every key, with its defaults filled in. parse_scenario of the
// result gives back the same Scenario.
nlohmann::json to_json(const Scenario& scenario);

}  // namespace core
