#include "cli/sweep_shard.h"

#include <charconv>

#include "cli/user_error.h"

namespace cli {

namespace {

// A decimal integer that is the whole of TEXT.
std::optional<std::size_t> whole_number(std::string_view text) {
  std::size_t value = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc() || end != text.data() + text.size() || text.empty()) return std::nullopt;
  return value;
}

std::size_t variable(const std::function<const char*(const char*)>& getenv, const char* name,
                     std::optional<std::size_t> fallback) {
  const char* text = getenv(name);
  if (!text) {
    if (fallback) return *fallback;
    throw UserError(std::string(name) + ": not set (a Slurm job array sets it beside SLURM_ARRAY_TASK_ID)");
  }
  const auto value = whole_number(text);
  if (!value) throw UserError(std::string(name) + ": expected a whole number >= 0, got \"" + text + "\"");
  return *value;
}

}  // namespace

Shard select_shard(const std::optional<std::string>& flag, const std::function<const char*(const char*)>& getenv) {
  if (flag) {
    const std::size_t slash = flag->find('/');
    const auto index = whole_number(std::string_view(*flag).substr(0, slash));
    const auto count = slash == std::string::npos ? std::nullopt : whole_number(std::string_view(*flag).substr(slash + 1));
    if (!index || !count || *count == 0 || *index >= *count)
      throw UserError("--shard: expected I/N with 0 <= I < N (shard I of N), got \"" + *flag + "\"");
    return {*index, *count, "--shard " + *flag};
  }
  if (!getenv("SLURM_ARRAY_TASK_ID")) return {};
  const std::size_t id = variable(getenv, "SLURM_ARRAY_TASK_ID", std::nullopt);
  const std::size_t count = variable(getenv, "SLURM_ARRAY_TASK_COUNT", std::nullopt);
  const std::size_t min = variable(getenv, "SLURM_ARRAY_TASK_MIN", 0);
  if (count == 0 || id < min || id - min >= count)
    throw UserError("SLURM_ARRAY_TASK_ID=" + std::to_string(id) + ": expected a task id from SLURM_ARRAY_TASK_MIN=" +
                    std::to_string(min) + " to " + std::to_string(min + count - 1) +
                    " (SLURM_ARRAY_TASK_COUNT=" + std::to_string(count) + "); submit the array as --array=0-" +
                    std::to_string(count - 1));
  return {id - min, count, "SLURM_ARRAY_TASK_ID=" + std::to_string(id) + " of " + std::to_string(count)};
}

std::vector<std::size_t> shard_runs(const Shard& shard, std::size_t runs) {
  std::vector<std::size_t> taken;
  for (std::size_t i = shard.index; i < runs; i += shard.count) taken.push_back(i);
  return taken;
}

}  // namespace cli
