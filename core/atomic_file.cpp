#include "core/atomic_file.h"

#include <unistd.h>

#include <cstdio>
#include <stdexcept>

namespace core {

AtomicFile::AtomicFile(std::string path, std::ios::openmode mode)
    : path_(std::move(path)), temp_(path_ + "." + std::to_string(getpid()) + ".tmp") {
  out_.open(temp_, mode | std::ios::out | std::ios::trunc);
  if (!out_) throw std::runtime_error(path_ + ": cannot open for writing");
}

AtomicFile::~AtomicFile() {
  if (!committed_) {
    out_.close();
    std::remove(temp_.c_str());
  }
}

void AtomicFile::commit() {
  out_.flush();
  if (!out_) throw std::runtime_error(path_ + ": write failed");
  out_.close();
  if (std::rename(temp_.c_str(), path_.c_str()) != 0) throw std::runtime_error(path_ + ": cannot rename " + temp_);
  committed_ = true;
}

}  // namespace core
