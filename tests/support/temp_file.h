// A file with given text in a fresh folder of the system's temporary folder, for tests of
// the files a scenario names (a workload, an online schedule).
#pragma once
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <string>

namespace test_support {

inline std::filesystem::path write_file(const std::string& name, const std::string& text) {
  static int count = 0;
  const std::filesystem::path dir = std::filesystem::temp_directory_path() /
                                    ("loopix-file-test-" + std::to_string(getpid()) + "-" + std::to_string(count++));
  std::filesystem::create_directories(dir);
  std::ofstream(dir / name) << text;
  return dir / name;
}

}  // namespace test_support
