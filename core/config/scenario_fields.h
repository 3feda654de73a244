// The table of every scenario key (JSON pointer, bounds, unit, paper symbol, meaning) and
// the checks that read one key's JSON value into core::Scenario and write it back.
#pragma once
#include <limits>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "core/config/scenario.h"

namespace core::fields {

// Keeps the keys in document order, so that problems can be listed in that order.
using Json = nlohmann::ordered_json;

// The Scenario member a key sets; its type decides how the key is checked.
using Slot = std::variant<std::string*, std::uint64_t*, int*, double*, bool*, Assignment*,
                          LatencyDistribution*, CryptoMode*, std::vector<int>*, MixSet*, SenderSet*,
                          ClientList*, MixShare*, ProviderShare*, AnonymityExit*, AnonymityLevels*, Sending*, MixStrategyName*, TopologyKindName*,
                          Online*, Popularity*, ProviderRole*, std::vector<ClientClass>*, std::vector<ClientGroup>*>;

// How a key is checked. Unsigned: a 64-bit unsigned integer (the seed); Integer: an int;
// Choice: one of a few names; Recipients: "uniform" or an array of client indices;
// Mixes: an array (possibly empty) of distinct mix indices; Senders: "all" or an array of
// client indices; Clients: an array (possibly empty) of distinct client indices; Share:
// an array of mix (or provider) indices or a fraction in [0, 1]; Levels: an array of distinct anonymity
// levels ("message", "sender"); Classes: an array of client classes, read by the scenario
// reader (core/config/scenario.cpp) once every other key is known, as a class's keys default
// to the scenario's; Groups: an array of client groups, read after the classes they name.
enum class Kind { String, Unsigned, Integer, Number, Boolean, Choice, Recipients, Mixes, Senders, Clients, Share, Levels,
                  Classes, Groups };

inline constexpr double kNoMaximum = std::numeric_limits<double>::infinity();

// The valid range of an integer or a number. The maximum is a sanity bound: beyond it a run
// is impossible (simulated time is int64 nanoseconds; counts must fit in int).
struct Bounds {
  double minimum = 0.0;
  bool exclusive_minimum = false;  // true: value > minimum; false: value >= minimum
  double maximum = kNoMaximum;     // inclusive
  bool sanity_maximum = true;      // the maximum is the simulator's limit, not the quantity's own (1 for a fraction)
  bool zero_or = false;            // 0 is valid too (a rate of 0 turns its stream off)
  bool interval = false;           // stated as "in [minimum, maximum]": both are the simulator's limits
};

struct Field {
  std::string_view pointer;  // JSON pointer, e.g. "/run/horizon"
  Slot (*slot)(Scenario&);   // the member it sets
  Bounds bounds;             // for Unsigned, Integer, Number, and Recipients' indices
  std::string_view unit;     // "s", "1/s", or "" (counts, names, flags, choices)
  std::string_view symbol;   // the paper's symbol, e.g. "lambda_P", or ""
  std::string_view meaning;  // one line, for the schema and the README
};

// A problem found in a document, before it is prefixed with its source.
struct Problem {
  std::string pointer;  // "" is the whole document
  std::string message;  // "expected ..., got ..."
};

const std::vector<Field>& all();                           // in the documented layout order
// The keys a client class may set (/traffic/payload_rate, ..., /online/off/sigma), in layout
// order, and the class's own keys besides them.
const std::vector<std::string>& class_keys();
inline const std::vector<std::string> kClassOwnKeys = {"name", "count", "share"};
const Field* find(std::string_view pointer);               // nullptr if no such key
bool is_group(std::string_view pointer);                   // "", "/run", "/links/latency", ...
std::vector<std::string> keys_of(std::string_view group);  // its keys, in layout order

Kind kind_of(const Field& field);
std::vector<std::string> choices_of(const Field& field);  // names of a Choice, else empty

// Checks VALUE for FIELD (not of Kind::Classes). If it is valid, stores it into SCENARIO and
// returns true; otherwise appends one problem per fault (several for a recipients array).
bool read(const Field& field, const Json& value, Scenario& scenario, std::vector<Problem>& out);
Json value_of(const Field& field, const Scenario& scenario);

// A close spelling of WORD among CANDIDATES (small edit distance), for "did you mean".
std::optional<std::string> closest(std::string_view word,
                                   const std::vector<std::string>& candidates);
std::string describe(const Json& value);  // for "got ...": 2.5, "text", an array, ...
std::string format_number(double value);  // 600, 0.5, 1e+20: for "expected ... < 600"

}  // namespace core::fields
