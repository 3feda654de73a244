// An output file that appears whole or not at all: written to a temporary PATH.RANDOM.tmp of its
// own (so processes, on any machines, that write the same file never share one), synced to the
// disk and renamed to PATH on commit(), removed if never committed (an error or exception
// part-way leaves nothing). Every failure is a core::OutputError with the operating system's
// reason ("PATH: cannot write: No space left on device").
#pragma once
#include <ostream>
#include <string>

#include "core/fd_output.h"

namespace core {

class AtomicFile {
 public:
  explicit AtomicFile(std::string path);
  ~AtomicFile();
  AtomicFile(const AtomicFile&) = delete;
  AtomicFile& operator=(const AtomicFile&) = delete;

  std::ostream& stream() { return out_; }
  const std::string& path() const { return path_; }
  // Throws OutputError if a write so far has failed (for writers that stream a lot).
  void check();
  // Writes out, syncs and closes the temporary, then renames it to PATH.
  void commit();
  // Like commit(), but only if PATH does not exist yet, atomically (for a file several
  // processes may try to create at once). Returns false, and writes nothing, if it did.
  bool commit_new();

 private:
  void close_written();  // drains, syncs and closes the temporary; throws if a write failed

  std::string path_, temp_;
  FdOutput buffer_;
  std::ostream out_;
  bool closed_ = false, committed_ = false;
};

}  // namespace core
