// The loopix-sim command: parses the command line and runs a subcommand. Returns the exit
// code (0 ok, 2 a user error: bad scenario, bad flag, bad file; 1 an internal error).
#pragma once
#include <ostream>

namespace cli {

int run_cli(int argc, const char* const* argv, std::ostream& out, std::ostream& err);

}  // namespace cli
