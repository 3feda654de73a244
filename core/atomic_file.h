// An output file that appears whole or not at all: written to a temporary PATH.RANDOM.tmp of its
// own (so processes, on any machines, that write the same file never share one), renamed to
// PATH on commit(), removed if never committed (an error or exception part-way leaves nothing).
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
  // Like commit(), but only if PATH does not exist yet, atomically (for a file several
  // processes may try to create at once). Returns false, and writes nothing, if it did.
  bool commit_new();

 private:
  void close_written();  // flushes and closes the temporary; throws if a write failed

  std::string path_, temp_;
  std::ofstream out_;
  bool committed_ = false;
};

}  // namespace core
