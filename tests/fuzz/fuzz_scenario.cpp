// libFuzzer target: any bytes as a scenario file, read and validated as `loopix-sim validate`
// does. A valid scenario or a ScenarioError listing its problems; nothing else (seeded with
// scenarios/, tests/fuzz/corpus/scenario).
#include <cstdint>

#include "fuzz_support.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string file = fuzz::write_input("scenario.json", data, size);
  try {
    const core::Scenario s = core::load_scenario(file);
    // What a run does first with a valid scenario: its topology and resolved document.
    const core::Topology topology(s);
    (void)core::to_json(s);
  } catch (const core::ScenarioError&) {
  }
  return 0;
}
