// Loading a scenario: reading the file, applying overrides, checking every key against the
// table in scenario_fields.h and the rules that tie keys together, reporting all problems.
#include "core/config/scenario.h"

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <initializer_list>
#include <map>
#include <optional>
#include <set>
#include <sstream>

#include "core/config/client_classes.h"
#include "core/config/json_document.h"
#include "core/config/online_schedule.h"
#include "core/model/reply_body.h"
#include "core/config/workload_file.h"
#include "core/model/split_message.h"
#include "core/sphinx/geometry.h"
#include "core/config/scenario_fields.h"

namespace core {
namespace {

using fields::Json;
using fields::Problem;

std::string join_lines(const std::vector<std::string>& lines) {
  std::string text;
  for (const std::string& line : lines) text += (text.empty() ? "" : "\n") + line;
  return text;
}

// ---- reading a document key by key -----------------------------------------------------

// The keys of a document (the scenario), or of one client class: a class reads only the
// class keys, and takes the scenario's values (`inherited`) for the keys it leaves out.
struct Reading {
  Scenario scenario;
  std::vector<Problem> problems;
  std::map<std::string, const Json*> present;  // keys the document sets, valid or not
  std::set<std::string> invalid;               // keys whose value was rejected
  const Reading* inherited = nullptr;          // for a class: the scenario's reading
  std::map<std::string, const Json*> deferred;  // /clients/classes and /clients/groups, read once every other key is

