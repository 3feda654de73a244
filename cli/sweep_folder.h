// The folder of a sweep: sweep.json (the manifest: every run's id, seed, parameters and a
// digest of its scenario), runs/ID/ (each run's results folder, with the marker `complete`
// written last), and the aggregates sweep.csv, runs.csv and summary.csv. Any number of
// processes (local workers, Slurm shards, MPI ranks) may run disjoint runs into one folder.
#pragma once
#include <cstddef>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "core/config/sweep.h"

namespace cli {

class SweepFolder {
 public:
  // Opens DIR for SWEEP: creates it with its manifest, or checks that the manifest there is
  // the same sweep (else a UserError: a folder holds one sweep). Safe to call from several
  // processes at once. A folder of the same sweep grown or shrunk (values added to or taken
  // from axes) takes the new manifest; its runs in common keep their results. PROVENANCE
  // (cli::provenance) goes into a new manifest and into every run's summary.json.
  SweepFolder(std::filesystem::path dir, const core::Sweep& sweep, nlohmann::json provenance);
  // Opens DIR from its manifest alone (to merge); a UserError if there is none or it is bad.
  explicit SweepFolder(std::filesystem::path dir);

  const std::filesystem::path& dir() const { return dir_; }
  std::size_t runs() const { return manifest_["runs"].size(); }
  const std::string& id(std::size_t run) const { return manifest_["runs"][run]["id"].get_ref<const std::string&>(); }
  std::filesystem::path run_dir(std::size_t run) const { return dir_ / "runs" / id(run); }

  // Whether run RUN has its marker: its results are whole.
  bool complete(std::size_t run) const;
  // Simulates run RUN of SWEEP into its folder (emptied first: what a killed attempt left is
  // discarded), then writes its marker. Throws on failure, leaving no folder at all.
  void execute(std::size_t run, const core::Sweep& sweep) const;

  struct Aggregate {
    std::size_t complete = 0, total = 0;
  };
  // Writes sweep.csv, runs.csv and summary.csv from every complete run (in run order).
  Aggregate aggregate() const;

 private:
  std::filesystem::path dir_;
  nlohmann::json manifest_;  // without provenance
  nlohmann::json provenance_;
};

}  // namespace cli
