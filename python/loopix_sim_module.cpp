// The native part of the loopix_sim Python module (python/loopix_sim/__init__.py): the
// loopix-sim command run in-process, with its output captured, so that a run from Python is
// the command's run, file for file. The interpreter's lock is released while it runs, and taken
// again a few times a second to check for an interrupt and tell a Python callable how far the
// run or sweep is.
#include <pybind11/pybind11.h>
#include <pybind11/stl.h>

#include <memory>
#include <sstream>
#include <string>
#include <vector>

#include "cli/cli.h"

namespace py = pybind11;

namespace {

// A listener that checks for an interrupt (Ctrl-C, a notebook's stop) and calls PROGRESS(done,
// total, unit, final), if given, under the interpreter's lock. An interrupt, or an exception
// PROGRESS raises, is kept in FAILURE, to be raised once the command has returned, and stops the
// command: a run at once, a sweep once the runs under way have ended.
sim::ProgressListener listening(const py::object& progress, std::unique_ptr<py::error_already_set>& failure) {
  return [&progress, &failure](const sim::Progress& p) {
    py::gil_scoped_acquire locked;
    try {
      if (PyErr_CheckSignals() != 0) throw py::error_already_set();
      if (!progress.is_none()) progress(p.done, p.total, std::string(p.unit), p.final);
    } catch (py::error_already_set& e) {
      failure = std::make_unique<py::error_already_set>(std::move(e));
      throw sim::Interrupted();
    }
  };
}

}  // namespace

PYBIND11_MODULE(_loopix_sim, m) {
  m.doc() = "loopix-sim's command, run in-process (use the loopix_sim package, not this module)";
  m.def(
      "run_cli",
      [](std::vector<std::string> args, const py::object& progress) {
        args.insert(args.begin(), "loopix-sim");
        std::vector<const char*> argv;
        for (const std::string& a : args) argv.push_back(a.c_str());
        std::ostringstream out, err;
        std::unique_ptr<py::error_already_set> failure;
        const sim::ProgressListener listener = listening(progress, failure);
        int code = 0;
        {
          py::gil_scoped_release unlocked;
          code = cli::run_cli(static_cast<int>(argv.size()), argv.data(), out, err, listener);
        }
        if (failure) throw py::error_already_set(std::move(*failure));
        return py::make_tuple(code, out.str(), err.str());
      },
      py::arg("args"), py::arg("progress") = py::none(),
      "Runs `loopix-sim ARGS...`; returns (exit code, standard output, standard error). PROGRESS, a "
      "callable, is called with (done, total, unit, final) as `run` or `sweep` goes on; an exception it "
      "raises, or an interrupt, stops the command and is raised.");
}
