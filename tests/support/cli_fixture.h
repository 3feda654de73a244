// Helpers for end-to-end tests of the loopix-sim command: run it in-process with its
// arguments, and a fresh scratch folder per test.
#pragma once
#include <filesystem>
#include <sstream>
#include <string>
#include <vector>

#include "cli/cli.h"

namespace test_support {

struct CliResult {
  int code;
  std::string out, err;
};

// loopix-sim ARGS..., with standard output and error captured.
inline CliResult cli_run(std::vector<std::string> args) {
  args.insert(args.begin(), "loopix-sim");
  std::vector<const char*> argv;
  for (const auto& a : args) argv.push_back(a.c_str());
  std::ostringstream out, err;
  int code = cli::run_cli(static_cast<int>(argv.size()), argv.data(), out, err);
  return {code, out.str(), err.str()};
}

// A fresh, empty folder loopix-sim-test-NAME in the temporary directory.
inline std::filesystem::path scratch(const std::string& name) {
  std::filesystem::path p = std::filesystem::temp_directory_path() / ("loopix-sim-test-" + name);
  std::filesystem::remove_all(p);
  std::filesystem::create_directories(p);
  return p;
}

}  // namespace test_support
