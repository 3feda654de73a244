// An output file that appears whole or not at all: written to PATH.PID.tmp (so processes that
// write the same file do not share a temporary), renamed to PATH on commit(), removed if never
// committed (an error or exception part-way leaves nothing).
#pragma once
#include <fstream>
#include <string>

namespace core {

class AtomicFile {
 public:
  explicit AtomicFile(std::string path, std::ios::openmode mode = std::ios::out);
  ~AtomicFile();
  AtomicFile(const AtomicFile&) = delete;
  AtomicFile& operator=(const AtomicFile&) = delete;

  std::ofstream& stream() { return out_; }
  const std::string& path() const { return path_; }
  // Flushes, checks for write errors (throws std::runtime_error naming the file), renames.
  void commit();

 private:
  std::string path_, temp_;
  std::ofstream out_;
  bool committed_ = false;
};

}  // namespace core
