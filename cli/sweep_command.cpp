// `loopix-sim sweep`: load a sweep, check it and every run's scenario, list its runs.
#include "cli/commands.h"
#include "cli/user_error.h"
#include "core/sweep.h"

namespace cli {

int sweep_command(const SweepOptions& options, std::ostream& out, std::ostream&) {
  const core::Sweep sweep = core::load_sweep(options.sweep);  // ScenarioError: exit code 2
  if (!options.list)
    throw UserError("sweep: running a sweep is not implemented yet; use --list to print its " +
                    std::to_string(sweep.runs.size()) + " runs");
  out << core::sweep_run_list(sweep);
  return 0;
}

}  // namespace cli
