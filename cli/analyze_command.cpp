// `loopix-sim analyze`: a run's metrics computed again from its trace, into analysis.json
// and entropy.csv beside the online figures, which they equal.
#include <filesystem>

#include "analysis/mix_entropy.h"
#include "cli/commands.h"
#include "cli/results_writer.h"
#include "cli/user_error.h"
#include "core/scenario.h"
#include "core/topology.h"

namespace cli {

namespace fs = std::filesystem;

int analyze_command(const std::string& results_dir, std::ostream& out, std::ostream&) {
  const fs::path dir(results_dir);
  const fs::path trace = dir / "trace.bin";
  if (!fs::exists(dir / "scenario.json"))
    throw UserError((dir / "scenario.json").string() + ": cannot read file (is " + dir.string() +
                    " the results folder of a run?)");
  if (!fs::exists(trace))
    throw UserError(trace.string() + ": cannot read file (analyze needs a run made with --trace)");
  const core::Scenario scenario = core::load_scenario((dir / "scenario.json").string());
  const core::Topology topology(scenario);
  const sim::Time period = entropy_period(scenario);
  try {
    const analysis::MixEntropyObserver entropy = analysis::mix_entropy_from_trace(
        trace.string(), topology, sim::from_seconds(scenario.warmup), period, sim::from_seconds(scenario.horizon));
    core::AtomicFile json_file((dir / "analysis.json").string());
    write_json({{"entropy", entropy_json(topology, entropy, period)}}, json_file);
    core::AtomicFile csv_file((dir / "entropy.offline.csv").string());
    write_entropy_csv(csv_file.stream(), topology, entropy);
    json_file.commit();
    csv_file.commit();
    out << "mean entropy over mixes (Appendix A): " << entropy.mean() << " bits\n"
        << "  written to " << (dir / "analysis.json").string() << " and " << (dir / "entropy.offline.csv").string()
        << '\n';
  } catch (const std::runtime_error& e) {
    throw UserError(e.what());
  }
  return 0;
}

}  // namespace cli
