// Helpers for tests that start the built loopix-sim as a child process: to kill it part-way,
// to run it under mpirun, or with a limit on the size of the files it may write.
#pragma once
#include <fcntl.h>
#include <signal.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <string>
#include <vector>

namespace test_support {

// Starts PROGRAM ARGS... with standard output and error sent to LOG, or standard error to
// ERROR_LOG when one is given (a launcher such as mpirun forwards the two streams apart, so in
// one file their lines may cut into each other). With FILE_SIZE_LIMIT > 0 the child may write
// no file larger than that many bytes (writes beyond fail, as on a full disk). Returns the
// child's pid.
inline pid_t spawn(const std::string& program, const std::vector<std::string>& args, const std::string& log,
                   rlim_t file_size_limit = 0, const std::string& error_log = "") {
  std::vector<char*> argv{const_cast<char*>(program.c_str())};
  for (const std::string& a : args) argv.push_back(const_cast<char*>(a.c_str()));
  argv.push_back(nullptr);
  const pid_t pid = fork();
  if (pid != 0) return pid;
  // In the child only calls that are safe after fork in a process with threads.
  const int out = open(log.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
  const int err = error_log.empty() ? out : open(error_log.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
  if (out >= 0) dup2(out, STDOUT_FILENO);
  if (err >= 0) dup2(err, STDERR_FILENO);
  if (file_size_limit > 0) {
    signal(SIGXFSZ, SIG_IGN);  // a write past the limit then fails with EFBIG instead of killing
    const rlimit limit{file_size_limit, file_size_limit};
    setrlimit(RLIMIT_FSIZE, &limit);
  }
  execvp(program.c_str(), argv.data());
  _exit(127);
}

// Waits for PID; its exit code, or 128 + the signal that ended it.
inline int wait_for(pid_t pid) {
  int status = 0;
  while (waitpid(pid, &status, 0) < 0 && errno == EINTR) {
  }
  return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

}  // namespace test_support
