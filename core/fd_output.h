// An output stream buffer over a POSIX file descriptor that remembers why a write failed
// (the errno of the first failing write), which std::ofstream does not tell.
#pragma once
#include <array>
#include <streambuf>

namespace core {

class FdOutput final : public std::streambuf {
 public:
  explicit FdOutput(int fd);
  FdOutput(const FdOutput&) = delete;
  FdOutput& operator=(const FdOutput&) = delete;

  int fd() const { return fd_; }
  // errno of the first write that failed, 0 if none has.
  int error() const { return error_; }
  // Writes out what is buffered; false (with error() set) if a write failed.
  bool drain();

 protected:
  int_type overflow(int_type c) override;
  std::streamsize xsputn(const char* data, std::streamsize size) override;
  int sync() override { return drain() ? 0 : -1; }

 private:
  bool write_all(const char* data, std::size_t size);

  int fd_;
  int error_ = 0;
  std::array<char, 1 << 16> buffer_;
};

}  // namespace core
