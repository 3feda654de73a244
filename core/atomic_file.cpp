#include "core/atomic_file.h"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <random>

#include "core/output_error.h"

namespace core {

namespace {

// Creates a new, empty file PATH.RANDOM.tmp (with the permissions the umask allows) and
// returns its descriptor, its name in TEMP. The random part makes it unique among processes
// on any machines that write into one shared folder; O_EXCL makes sure of it.
int create_temporary(const std::string& path, std::string& temp) {
  thread_local std::random_device entropy;
  for (int attempt = 0; attempt < 16; ++attempt) {
    char suffix[24];
    std::snprintf(suffix, sizeof suffix, ".%08x%08x.tmp", entropy(), entropy());
    temp = path + suffix;
    const int fd = ::open(temp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0666);
    if (fd >= 0) return fd;
    if (errno != EEXIST) throw OutputError(path, "open for writing", errno);
  }
  throw OutputError(path, "open for writing", EEXIST);
}

}  // namespace

AtomicFile::AtomicFile(std::string path)
    : path_(std::move(path)), buffer_(create_temporary(path_, temp_)), out_(&buffer_) {}

AtomicFile::~AtomicFile() {
  if (!closed_) ::close(buffer_.fd());
  if (!committed_) std::remove(temp_.c_str());
}

void AtomicFile::check() {
  if (buffer_.error() != 0) throw OutputError(path_, "write", buffer_.error());
}

void AtomicFile::close_written() {
  buffer_.drain();
  check();
  if (::fsync(buffer_.fd()) != 0) throw OutputError(path_, "write", errno);
  closed_ = true;
  if (::close(buffer_.fd()) != 0) throw OutputError(path_, "write", errno);
}

void AtomicFile::commit() {
  close_written();
  if (std::rename(temp_.c_str(), path_.c_str()) != 0) throw OutputError(path_, "rename " + temp_ + " to it", errno);
  committed_ = true;
}

// A link fails when PATH exists; the temporary is removed either way.
bool AtomicFile::commit_new() {
  close_written();
  const bool created = ::link(temp_.c_str(), path_.c_str()) == 0;
  if (!created && errno != EEXIST) throw OutputError(path_, "link " + temp_ + " to it", errno);
  std::remove(temp_.c_str());
  committed_ = true;
  return created;
}

}  // namespace core
