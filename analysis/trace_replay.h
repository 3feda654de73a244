// The offline side of every metric: a trace file's records, checked against the run that
// wrote them, fed to an observer in order.
#pragma once
#include <string>

#include "core/observer.h"
#include "core/config/scenario.h"
#include "core/model/topology/topology.h"
#include "core/adversary/observation_stream.h"
#include "core/trace.h"

namespace analysis {

// What a trace of a run of SCENARIO can hold: its topology's node ids, times up to the
// horizon plus the drain.
core::TraceBounds run_bounds(const core::Scenario& scenario, const core::Topology& topology);
// What its observation stream can hold: the same, and pull answers of /pull/messages.
core::ObservationBounds observation_bounds(const core::Scenario& scenario, const core::Topology& topology);

// Feeds every record of the trace at `path` (written by core::TraceWriter) to `observer`.
// Errors (an unreadable or malformed file, a record outside BOUNDS, a record the observer
// finds inconsistent) are std::runtime_error naming the file and the record.
void feed_trace(const std::string& path, const core::TraceBounds& bounds, core::Observer& observer);

}  // namespace analysis