  bool allowed(const std::string& pointer) const {
    if (inherited == nullptr) return true;
    const auto& keys = fields::class_keys();
    return std::any_of(keys.begin(), keys.end(), [&](const std::string& key) {
      return key == pointer || key.starts_with(pointer + "/");
    });
  }
  std::vector<std::string> keys_of(const std::string& group) const {
    std::vector<std::string> keys = fields::keys_of(group);
    std::erase_if(keys, [&](const std::string& key) { return !allowed(child_of(group, key)); });
    if (inherited && group.empty()) keys.insert(keys.begin(), fields::kClassOwnKeys.begin(), fields::kClassOwnKeys.end());
    return keys;
  }
};

void read_object(const Json& node, const std::string& pointer, Reading& reading) {
  if (!node.is_object()) {
    reading.problems.push_back({pointer, "expected an object, got " + fields::describe(node)});
    return;
  }
  for (const auto& item : node.items()) {
    const std::string child = child_of(pointer, item.key());
    const fields::Field* field = reading.allowed(child) ? fields::find(child) : nullptr;
    if (field && (fields::kind_of(*field) == fields::Kind::Classes || fields::kind_of(*field) == fields::Kind::Groups)) {
      reading.present[child] = reading.deferred[child] = &item.value();
    } else if (field) {
      reading.present[child] = &item.value();
      if (!fields::read(*field, item.value(), reading.scenario, reading.problems))
        reading.invalid.insert(child);
    } else if (reading.allowed(child) && fields::is_group(child)) {
      read_object(item.value(), child, reading);
    } else if (!(reading.inherited && pointer.empty() &&
                 std::count(fields::kClassOwnKeys.begin(), fields::kClassOwnKeys.end(), item.key()))) {
      reading.problems.push_back({child, unknown_key_message(item.key(), reading.keys_of(pointer))});
    }
  }
}

// ---- rules between keys ----------------------------------------------------------------

// True if none of the keys was rejected (a key the document leaves out has its default, and
// a key a class leaves out the scenario's value).
bool usable(const Reading& reading, std::initializer_list<const char*> pointers) {
  return std::none_of(pointers.begin(), pointers.end(), [&](const char* pointer) {
    if (reading.invalid.count(pointer) > 0) return true;
    return reading.inherited && !reading.present.count(pointer) && !usable(*reading.inherited, {pointer});
  });
}

// The value as written, or the default (or, for a class, the scenario's value) marked as such.
std::string got(const Reading& reading, const std::string& pointer) {
  auto written = reading.present.find(pointer);
  if (written != reading.present.end()) return fields::describe(*written->second);
  if (reading.inherited)
    return fields::describe(fields::value_of(*fields::find(pointer), reading.scenario)) + " (the scenario's)";
  return fields::describe(fields::value_of(*fields::find(pointer), Scenario{})) + " (the default)";
}

void expect(Reading& reading, const std::string& pointer, const std::string& expected) {
  reading.problems.push_back({pointer, "expected " + expected + ", got " + got(reading, pointer)});
}

void check_warmup_before_horizon(Reading& reading) {
  const Scenario& s = reading.scenario;
  if (usable(reading, {"/run/horizon", "/run/warmup"}) && s.warmup >= s.horizon)
    expect(reading, "/run/warmup",
           "a number < /run/horizon (" + fields::format_number(s.horizon) + ")");
}

// Grace shorter than an epoch; at most kMaxEpochs epochs (each has its own node keys).
void check_epochs(Reading& reading) {
  constexpr double kMaxEpochs = 1000;
  const Scenario& s = reading.scenario;
  if (!usable(reading, {"/epochs/length", "/epochs/grace", "/run/horizon", "/run/drain"}) || s.epoch_length == 0) return;
  if (s.epoch_grace >= s.epoch_length)
    expect(reading, "/epochs/grace", "a number < /epochs/length (" + fields::format_number(s.epoch_length) + ")");
  const double end = s.horizon + s.drain;
  if (end / s.epoch_length >= kMaxEpochs)
    expect(reading, "/epochs/length",
           "0 or a number > (/run/horizon + /run/drain) / 1000 (" + fields::format_number(end / kMaxEpochs) +
               "): a run has at most 1000 key epochs");
}

// The unobservability tests, the loop detectors and the disclosure attack keep counts per
// node (or target and client) and window: at most 2^28 of them (1 GiB) for each. NODES counts
// what one window holds, as NODES_TEXT says it.
void check_count_budget(Reading& reading, const char* pointer, double window, double nodes, const std::string& nodes_text,
                        const char* who) {
  constexpr double kMaxCounts = 1 << 28;
  const Scenario& s = reading.scenario;
  if (nodes <= 0 || window <= 0 || !usable(reading, {pointer, "/run/horizon", "/run/warmup"})) return;
  const double windows = std::floor((s.horizon - s.warmup) / window) + 1;
  if (windows * nodes > kMaxCounts)
    expect(reading, pointer,
           "a number >= (/run/horizon - /run/warmup) * " + nodes_text + " / 2^28 (" +
               fields::format_number((s.horizon - s.warmup) * nodes / kMaxCounts) + "): " + who +
               " keep a count per window, at most 2^28 of them");
}

void check_count_budgets(Reading& reading) {
  const Scenario& s = reading.scenario;
  if (!usable(reading, {"/topology/clients", "/topology/layers", "/topology/mixes_per_layer"})) return;
  const double clients = s.clients, mixes = static_cast<double>(s.layers) * s.mixes_per_layer;
  if (usable(reading, {"/adversary/gpa", "/adversary/corrupt_providers"}) && s.observes_clients())
    check_count_budget(reading, "/adversary/window", s.adversary_window, 2 * clients, "2 * /topology/clients",
                       "the unobservability tests");
  if (usable(reading, {"/detection/clients"}))
    check_count_budget(reading, "/detection/window", s.detection_window, mixes + (s.detection_clients ? clients : 0),
                       s.detection_clients ? "(/topology/layers * /topology/mixes_per_layer + /topology/clients)"
                                           : "/topology/layers * /topology/mixes_per_layer",
                       "the loop detectors");
  const double targets = static_cast<double>(s.disclosure_targets.clients.size());
  if (usable(reading, {"/adversary/disclosure/targets"}))
    check_count_budget(reading, "/adversary/disclosure/round", s.disclosure_round, targets * clients,
                       "(its targets) * /topology/clients", "the disclosure attack's scores");
}

void check_clients_exist(Reading& reading, const char* pointer, const std::vector<int>& clients) {
  const Scenario& s = reading.scenario;
  if (!usable(reading, {"/topology/clients", pointer})) return;
  for (std::size_t i = 0; i < clients.size(); ++i) {
    if (clients[i] < s.clients) continue;
    reading.problems.push_back({std::string(pointer) + "/" + std::to_string(i), "expected a client index < /topology/clients (" +
                                                                       std::to_string(s.clients) + "), got " +
                                                                       std::to_string(clients[i])});
  }
}

// Two challengers (or none), and a recipient that is neither.
void check_challenge(Reading& reading) {
  const Scenario& s = reading.scenario;
  const std::vector<int>& senders = s.challenge_senders.clients;
  if (!usable(reading, {"/challenge/senders"})) return;
  if (senders.size() == 1 || senders.size() > 2) {
    expect(reading, "/challenge/senders", "an empty array or two client indices [S0, S1]");
    return;
  }
  if (senders.empty()) return;
  if (usable(reading, {"/topology/clients", "/challenge/recipient"})) {
    if (s.challenge_recipient >= s.clients)
      expect(reading, "/challenge/recipient", "a client index < /topology/clients (" + std::to_string(s.clients) + ")");
    else if (s.challenge_recipient == senders[0] || s.challenge_recipient == senders[1])
      expect(reading, "/challenge/recipient", "a client other than the challengers in /challenge/senders");
  }
}

// "uniform" picks among the other clients: a lone client sending real messages has none.
void check_lone_client_has_a_recipient(Reading& reading) {
  const Scenario& s = reading.scenario;
  if (usable(reading, {"/topology/clients", "/workload/recipients", "/workload/rate"}) &&
      s.recipients.empty() && s.clients == 1 && s.workload_rate > 0)
    expect(reading, "/workload/recipients",
           "an array of client indices when /topology/clients is 1 and /workload/rate > 0 "
           "(\"uniform\" means any other client, and there is none)");
}

// The parameters a duration's distribution needs, under GROUP ("/links/latency", "/service/time").
// A PERIOD (online, offline) must moreover be longer than zero: its distribution not zero,
// its constant value or its uniform maximum > 0.
void check_distribution_parameters(Reading& reading, const TimeDistribution& d, const std::string& group,
                                   bool period = false) {
  const std::string when = "when " + group + "/distribution is ";
  const std::string distribution = group + "/distribution", mean = group + "/mean", min = group + "/min",
                    max = group + "/max", value = group + "/value";
  const bool exponential = d.distribution == LatencyDistribution::Exponential,
             lognormal = d.distribution == LatencyDistribution::Lognormal;
  if (usable(reading, {distribution.c_str(), mean.c_str()}) && (exponential || lognormal) && d.mean <= 0)
    expect(reading, mean, "a number > 0 " + when + (exponential ? "\"exponential\"" : "\"lognormal\""));
  if (usable(reading, {distribution.c_str(), min.c_str(), max.c_str()}) &&
      d.distribution == LatencyDistribution::Uniform && d.max < d.min)
    expect(reading, max, "a number >= " + min + " (" + fields::format_number(d.min) + ") " + when + "\"uniform\"");
  if (!period || !usable(reading, {distribution.c_str(), value.c_str(), max.c_str()})) return;
  if (d.distribution == LatencyDistribution::Zero)
    expect(reading, distribution, "\"constant\", \"exponential\", \"uniform\" or \"lognormal\" (a period is longer than zero)");
  if (d.distribution == LatencyDistribution::Constant && d.value <= 0)
    expect(reading, value, "a number > 0 " + when + "\"constant\" (a period is longer than zero)");
  if (d.distribution == LatencyDistribution::Uniform && d.max <= 0)
    expect(reading, max, "a number > 0 " + when + "\"uniform\" (a period is longer than zero)");
}

// Contacts are drawn without repetition among the candidate recipients.
void check_contacts(Reading& reading) {
  const Scenario& s = reading.scenario;
  if (!usable(reading, {"/topology/clients", "/workload/recipients", "/workload/contacts"}) || s.contacts == 0) return;
  const long long candidates = s.recipients.empty() ? s.clients - 1LL : static_cast<long long>(s.recipients.size());
  if (s.contacts > candidates)
    expect(reading, "/workload/contacts",
           "0 or at most the candidate recipients (" + std::to_string(candidates) +
               (s.recipients.empty() ? ": every other client)" : ": /workload/recipients)"));
}

// What a client's profile must satisfy, for the scenario's keys and for every class's.
void check_profile(Reading& reading) {
  check_clients_exist(reading, "/workload/recipients", reading.scenario.recipients);
  check_lone_client_has_a_recipient(reading);
  check_contacts(reading);
  if (usable(reading, {"/online/model", "/online/file"}) && reading.scenario.online == Online::Schedule &&
      reading.scenario.online_file.empty())
    expect(reading, "/online/file", "the CSV file of the online periods, as /online/model is schedule");
  if (!usable(reading, {"/online/model"}) || reading.scenario.online != Online::Alternating) return;
  check_distribution_parameters(reading, reading.scenario.online_period, "/online/on", true);
  check_distribution_parameters(reading, reading.scenario.offline_period, "/online/off", true);
}

// An array of named objects (client classes, groups) under a deferred key.
struct NamedObjects {
  const char* noun;    // for "expected distinct NOUN names"
  const char* plural;  // for "expected an array of at most MAX PLURAL"
  std::size_t max;
};

// Reads the array at AT (if the document has it): each object by READ(object, its pointer,
// its index), which returns its name; names must be distinct. False if the array is missing
// or any problem was found.
template <typename Read>
bool read_named_objects(Reading& reading, const std::string& at, const NamedObjects& what, Read read) {
  if (!reading.deferred.count(at)) return false;
  const Json& value = *reading.deferred[at];
  if (!value.is_array() || value.size() > what.max) {
    reading.problems.push_back({at, "expected an array of at most " + std::to_string(what.max) + " " + what.plural +
                                        " (objects), got " + fields::describe(value)});
    return false;
  }
  const std::size_t before = reading.problems.size();
  std::map<std::string, std::size_t> names;
  for (std::size_t i = 0; i < value.size(); ++i) {
    const std::string pointer = at + "/" + std::to_string(i);
    if (!value[i].is_object()) {
      reading.problems.push_back({pointer, "expected an object (one of the " + std::string(what.plural) + "), got " +
                                               fields::describe(value[i])});
      continue;
    }
    const std::string name = read(value[i], pointer, i);
    const auto [first, fresh] = names.try_emplace(name, i);
    if (!fresh)
      reading.problems.push_back({pointer + "/name", "expected distinct " + std::string(what.noun) + " names, got " +
                                                         Json(name).dump() + " again (first at " + at + "/" +
                                                         std::to_string(first->second) + ")"});
  }
  return reading.problems.size() == before;
}

// A class's name (a label in the tables), and its count or share of the clients.
void read_class_own_keys(const Json& item, ClientClass& c, std::size_t index, const Scenario& s, const std::string& at,
                         std::vector<Problem>& problems) {
  c.name = "class" + std::to_string(index);
  if (item.contains("name")) {
    if (item["name"].is_string() && !item["name"].get<std::string>().empty())
      c.name = item["name"].get<std::string>();
    else
      problems.push_back({at + "/name", "expected a non-empty string, got " + fields::describe(item["name"])});
  }
  if (item.contains("count") == item.contains("share")) {
    problems.push_back({at, "expected either \"count\" (clients) or \"share\" (a fraction of /topology/clients), got " +
                                std::string(item.contains("count") ? "both" : "neither")});
  } else if (item.contains("count")) {
    const Json& count = item["count"];
    if (count.is_number_integer() && count.get<std::int64_t>() >= 0 && count.get<std::int64_t>() <= s.clients)
      c.count = static_cast<int>(count.get<std::int64_t>());
    else
      problems.push_back({at + "/count", "expected an integer in [0, /topology/clients] (" + std::to_string(s.clients) +
                                             "), got " + fields::describe(count)});
  } else {
    const Json& share = item["share"];
    if (share.is_number() && std::isfinite(share.get<double>()) && share.get<double>() >= 0 && share.get<double>() <= 1)
      c.share = share.get<double>();
    else
      problems.push_back({at + "/share", "expected a fraction in [0, 1], got " + fields::describe(share)});
  }
}

// Every class given the same way, covering every client once.
void check_class_sizes(Reading& reading, const std::vector<ClientClass>& classes) {
  const std::string at = "/clients/classes";
  const bool counts = classes.front().count >= 0;
  if (std::any_of(classes.begin(), classes.end(), [&](const ClientClass& c) { return (c.count >= 0) != counts; })) {
    reading.problems.push_back({at, "expected every class to give a \"count\", or every class a \"share\""});
    return;
  }
  double total = 0;
  for (const ClientClass& c : classes) total += counts ? c.count : c.share;
  if (counts && usable(reading, {"/topology/clients"}) && total != reading.scenario.clients)
    reading.problems.push_back({at, "expected counts adding up to /topology/clients (" +
                                        std::to_string(reading.scenario.clients) + "), got " + fields::format_number(total)});
  if (!counts && std::fabs(total - 1) > 1e-9)
    reading.problems.push_back({at, "expected shares adding up to 1, got " + fields::format_number(total)});
}

// /clients/classes, once every other key is read: each class starts from the scenario's
// profile and reads its own keys over it.
void read_classes(Reading& reading) {
  const std::string at = "/clients/classes";
  std::vector<ClientClass> classes;
  const bool read = read_named_objects(reading, at, {"class", "client classes", 1000}, [&](const Json& item, const std::string& pointer, std::size_t i) {
    Reading own;
    own.scenario = reading.scenario;
    own.inherited = &reading;
    read_object(item, "", own);
    check_profile(own);
    ClientClass c;
    read_class_own_keys(item, c, i, reading.scenario, pointer, reading.problems);
    for (const Problem& p : own.problems) reading.problems.push_back({pointer + p.pointer, p.message});
    c.profile = own.scenario.profile();
    classes.push_back(std::move(c));
    return classes.back().name;
  });
  if (!read || classes.empty()) return;
  check_class_sizes(reading, classes);
  reading.scenario.classes = std::move(classes);
}

// A message with a reply block carries the block in its payload (core/model/reply_body.h).
void check_replies_fit(Reading& reading) {
  const Scenario& s = reading.scenario;
  if (!s.replies() || !usable(reading, {"/sphinx/payload_size", "/sphinx/max_hops", "/topology/layers"})) return;
  const sphinx::Geometry geometry(static_cast<std::size_t>(s.header_hops()), static_cast<std::size_t>(s.payload_size));
  const std::size_t needed = sphinx::kPrefixSize + kReplyBodyHeader + sphinx::reply_block_size(geometry);
  if (static_cast<std::size_t>(s.payload_size) < needed)
    expect(reading, "/sphinx/payload_size",
           "at least " + std::to_string(needed) + " bytes, as messages carry reply blocks (/replies/probability > 0) of " +
               std::to_string(sphinx::reply_block_size(geometry)) + " bytes for " + std::to_string(s.header_hops()) + " hops");
}

// The name is the default results folder (results/<name>): one path component.
void check_name_is_a_folder_name(Reading& reading) {
  const std::string& name = reading.scenario.name;
  if (usable(reading, {"/name"}) && !is_folder_name(name)) expect(reading, "/name", kFolderNameExpectation);
}

// A Sphinx header must have a routing slot for every hop of the longest route.
void check_header_fits_routes(Reading& reading) {
  const Scenario& s = reading.scenario;
  if (usable(reading, {"/topology/layers", "/sphinx/max_hops"}) && s.max_hops != 0 &&
      s.max_hops < s.route_hops())
    expect(reading, "/sphinx/max_hops",
           "0 or an integer >= /topology/layers + 2 (" + std::to_string(s.route_hops()) +
               ": ingress provider, a mix per layer, egress provider)");
}

// A cascade has one mix per chain in every layer: /topology/mixes_per_layer is C.
void check_cascade_width(Reading& reading) {
  Scenario& s = reading.scenario;
  if (!usable(reading, {"/topology/kind", "/topology/chains", "/topology/mixes_per_layer"}) ||
      s.topology_kind.name != "cascade")
    return;
  if (reading.present.count("/topology/mixes_per_layer") && s.mixes_per_layer != s.chains)
    expect(reading, "/topology/mixes_per_layer",
           "/topology/chains (" + std::to_string(s.chains) + ") for a cascade (one mix per chain in each layer), or no value");
  s.mixes_per_layer = s.chains;
}

// Every index in the list at POINTER names one of the topology's mixes, or providers.
void check_nodes_exist(Reading& reading, const char* pointer, const std::vector<int>& indices, bool providers) {
  const Scenario& s = reading.scenario;
  if (providers ? !usable(reading, {"/topology/providers", pointer})
                : !usable(reading, {"/topology/layers", "/topology/mixes_per_layer", pointer}))
    return;
  const long long count = providers ? s.providers : static_cast<long long>(s.layers) * s.mixes_per_layer;
  const char* what = providers ? "a provider index < /topology/providers" : "a mix index < /topology/layers * /topology/mixes_per_layer";
  for (std::size_t i = 0; i < indices.size(); ++i) {
    if (indices[i] < count) continue;
    reading.problems.push_back({std::string(pointer) + "/" + std::to_string(i),
                                "expected " + std::string(what) + " (" + std::to_string(count) + "), got " +
                                    std::to_string(indices[i])});
  }
}

// One group: its name, its size (2 to kMaxGroupSize, at most the clients it is drawn from)
// and the classes it is drawn from (names of /clients/classes, distinct).
void read_group(const Json& item, ClientGroup& g, std::size_t index, const Reading& reading, const std::string& at,
                std::vector<Problem>& problems) {
  g.name = "group" + std::to_string(index);
  for (const auto& [key, value] : item.items()) {
    if (key == "name") {
      if (value.is_string() && !value.get<std::string>().empty()) g.name = value.get<std::string>();
      else problems.push_back({at + "/name", "expected a non-empty string, got " + fields::describe(value)});
    } else if (key == "size") {
      if (value.is_number_integer() && value.get<std::int64_t>() >= 2 && value.get<std::int64_t>() <= kMaxGroupSize)
        g.size = static_cast<int>(value.get<std::int64_t>());
      else
        problems.push_back({at + "/size", "expected an integer in [2, 4096], got " + fields::describe(value)});
    } else if (key == "classes") {
      std::set<std::string> seen;
      if (!value.is_array()) problems.push_back({at + "/classes", "expected an array of class names, got " + fields::describe(value)});
      for (std::size_t i = 0; value.is_array() && i < value.size(); ++i) {
        const std::string pointer = at + "/classes/" + std::to_string(i);
        const auto& classes = reading.scenario.classes;
        const std::string name = value[i].is_string() ? value[i].get<std::string>() : "";
        const bool known = value[i].is_string() && std::any_of(classes.begin(), classes.end(),
                                                                [&name](const ClientClass& c) { return c.name == name; });
        if (!known) problems.push_back({pointer, "expected the name of a class of /clients/classes, got " + fields::describe(value[i])});
        else if (!seen.insert(value[i].get<std::string>()).second) problems.push_back({pointer, "expected distinct class names, got " + fields::describe(value[i]) + " again"});
        else g.classes.push_back(value[i].get<std::string>());
      }
    } else {
      problems.push_back({at + "/" + key, unknown_key_message(key, {"name", "size", "classes"})});
    }
  }
  if (!item.contains("size")) problems.push_back({at, "expected a \"size\" (its members), got none"});
}

// /clients/groups, once the classes are read.
void read_groups(Reading& reading) {
  const std::string at = "/clients/groups";
  std::vector<ClientGroup> groups;
  const ClientClasses classes(reading.scenario);
  const bool read = read_named_objects(reading, at, {"group", "client groups", 100'000}, [&](const Json& item, const std::string& pointer, std::size_t i) {
    ClientGroup g;
    const std::size_t mine = reading.problems.size();
    read_group(item, g, i, reading, pointer, reading.problems);
    if (reading.problems.size() == mine && usable(reading, {"/topology/clients"})) {
      long long eligible = 0;
      for (const ClientClasses::Class& c : classes.all())
        if (g.classes.empty() || std::count(g.classes.begin(), g.classes.end(), c.name)) eligible += c.count;
      if (g.size > eligible)
        reading.problems.push_back({pointer + "/size", "expected at most the clients it is drawn from (" + std::to_string(eligible) +
                                                           "), got " + std::to_string(g.size)});
    }
    groups.push_back(std::move(g));
    return groups.back().name;
  });
  if (read) reading.scenario.groups = std::move(groups);
}

// The workload file exists and every row is valid; its path becomes absolute, relative to
// FOLDER (the scenario file's; empty: the working directory).
void check_workload_file(Reading& reading, const std::filesystem::path& folder) {
  Scenario& s = reading.scenario;
  if (s.workload_file.empty() || !usable(reading, {"/workload/file", "/topology/clients", "/sphinx/payload_size"})) return;
  const std::filesystem::path path = std::filesystem::absolute(folder / s.workload_file).lexically_normal();
  try {
    read_workload_file(path.string(), s.clients, s.message_bytes() * SplitPart::kMaxParts);
    s.workload_file = path.string();
  } catch (const CsvError& e) {
    reading.problems.push_back({"/workload/file", e.what()});
  }
}

// Every client profile's online schedule file (the scenario's and each class's): its path
// becomes absolute, relative to FOLDER; where a schedule is used, every row is valid.
void check_online_files(Reading& reading, const std::filesystem::path& folder) {
  Scenario& s = reading.scenario;
  if (!usable(reading, {"/online/file", "/topology/clients"})) return;
  auto check = [&](ClientProfile& p, const std::string& at) {
    if (p.online_file.empty()) return;
    p.online_file = std::filesystem::absolute(folder / p.online_file).lexically_normal().string();
    if (p.online != Online::Schedule) return;
    try {
      read_online_schedule(p.online_file, s.clients);
    } catch (const CsvError& e) {
      reading.problems.push_back({at + "/online/file", e.what()});
    }
  };
  ClientProfile own = s.profile();
  check(own, "");
  s.set_profile(own);
  for (std::size_t i = 0; i < s.classes.size(); ++i) check(s.classes[i].profile, "/clients/classes/" + std::to_string(i));
}

Reading read_document(const Json& document, const std::filesystem::path& folder) {
  Reading reading;
  read_object(document, "", reading);
  check_warmup_before_horizon(reading);
  check_epochs(reading);
  check_count_budgets(reading);
  check_profile(reading);
  read_classes(reading);
  read_groups(reading);
  check_workload_file(reading, folder);
  check_online_files(reading, folder);
  check_clients_exist(reading, "/anonymity/senders", reading.scenario.anonymity_senders.clients);
  check_clients_exist(reading, "/challenge/senders", reading.scenario.challenge_senders.clients);
  check_challenge(reading);
  check_distribution_parameters(reading, reading.scenario.latency, "/links/latency");
  check_distribution_parameters(reading, reading.scenario.service_time, "/service/time");
  check_header_fits_routes(reading);
  check_replies_fit(reading);
  check_cascade_width(reading);
  check_name_is_a_folder_name(reading);
  check_nodes_exist(reading, "/adversary/flip_payload", reading.scenario.flip_payload.mixes, false);
  check_nodes_exist(reading, "/adversary/replay", reading.scenario.replay.mixes, false);
  check_nodes_exist(reading, "/adversary/corrupt", reading.scenario.corrupt.listed, false);
  check_nodes_exist(reading, "/adversary/corrupt_providers", reading.scenario.corrupt_providers.listed, true);
  check_nodes_exist(reading, "/adversary/block/mixes", reading.scenario.block_mixes.mixes, false);
  check_nodes_exist(reading, "/faults/outage/mixes", reading.scenario.outage_mixes.mixes, false);
  check_clients_exist(reading, "/adversary/block/spare", reading.scenario.block_spare.clients);
  check_clients_exist(reading, "/adversary/disclosure/targets", reading.scenario.disclosure_targets.clients);
  return reading;
}

// ---- document order --------------------------------------------------------------------

// Ranks pointers by where they appear in the document; a key the document leaves out ranks
// at the end of the nearest object that is there.
class DocumentOrder {
 public:
  explicit DocumentOrder(const Json& document) { visit(document, "", 0); }

