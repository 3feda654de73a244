// Runs a measurement in a child process of its own, so that its peak resident memory is its
// own and not that of earlier runs in the same program.
#pragma once
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <type_traits>

namespace bench {

template <typename Result>
struct InChild {
  Result result;
  long max_rss_kib;
};

// `run` returns a trivially copyable Result, sent back through a pipe. Exits the program on
// failure.
template <typename Run>
auto in_child(Run run) -> InChild<decltype(run())> {
  using Result = decltype(run());
  static_assert(std::is_trivially_copyable_v<Result>);
  int fd[2];
  if (pipe(fd) != 0) std::exit(1);
  const pid_t child = fork();
  if (child == 0) {
    close(fd[0]);
    const Result r = run();
    const bool written = write(fd[1], &r, sizeof r) == static_cast<ssize_t>(sizeof r);
    _exit(written ? 0 : 1);
  }
  close(fd[1]);
  InChild<Result> out{};
  const bool read_all = read(fd[0], &out.result, sizeof out.result) == static_cast<ssize_t>(sizeof out.result);
  close(fd[0]);
  int status = 0;
  rusage usage{};
  wait4(child, &status, 0, &usage);
  if (!read_all || !WIFEXITED(status) || WEXITSTATUS(status) != 0) {
    std::fprintf(stderr, "the measurement's child process failed\n");
    std::exit(1);
  }
  out.max_rss_kib = usage.ru_maxrss;
  return out;
}

}  // namespace bench
