// The native part of the loopix_sim Python module (python/loopix_sim/__init__.py): the
// loopix-sim command run in-process, with its output captured, so that a run from Python is
// the command's run, file for file. The interpreter's lock is released while it runs.
#include <pybind11/pybind11.h>
#include <pybind11/stl.h>

#include <sstream>
#include <string>
#include <vector>

#include "cli/cli.h"

namespace py = pybind11;

PYBIND11_MODULE(_loopix_sim, m) {
  m.doc() = "loopix-sim's command, run in-process (use the loopix_sim package, not this module)";
  m.def(
      "run_cli",
      [](std::vector<std::string> args) {
        args.insert(args.begin(), "loopix-sim");
        std::vector<const char*> argv;
        for (const std::string& a : args) argv.push_back(a.c_str());
        std::ostringstream out, err;
        int code = 0;
        {
          py::gil_scoped_release unlocked;
          code = cli::run_cli(static_cast<int>(argv.size()), argv.data(), out, err);
        }
        return py::make_tuple(code, out.str(), err.str());
      },
      py::arg("args"), "Runs `loopix-sim ARGS...`; returns (exit code, standard output, standard error).");
}
