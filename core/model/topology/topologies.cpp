// The registry of topology kinds. To add one: write core/model/topology/NAME_routing.cpp
// defining `std::unique_ptr<Routing> make_NAME_routing(const Scenario&, const Topology&)`,
// add X(NAME) below, and its parameters (if any) to the scenario's field table under /topology.
#include <stdexcept>

#include "core/config/scenario.h"
#include "core/model/topology/routing.h"

#define LOOPIX_TOPOLOGIES(X) \
  X(stratified)              \
  X(cascade)                 \
  X(free_route)

namespace core {

#define LOOPIX_DECLARE(name) std::unique_ptr<Routing> make_##name##_routing(const Scenario&, const Topology&);
LOOPIX_TOPOLOGIES(LOOPIX_DECLARE)
#undef LOOPIX_DECLARE

namespace {

struct Registered {
  std::string name;
  std::unique_ptr<Routing> (*make)(const Scenario&, const Topology&);
};

const std::vector<Registered>& registry() {
#define LOOPIX_ENTRY(name) Registered{#name, &make_##name##_routing},
  static const std::vector<Registered> kinds = {LOOPIX_TOPOLOGIES(LOOPIX_ENTRY)};
#undef LOOPIX_ENTRY
  return kinds;
}

}  // namespace

const std::vector<std::string>& topology_kind_names() {
  static const std::vector<std::string> names = [] {
    std::vector<std::string> all;
    for (const Registered& r : registry()) all.push_back(r.name);
    return all;
  }();
  return names;
}

std::unique_ptr<Routing> make_routing(const Scenario& scenario, const Topology& topology) {
  for (const Registered& r : registry())
    if (r.name == scenario.topology_kind.name) return r.make(scenario, topology);
  throw std::invalid_argument("no topology kind named \"" + scenario.topology_kind.name + "\"");
}

}  // namespace core
