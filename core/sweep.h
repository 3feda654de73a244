// A sweep: a base scenario, the axes that vary it (grid, ranges, zip) and replications,
// expanded into a deterministic list of runs, each with its own id, seed and validated
// scenario. Loading reports every problem of the file and of every expanded run at once.
#pragma once
#include <cstddef>
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "core/scenario.h"

namespace core {

struct SweepRun {
  std::string id;  // "p0003-r01": point and replication, zero-padded
  std::size_t point = 0;
  int replication = 0;
  std::uint64_t seed = 0;  // sweep_run_seed(sweep seed, point, replication)
  // The point's axis values, zip keys first, then grid keys, then range keys (file order
  // within each): dotted scenario key and value as compact JSON ("delays.mu", "0.5").
  std::vector<std::pair<std::string, std::string>> parameters;
  Scenario scenario;  // the base with the parameters applied and "seed" = `seed`, validated

  // The parameters as `run --set` overrides ("delays.mu=0.5"); the seed is not among them.
  std::vector<std::string> overrides() const;
};

struct Sweep {
  std::string file;  // as given
  std::string name;  // "name", or the file's stem
  std::uint64_t seed = 1;
  std::size_t points = 0;
  int replications = 1;
  std::vector<SweepRun> runs;  // point-major: replication varies fastest
};

inline constexpr int kMaxSweepReplications = 1 << 20;  // seeds pack the replication in 20 bits
inline constexpr std::size_t kMaxSweepRuns = 1'000'000;

// Reads FILE, checks it, expands it and validates every run's scenario. Throws
// ScenarioError listing every problem ("FILE: /json/path: expected ..., got ...").
Sweep load_sweep(const std::string& file);

// splitmix64(splitmix64(sweep_seed + 0x9e3779b97f4a7c15) + (point << 20) + replication):
// distinct for distinct (point, replication) with replication < 2^20 and point < 2^44.
std::uint64_t sweep_run_seed(std::uint64_t sweep_seed, std::uint64_t point, std::uint64_t replication);

// "p" + point, "-r" + replication, zero-padded to at least 4 and 2 digits (more when the
// sweep has more than 10000 points or 100 replications, the same width for every run).
std::string sweep_run_id(std::size_t point, int replication, std::size_t points, int replications);

// The COUNT values of a range, from FROM to TO (both included), evenly spaced ("linear") or
// evenly spaced in log (LOG, FROM and TO > 0), rounded to 15 significant digits.
std::vector<double> sweep_range_values(double from, double to, int count, bool log);

// The `sweep --list` text: one line per run, "ID replication=R seed=S KEY=VALUE...".
std::string sweep_run_list(const Sweep& sweep);

}  // namespace core
