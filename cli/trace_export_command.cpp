// `loopix-sim trace export`: a binary trace as CSV, one row per hop event.
#include <memory>

#include "cli/commands.h"
#include "cli/user_error.h"
#include "core/atomic_file.h"
#include "core/trace.h"

namespace cli {

int trace_export_command(const TraceExportOptions& o, std::ostream& out, std::ostream&) {
  try {
    core::TraceReader reader(o.trace);
    std::unique_ptr<core::AtomicFile> file;
    if (!o.output.empty()) file = std::make_unique<core::AtomicFile>(o.output);
    std::ostream& csv = file ? static_cast<std::ostream&>(file->stream()) : out;
    csv << "time_ns,sent_ns,packet,message,node,peer,event,kind,reason\n";
    core::HopRecord r;
    while (reader.next(r)) {
      csv << r.time << ',' << r.sent << ',' << r.packet << ',' << r.message << ',' << r.node << ',';
      if (r.peer != core::kNoNode) csv << r.peer;
      csv << ',' << core::name(r.event) << ',' << core::name(r.kind) << ',' << core::name(r.reason) << '\n';
    }
    if (file) file->commit();
  } catch (const std::runtime_error& e) {
    throw UserError(e.what());
  }
  return 0;
}

}  // namespace cli
