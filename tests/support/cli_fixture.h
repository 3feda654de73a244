// Helpers for end-to-end tests of the loopix-sim command: run it in-process with its
// arguments, a fresh scratch folder per test, and whole files read and written.
#pragma once
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "cli/cli.h"

namespace test_support {

struct CliResult {
  int code;
  std::string out, err;
};

// loopix-sim ARGS..., with standard output and error captured, and PROGRESS told how far it is.
inline CliResult cli_run(std::vector<std::string> args, const sim::ProgressListener& progress = {}) {
  args.insert(args.begin(), "loopix-sim");
  std::vector<const char*> argv;
  for (const auto& a : args) argv.push_back(a.c_str());
  std::ostringstream out, err;
  int code = cli::run_cli(static_cast<int>(argv.size()), argv.data(), out, err, progress);
  return {code, out.str(), err.str()};
}

// A fresh, empty folder loopix-sim-test-NAME in the temporary directory.
inline std::filesystem::path scratch(const std::string& name) {
  std::filesystem::path p = std::filesystem::temp_directory_path() / ("loopix-sim-test-" + name);
  std::filesystem::remove_all(p);
  std::filesystem::create_directories(p);
  return p;
}

// The bytes of FILE (empty if it cannot be read).
inline std::string read_text(const std::filesystem::path& file) {
  std::ifstream in(file, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

// Writes TEXT as FILE; returns FILE's path, to pass as an argument.
inline std::string write_text(const std::filesystem::path& file, const std::string& text) {
  std::ofstream(file, std::ios::binary) << text;
  return file.string();
}

}  // namespace test_support
