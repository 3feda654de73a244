// Which runs of a sweep this process takes: shard I of N takes every N-th run from the I-th
// (`--shard I/N`, or a Slurm job array's SLURM_ARRAY_TASK_ID and SLURM_ARRAY_TASK_COUNT).
#pragma once
#include <cstddef>
#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace cli {

struct Shard {
  std::size_t index = 0, count = 1;  // index < count
  std::string source;                // "--shard 1/4", "SLURM_ARRAY_TASK_ID=..." or "" (all runs)
};

// From the flag's "I/N" text when given, else from the Slurm variables read by `getenv` (the
// task ids may start at SLURM_ARRAY_TASK_MIN, default 0), else the whole sweep. A malformed
// value is a UserError naming the flag or variable.
Shard select_shard(const std::optional<std::string>& flag, const std::function<const char*(const char*)>& getenv);

// The runs of a sweep of `runs` runs that SHARD takes, ascending.
std::vector<std::size_t> shard_runs(const Shard& shard, std::size_t runs);

}  // namespace cli
