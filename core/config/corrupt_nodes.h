// Which mixes and which providers are corrupt: the scenario's list, or its fraction of them
// drawn from the seed.
#pragma once
#include <vector>

#include "core/config/scenario.h"

namespace core {

// One flag per mix, by index (layer * mixes_per_layer + index in layer). A fraction f takes
// round(f * mixes) of them, uniformly at random from the stream (seed, 0, Purpose::Corrupt),
// so the same seed always corrupts the same mixes.
std::vector<bool> corrupt_mixes(const Scenario& scenario);

// One flag per provider, by index; a fraction is drawn as for mixes, from the stream
// (seed, 0, Purpose::CorruptProviders).
std::vector<bool> corrupt_providers(const Scenario& scenario);

}  // namespace core
