// The registry of mix strategies. To add one: write core/model/mix/NAME_mix.cpp defining
// `std::unique_ptr<MixStrategy> make_NAME_mix(const Scenario&, std::size_t mixes)`, add
// X(NAME) below, and its parameters (if any) to the scenario's field table under /mixes.
#include "core/model/mix/mix_strategies.h"

#include <stdexcept>

#include "core/config/scenario.h"

#define LOOPIX_MIX_STRATEGIES(X) \
  X(poisson)                     \
  X(round)                       \
  X(timed_pool)                  \
  X(threshold)

namespace core {

#define LOOPIX_DECLARE(name) std::unique_ptr<MixStrategy> make_##name##_mix(const Scenario&, std::size_t mixes);
LOOPIX_MIX_STRATEGIES(LOOPIX_DECLARE)
#undef LOOPIX_DECLARE

namespace {

struct Registered {
  std::string name;
  std::unique_ptr<MixStrategy> (*make)(const Scenario&, std::size_t);
};

const std::vector<Registered>& registry() {
#define LOOPIX_ENTRY(name) Registered{#name, &make_##name##_mix},
  static const std::vector<Registered> strategies = {LOOPIX_MIX_STRATEGIES(LOOPIX_ENTRY)};
#undef LOOPIX_ENTRY
  return strategies;
}

}  // namespace

const std::vector<std::string>& mix_strategy_names() {
  static const std::vector<std::string> names = [] {
    std::vector<std::string> all;
    for (const Registered& r : registry()) all.push_back(r.name);
    return all;
  }();
  return names;
}

std::unique_ptr<MixStrategy> make_mix_strategy(const Scenario& scenario, std::size_t mixes) {
  for (const Registered& r : registry())
    if (r.name == scenario.mix_strategy.name) return r.make(scenario, mixes);
  throw std::invalid_argument("no mix strategy named \"" + scenario.mix_strategy.name + "\"");
}

}  // namespace core
