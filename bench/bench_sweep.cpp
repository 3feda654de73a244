// Wall time of a sweep of 64 small runs with -j 1 against -j 2 (the speedup of running a
// sweep's runs in parallel), through the `loopix-sim sweep` command in-process. Each round
// runs both into fresh folders, alternating which goes first; the two give the same sweep.csv.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "cli/cli.h"

namespace fs = std::filesystem;

namespace {

constexpr int kRounds = 5;

// 4 mu values x 4 client counts x 4 replications = 64 runs of a 3x3 network without
// cryptography, 60 simulated seconds each, about 0.1 to 0.3 s of work apiece.
const char* kSweep = R"({"name": "bench-sweep", "seed": 1,
  "base": {"crypto": "none", "run": {"horizon": 60, "warmup": 10},
           "challenge": {"senders": [0, 1], "recipient": 2}},
  "grid": {"delays.mu": [0.5, 1, 2, 4], "topology.clients": [50, 100, 150, 200]},
  "replications": 4})";

double sweep_seconds(const fs::path& file, const fs::path& out, int jobs) {
  fs::remove_all(out);
  const std::string f = file.string(), o = out.string(), j = std::to_string(jobs);
  const char* argv[] = {"loopix-sim", "sweep", f.c_str(), "-o", o.c_str(), "-j", j.c_str(), "--quiet"};
  std::ostringstream sink;
  const auto start = std::chrono::steady_clock::now();
  if (cli::run_cli(8, argv, sink, sink) != 0) {
    std::fprintf(stderr, "sweep failed: %s\n", sink.str().c_str());
    std::exit(1);
  }
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

std::string read(const fs::path& file) {
  std::ifstream in(file, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), {});
}

double median(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  return v[v.size() / 2];
}

}  // namespace

int main() {
  const fs::path dir = fs::temp_directory_path() / "loopix-bench-sweep";
  fs::create_directories(dir);
  std::ofstream(dir / "sweep.json") << kSweep;
  std::vector<double> one, two, ratio;
  for (int round = 0; round < kRounds; ++round) {
    double a, b;
    if (round % 2 == 0) {
      a = sweep_seconds(dir / "sweep.json", dir / "j1", 1);
      b = sweep_seconds(dir / "sweep.json", dir / "j2", 2);
    } else {
      b = sweep_seconds(dir / "sweep.json", dir / "j2", 2);
      a = sweep_seconds(dir / "sweep.json", dir / "j1", 1);
    }
    if (read(dir / "j1" / "sweep.csv") != read(dir / "j2" / "sweep.csv")) {
      std::fprintf(stderr, "-j 1 and -j 2 gave different sweep.csv\n");
      return 1;
    }
    one.push_back(a);
    two.push_back(b);
    ratio.push_back(a / b);
    std::printf("round %d: -j 1 %.2f s, -j 2 %.2f s, speedup %.3f\n", round + 1, a, b, a / b);
  }
  std::printf("\n64 runs, medians of %d rounds: -j 1 %.2f s, -j 2 %.2f s; speedup (median of the rounds' ratios) %.3f, "
              "range %.3f to %.3f\n",
              kRounds, median(one), median(two), median(ratio), *std::min_element(ratio.begin(), ratio.end()),
              *std::max_element(ratio.begin(), ratio.end()));
  fs::remove_all(dir);
  return 0;
}
