// The loopix-sim command: parses the command line and runs a subcommand. Returns the exit
// code (0 ok, 2 a user error: bad scenario, bad flag, bad file; 1 an internal error).
#pragma once
#include <ostream>

#include "sim/progress.h"

namespace cli {

// `progress`, when given, is told how far `run` and `sweep` are, as well as anything printed;
// if it throws sim::Interrupted, the command stops, writes nothing more and returns 130.
int run_cli(int argc, const char* const* argv, std::ostream& out, std::ostream& err,
            const sim::ProgressListener& progress = {});

}  // namespace cli
