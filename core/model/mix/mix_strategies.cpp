// The registry of mix strategies. To add one: write core/model/mix/NAME_mix.cpp defining
// `std::unique_ptr<MixStrategy> make_NAME_mix(const Scenario&, std::size_t mixes)`, add
// X(NAME) below, and its parameters (if any) to the scenario's field table under /mixes.
#include "core/model/mix/mix_strategies.h"

#include "core/config/scenario.h"
#include "core/model/registry.h"

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

using Make = std::unique_ptr<MixStrategy> (*)(const Scenario&, std::size_t);

const Registry<Make>& registry() {
#define LOOPIX_ENTRY(name) Registry<Make>::Entry{#name, &make_##name##_mix},
  static const Registry<Make> strategies("mix strategy", {LOOPIX_MIX_STRATEGIES(LOOPIX_ENTRY)});
#undef LOOPIX_ENTRY
  return strategies;
}

}  // namespace

const std::vector<std::string>& mix_strategy_names() { return registry().names(); }

std::unique_ptr<MixStrategy> make_mix_strategy(const Scenario& scenario, std::size_t mixes) {
  return registry().find(scenario.mix_strategy.name)(scenario, mixes);
}

}  // namespace core
