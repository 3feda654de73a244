// The offline side of every metric: a trace file's records fed to an observer, in order.
#pragma once
#include <string>

#include "core/observer.h"

namespace analysis {

// Feeds every record of the trace at `path` (written by core::TraceWriter) to `observer`.
// Errors (an unreadable or malformed file, a record the observer finds inconsistent) are
// std::runtime_error naming the file and, for a record, its index.
void feed_trace(const std::string& path, core::Observer& observer);

}  // namespace analysis
