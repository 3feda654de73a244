// Entry point of the loopix-sim executable. Standard output goes through a buffer that
// remembers a failed write, so output lost to a full disk or a closed pipe is an error (exit
// code 2 with the reason), never a silent success.
#include <unistd.h>

#include <cerrno>
#include <iostream>

#include "cli/cli.h"
#include "core/fd_output.h"
#include "core/output_error.h"

int main(int argc, char** argv) {
  core::FdOutput standard_output(STDOUT_FILENO);
  std::ostream out(&standard_output);
  int code = cli::run_cli(argc, argv, out, std::cerr);
  if (!standard_output.drain() || !out) {
    const int error = standard_output.error() != 0 ? standard_output.error() : EIO;
    std::cerr << "loopix-sim: " << core::OutputError("standard output", "write", error).what() << '\n';
    code = 2;
  }
  return code;
}
