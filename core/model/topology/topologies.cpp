// The registry of topology kinds. To add one: write core/model/topology/NAME_routing.cpp
// defining `std::unique_ptr<Routing> make_NAME_routing(const Scenario&, const Topology&)`,
// add X(NAME) below, and its parameters (if any) to the scenario's field table under /topology.
#include "core/config/scenario.h"
#include "core/model/registry.h"
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

using Make = std::unique_ptr<Routing> (*)(const Scenario&, const Topology&);

const Registry<Make>& registry() {
#define LOOPIX_ENTRY(name) Registry<Make>::Entry{#name, &make_##name##_routing},
  static const Registry<Make> kinds("topology kind", {LOOPIX_TOPOLOGIES(LOOPIX_ENTRY)});
#undef LOOPIX_ENTRY
  return kinds;
}

}  // namespace

const std::vector<std::string>& topology_kind_names() { return registry().names(); }

std::unique_ptr<Routing> make_routing(const Scenario& scenario, const Topology& topology) {
  return registry().find(scenario.topology_kind.name)(scenario, topology);
}

}  // namespace core
