#include "core/atomic_file.h"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <random>
#include <stdexcept>

namespace core {

namespace {

// Creates a new, empty file PATH.RANDOM.tmp (with the permissions the umask allows) and
// returns its name. The random part makes it unique among processes on any machines that
// write into one shared folder; O_EXCL makes sure of it.
std::string create_temporary(const std::string& path) {
  thread_local std::random_device entropy;
  for (int attempt = 0; attempt < 16; ++attempt) {
    char suffix[24];
    std::snprintf(suffix, sizeof suffix, ".%08x%08x.tmp", entropy(), entropy());
    std::string temp = path + suffix;
    const int fd = ::open(temp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0666);
    if (fd >= 0) {
      ::close(fd);
      return temp;
    }
    if (errno != EEXIST) break;
  }
  throw std::runtime_error(path + ": cannot open for writing");
}

}  // namespace

AtomicFile::AtomicFile(std::string path, std::ios::openmode mode)
    : path_(std::move(path)), temp_(create_temporary(path_)) {
  out_.open(temp_, mode | std::ios::out | std::ios::trunc);
  if (!out_) {
    std::remove(temp_.c_str());
    throw std::runtime_error(path_ + ": cannot open for writing");
  }
}

AtomicFile::~AtomicFile() {
  if (!committed_) {
    out_.close();
    std::remove(temp_.c_str());
  }
}

void AtomicFile::close_written() {
  out_.flush();
  if (!out_) throw std::runtime_error(path_ + ": write failed");
  out_.close();
}

void AtomicFile::commit() {
  close_written();
  if (std::rename(temp_.c_str(), path_.c_str()) != 0) throw std::runtime_error(path_ + ": cannot rename " + temp_);
  committed_ = true;
}

// A link fails when PATH exists; the temporary is removed either way.
bool AtomicFile::commit_new() {
  close_written();
  const bool created = ::link(temp_.c_str(), path_.c_str()) == 0;
  if (!created && errno != EEXIST) throw std::runtime_error(path_ + ": cannot link " + temp_);
  std::remove(temp_.c_str());
  committed_ = true;
  return created;
}

}  // namespace core
