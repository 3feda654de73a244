// A sweep: a base scenario, the axes that vary it (grid, ranges, zip) and replications,
// expanded into a deterministic list of runs, each with its own id, seed and validated
// scenario. Loading reports every problem of the file and of every expanded run at once.
#pragma once
#include <cstddef>
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "core/config/scenario.h"

namespace core {

struct SweepRun {
  std::string id;  // "p3fa9c2e1b07d-r01": sweep_run_id of its point key and replication
  std::size_t point = 0;
  int replication = 0;
  std::uint64_t seed = 0;  // sweep_run_seed(sweep seed, point key, replication)
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

inline constexpr int kMaxSweepReplications = 1 << 20;
inline constexpr std::size_t kMaxSweepRuns = 1'000'000;

// Reads FILE, checks it, expands it and validates every run's scenario. Throws
// ScenarioError listing every problem ("FILE: /json/path: expected ..., got ...").
Sweep load_sweep(const std::string& file);

// The canonical form of a point: its parameters sorted by key, one "key=value\n" each (values
// as compact JSON). A run's id and seed derive from it, not from the point's position, so that
// a sweep that grows (values added to an axis) keeps the id and seed of every run it had.
std::string sweep_point_key(std::vector<std::pair<std::string, std::string>> parameters);

// The first 8 bytes (little-endian) of SHA-256 of the sweep seed, the replication and the
// point key: distinct runs get independent seeds (a collision has probability ~2^-64).
std::uint64_t sweep_run_seed(std::uint64_t sweep_seed, const std::string& point_key, int replication);

// "p" + the first 12 hex digits of SHA-256(point key) + "-r" + the replication (at least two
// digits): "p3fa9c2e1b07d-r01".
std::string sweep_run_id(const std::string& point_key, int replication);

// The COUNT values of a range, from FROM to TO (both included), evenly spaced ("linear") or
// evenly spaced in log (LOG, FROM and TO > 0), rounded to 15 significant digits.
std::vector<double> sweep_range_values(double from, double to, int count, bool log);

// The `sweep --list` text: one line per run, "ID replication=R seed=S KEY=VALUE...".
std::string sweep_run_list(const Sweep& sweep);

}  // namespace core
