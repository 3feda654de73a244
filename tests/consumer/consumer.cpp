// Another program using loopix-sim as a library: loads a scenario, runs the network with the
// run's metrics as its observer, and prints what it measured.
#include <cstdio>
#include <exception>

#include "analysis/metrics.h"
#include "core/config/scenario.h"
#include "core/model/network.h"

int main(int argc, char** argv) {
  if (argc != 2) {
    std::fprintf(stderr, "usage: consumer SCENARIO.json\n");
    return 2;
  }
  try {
    const core::Scenario scenario = core::load_scenario(argv[1], {"run.horizon=20", "run.warmup=5"});
    const core::Topology topology(scenario);
    analysis::Metrics metrics(scenario, topology);
    core::Network network(scenario, metrics);
    network.run();
    metrics.finish();
    std::printf("events %llu, per-mix entropy %.3f bits\n",
                static_cast<unsigned long long>(metrics.summary().events()), metrics.entropy().mean());
    return 0;
  } catch (const std::exception& e) {
    std::fprintf(stderr, "consumer: %s\n", e.what());
    return 2;
  }
}