  long rank(std::string pointer) const {
    for (bool exact = true;; exact = false) {
      auto found = spans_.find(pointer);
      if (found != spans_.end())
        return exact ? 2 * found->second.first : 2 * found->second.second - 1;
      if (pointer.empty()) return 0;
      pointer.erase(pointer.rfind('/'));
    }
  }

 private:
  static constexpr int kDeepest = 6;  // /clients/classes/0/online/on/mean; nothing deeper is ever reported

  void visit(const Json& node, const std::string& pointer, int depth) {
    const long index = next_++;
    if (depth < kDeepest && node.is_object()) {
      for (const auto& item : node.items())
        visit(item.value(), child_of(pointer, item.key()), depth + 1);
    } else if (depth < kDeepest && node.is_array()) {
      for (std::size_t i = 0; i < node.size(); ++i)
        visit(node[i], child_of(pointer, std::to_string(i)), depth + 1);
    }
    spans_[pointer] = {index, next_};  // its position, and the position after its contents
  }

  long next_ = 0;
  std::map<std::string, std::pair<long, long>> spans_;
};

// ---- overrides ("topology.layers=4") ---------------------------------------------------

struct Override {
  std::string text;               // as given
  std::vector<std::string> keys;  // {"topology", "layers"}; empty if malformed
  Json value;
  bool applied = false;

