// Every mix strategy by its scenario name (/mixes/strategy), and the one a scenario asks for.
#pragma once
#include <memory>
#include <string>
#include <vector>

#include "core/model/mix/mix_strategy.h"

namespace core {

// The names /mixes/strategy accepts, in the order they are documented.
const std::vector<std::string>& mix_strategy_names();

// The scenario's strategy, for `mixes` mixes. std::invalid_argument for an unknown name (a
// scenario that passed validation never has one).
std::unique_ptr<MixStrategy> make_mix_strategy(const Scenario& scenario, std::size_t mixes);

}  // namespace core
