// A folder that not even root can empty or write into while this guard lives (the file
// system's immutable flag, as `chattr +i` sets it): a run whose results folder it is fails, as
// it would on a broken disk, without any switch in the code under test.
#pragma once
#include <fcntl.h>
#include <linux/fs.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <stdexcept>
#include <string>

namespace test_support {

class ImmutableFolder {
 public:
  // Creates PATH with a file in it, then makes it immutable. Throws if the file system
  // refuses the flag.
  explicit ImmutableFolder(std::filesystem::path path) : path_(std::move(path)) {
    std::filesystem::create_directories(path_);
    std::ofstream(path_ / "kept") << "kept\n";
    if (!set(true)) throw std::runtime_error(path_.string() + ": the file system refuses the immutable flag");
  }
  ~ImmutableFolder() { set(false); }
  ImmutableFolder(const ImmutableFolder&) = delete;
  ImmutableFolder& operator=(const ImmutableFolder&) = delete;

 private:
  bool set(bool immutable) {
    const int fd = open(path_.c_str(), O_RDONLY | O_DIRECTORY);
    if (fd < 0) return false;
    int flags = 0;
    bool ok = ioctl(fd, FS_IOC_GETFLAGS, &flags) == 0;
    flags = immutable ? (flags | FS_IMMUTABLE_FL) : (flags & ~FS_IMMUTABLE_FL);
    ok = ok && ioctl(fd, FS_IOC_SETFLAGS, &flags) == 0;
    close(fd);
    return ok;
  }

  std::filesystem::path path_;
};

}  // namespace test_support