  std::string pointer() const {
    std::string pointer;
    for (const std::string& key : keys) pointer = child_of(pointer, key);
    return pointer;
  }
};

Override parse_override(const std::string& text) {
  Override parsed{text, {}, nullptr};
  const auto equals = text.find('=');
  if (equals == std::string::npos || equals == 0) return parsed;
  std::vector<std::string> keys;
  std::istringstream path(text.substr(0, equals) + ".");  // the "." keeps a trailing empty key
  for (std::string key; std::getline(path, key, '.');) {
    if (key.empty()) return parsed;
    keys.push_back(key);
  }
  const std::string value = text.substr(equals + 1);
  parsed.keys = keys;
  parsed.value = Json::parse(value, nullptr, /*allow_exceptions=*/false);
  if (parsed.value.is_discarded()) parsed.value = value;  // not JSON: a string
  return parsed;
}

// Sets the override's value (see set_at).
std::optional<Problem> apply(Override& override, Json& document) {
  std::optional<Problem> problem = set_at(override.keys, override.value, document);
  override.applied = !problem;
  return problem;
}

// ---- assembling the report -------------------------------------------------------------

struct Line {
  std::size_t source;  // 0: the file; i + 1: the i-th override
  long rank;           // position in the document; -1 before everything
  std::string text;
};

class Report {
 public:
  Report(std::string file, const std::vector<Override>& overrides)
      : file_(std::move(file)), overrides_(overrides) {}

