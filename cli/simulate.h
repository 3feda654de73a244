// One scenario simulated into a results folder: the network with every metric observing it,
// then scenario.json, summary.json and the metric CSVs (and trace.bin and observations.bin on
// request), each
// written whole or not at all. Shared by `loopix-sim run` and the runs of a sweep.
#pragma once
#include <filesystem>
#include <nlohmann/json.hpp>

#include "core/config/scenario.h"
#include "sim/progress.h"

namespace cli {

struct SimulateOptions {
  bool trace = false;                        // also write trace.bin
  int threads = 1;                           // threads for Sphinx work (results do not depend on it)
  sim::ProgressReporter* progress = nullptr;  // none: no progress
  // Into summary.json's "provenance", with "scenario_sha256" (of scenario.json) added.
  nlohmann::json provenance = nlohmann::json::object();
  bool observations = false;  // also write observations.bin (core/adversary/observation_stream.h)
  std::string run_id;         // a sweep's run: its id, as every table's first column (`run`)
};

// Simulates `scenario` and writes its results into `dir`, an existing folder. Returns the
// summary.json document. Throws UserError when a file cannot be written.
nlohmann::json simulate_into(const core::Scenario& scenario, const std::filesystem::path& dir,
                             const SimulateOptions& options);

}  // namespace cli
