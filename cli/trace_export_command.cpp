// `loopix-sim trace export`: a binary trace as CSV, one row per hop event, or an observation
// stream (observations.bin) as CSV, one row per observation; or either as NumPy's .npy
// (cli/npy_export.h). The whole file is checked first
// (against the scenario.json beside it, when there is one), so a bad record leaves no output
// at all, also on standard output.
#include <cstring>
#include <filesystem>
#include <fstream>
#include <memory>

#include "analysis/trace_replay.h"
#include "cli/commands.h"
#include "cli/npy_export.h"
#include "cli/user_error.h"
#include "core/adversary/observation_stream.h"
#include "core/atomic_file.h"

namespace cli {

namespace {

// What the records of FILE can hold: the bounds of the run whose scenario.json is beside it,
// or any value a record can encode.
template <typename Bounds>
Bounds bounds_beside(const std::filesystem::path& file, Bounds (*of_run)(const core::Scenario&, const core::Topology&)) {
  const std::filesystem::path scenario_file = file.parent_path() / "scenario.json";
  std::error_code ec;
  if (!std::filesystem::is_regular_file(scenario_file, ec)) return {};
  const core::Scenario scenario = core::load_scenario(scenario_file.string());
  return of_run(scenario, core::Topology(scenario));
}

void write_csv(core::ObservationReader& reader, std::ostream& csv) {
  csv << "time_ns,kind,node,peer,from,packets,entered_ns\n";
  core::Observation o;
  while (reader.next(o) && csv) {
    csv << o.time << ',' << core::name(o.what) << ',' << o.node << ',' << o.peer << ',';
    if (o.what == core::ObservationKind::MixIo) csv << o.from;
    csv << ',' << o.count << ',';
    if (o.what == core::ObservationKind::MixIo) csv << o.entered;
    csv << '\n';
  }
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

// Reads the whole file once to check it, then again to write it.
template <typename Reader, typename Record, typename Bounds>
void export_checked(const TraceExportOptions& o, const Bounds& bounds, const core::RecordFormat& format,
                    const NpyLayout& layout, std::ostream& out) {
  Reader check(o.trace, bounds);
  Record r;
  std::uint64_t records = 0;
  while (check.next(r)) ++records;
  if (o.npy) {
    const std::string output = o.output.empty() ? npy_path_for(o.trace) : o.output;
    write_npy(o.trace, format, records, layout, output);
    out << "wrote " << output << " (" << records << " records) and " << npy_metadata_path(output) << '\n';
    return;
  }
  Reader reader(o.trace, bounds);
  if (o.output.empty()) return write_csv(reader, out);
  core::AtomicFile file(o.output);
  write_csv(reader, file.stream());
  file.commit();
}

bool is_observation_stream(const std::string& path) {
  char magic[8] = {};
  std::ifstream(path, std::ios::binary).read(magic, sizeof magic);
  return std::memcmp(magic, core::kObservationMagic, sizeof magic) == 0;
}

}  // namespace

int trace_export_command(const TraceExportOptions& o, std::ostream& out, std::ostream&) {
  if (!o.csv && !o.npy) throw UserError("trace export: expected --csv or --npy");
  try {
    if (is_observation_stream(o.trace))
      export_checked<core::ObservationReader, core::Observation>(o, bounds_beside(o.trace, analysis::observation_bounds),
                                                                 core::kObservationFormat, observation_layout(), out);
    else
      export_checked<core::TraceReader, core::HopRecord>(o, bounds_beside(o.trace, analysis::run_bounds),
                                                         core::kTraceFormat, trace_layout(), out);
  } catch (const std::runtime_error& e) {
    throw UserError(e.what());
  }
  return 0;
}

}  // namespace cli