  // WHAT follows the source's name: "/topology/layers: expected ...".
  void add(std::size_t source, long rank, const std::string& what) {
    add_line(source, rank, name_of(source) + ": " + what);
  }
  void add_line(std::size_t source, long rank, std::string line) {
    lines_.push_back({source, rank, std::move(line)});
  }

  // A problem at POINTER belongs to the last applied override that set it, or to the file.
  std::size_t source_of(const std::string& pointer) const {
    for (std::size_t i = overrides_.size(); i > 0; --i)
      if (overrides_[i - 1].applied && related(pointer, overrides_[i - 1].pointer())) return i;
    return 0;
  }

  void throw_if_any() {
    if (lines_.empty()) return;
    std::stable_sort(lines_.begin(), lines_.end(), [](const Line& a, const Line& b) {
      return std::pair(a.source, a.rank) < std::pair(b.source, b.rank);
    });
    std::vector<std::string> texts;
    for (const Line& line : lines_) texts.push_back(line.text);
    throw ScenarioError(std::move(texts));
  }

 private:
  std::string name_of(std::size_t source) const {
    return source == 0 ? file_ : "--set " + overrides_[source - 1].text;
  }

  std::string file_;
  const std::vector<Override>& overrides_;
  std::vector<Line> lines_;
};

Scenario check(const Json& document, Report& report, const std::filesystem::path& folder) {
  Reading reading = read_document(document, folder);
  DocumentOrder order(document);
  for (const Problem& problem : reading.problems)
    report.add(report.source_of(problem.pointer), order.rank(problem.pointer),
               shown(problem.pointer) + ": " + problem.message);
  report.throw_if_any();
  return reading.scenario;
}

}  // namespace

bool is_folder_name(const std::string& name) {
  const auto control = [](unsigned char c) { return c < 0x20 || c == 0x7f; };
  return !name.empty() && name != "." && name != ".." && name.find_first_of("/\\") == std::string::npos &&
         std::none_of(name.begin(), name.end(), control);
}

double TimeDistribution::mean_seconds() const {
  switch (distribution) {
    case LatencyDistribution::Zero: return 0;
    case LatencyDistribution::Constant: return value;
    case LatencyDistribution::Exponential:
    case LatencyDistribution::Lognormal: return mean;
    case LatencyDistribution::Uniform: return (min + max) / 2;
  }
  return 0;
}

std::uint64_t Scenario::message_bytes() const { return static_cast<std::uint64_t>(payload_size) - sphinx::kPrefixSize; }

ClientProfile Scenario::profile() const {
  return {payload_rate, loop_rate, drop_rate, workload_rate, group, recipients, contacts, popularity, zipf_exponent,
          pull_period, online, online_period, offline_period, online_file, reply_probability, reply_ack};
}

void Scenario::set_profile(const ClientProfile& p) {
  payload_rate = p.payload_rate;
  loop_rate = p.loop_rate;
  drop_rate = p.drop_rate;
  workload_rate = p.workload_rate;
  group = p.group;
  recipients = p.recipients;
  contacts = p.contacts;
  popularity = p.popularity;
  zipf_exponent = p.zipf_exponent;
  pull_period = p.pull_period;
  online = p.online;
  online_period = p.online_period;
  offline_period = p.offline_period;
  online_file = p.online_file;
  reply_probability = p.reply_probability;
  reply_ack = p.reply_ack;
}

bool Scenario::replies() const {
  return reply_probability > 0 ||
         std::any_of(classes.begin(), classes.end(), [](const ClientClass& c) { return c.profile.reply_probability > 0; });
}

bool MixSet::contains(int mix) const { return std::find(mixes.begin(), mixes.end(), mix) != mixes.end(); }

ScenarioError::ScenarioError(std::vector<std::string> problems)
    : std::runtime_error(join_lines(problems)), problems_(std::move(problems)) {}

Scenario load_scenario(const std::string& file, const std::vector<std::string>& overrides) {
  std::vector<Override> parsed;
  for (const std::string& text : overrides) parsed.push_back(parse_override(text));
  Report report(file, parsed);
  for (std::size_t i = 0; i < parsed.size(); ++i)
    if (parsed[i].keys.empty()) report.add(i + 1, -1, "expected KEY=VALUE");

  Json document;
  if (auto problem = read_json_file(file, document)) {
    report.add_line(0, -1, *problem);
    report.throw_if_any();
  }
  for (std::size_t i = 0; i < parsed.size(); ++i) {
    if (parsed[i].keys.empty()) continue;
    if (auto problem = apply(parsed[i], document))
      report.add(i + 1, -1, shown(problem->pointer) + ": " + problem->message);
  }
  return check(document, report, std::filesystem::path(file).parent_path());
}

Scenario parse_scenario(const nlohmann::json& document, const std::string& source) {
  const Json ordered = document;
  const std::vector<Override> no_overrides;
  Report report(source, no_overrides);
  return check(ordered, report, {});
}

nlohmann::json to_json(const Scenario& scenario) {
  Json document = Json::object();
  for (const fields::Field& field : fields::all())
    document[Json::json_pointer(std::string(field.pointer))] = fields::value_of(field, scenario);
  return document;
}

}  // namespace core
