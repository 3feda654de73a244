// `loopix-sim trace export`: a binary trace as CSV, one row per hop event. The whole trace is
// checked first (against the scenario.json beside it, when there is one), so a bad record
// leaves no output at all, also on standard output.
#include <filesystem>
#include <memory>

#include "analysis/trace_replay.h"
#include "cli/commands.h"
#include "cli/user_error.h"
#include "core/atomic_file.h"

namespace cli {

namespace {

core::TraceBounds bounds_beside(const std::filesystem::path& trace) {
  const std::filesystem::path scenario_file = trace.parent_path() / "scenario.json";
  std::error_code ec;
  if (!std::filesystem::is_regular_file(scenario_file, ec)) return {};
  const core::Scenario scenario = core::load_scenario(scenario_file.string());
  return analysis::run_bounds(scenario, core::Topology(scenario));
}

void write_csv(core::TraceReader& reader, std::ostream& csv) {
  csv << "time_ns,sent_ns,packet,message,node,peer,event,kind,reason\n";
  core::HopRecord r;
  while (reader.next(r) && csv) {
    csv << r.time << ',' << r.sent << ',' << r.packet << ',' << r.message << ',' << r.node << ',';
    if (r.peer != core::kNoNode) csv << r.peer;
    csv << ',' << core::name(r.event) << ',' << core::name(r.kind) << ',' << core::name(r.reason) << '\n';
  }
}

}  // namespace

int trace_export_command(const TraceExportOptions& o, std::ostream& out, std::ostream&) {
  const core::TraceBounds bounds = bounds_beside(o.trace);
  try {
    core::TraceReader check(o.trace, bounds);
    core::HopRecord r;
    while (check.next(r)) {
    }
    core::TraceReader reader(o.trace, bounds);
    if (o.output.empty()) {
      write_csv(reader, out);
      return 0;
    }
    core::AtomicFile file(o.output);
    write_csv(reader, file.stream());
    file.commit();
  } catch (const std::runtime_error& e) {
    throw UserError(e.what());
  }
  return 0;
}

}  // namespace cli
