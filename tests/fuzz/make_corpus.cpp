// Writes the fuzz targets' seed corpora into DIR/<target>/ (tests/fuzz/corpus is its output,
// checked in): valid Sphinx packets for the small network, slices of a real run's trace, the
// tables of a real run, and the repository's scenario and sweep files.
//   fuzz_make_corpus SOURCE_DIR OUT_DIR
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>
#include <vector>

#include "cli/simulate.h"
#include "core/model/network.h"
#include "core/model/topology/route_builder.h"
#include "core/sphinx/node_keys.h"
#include "core/sphinx/sphinx_format.h"
#include "core/adversary/observation_stream.h"
#include "core/trace.h"
#include "fuzz_support.h"

namespace fs = std::filesystem;

namespace {

void write_file(const fs::path& file, const std::string& bytes) {
  fs::create_directories(file.parent_path());
  std::ofstream(file, std::ios::binary) << bytes;
}

std::string read_file(const fs::path& file) {
  std::ifstream in(file, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

// Packets along client routes and mix loops, each after the byte that picks its first node
// and epoch in fuzz_sphinx.
void sphinx_corpus(const fs::path& out) {
  const core::Scenario s = fuzz::small_scenario();
  const core::Topology t(s);
  const auto keys = core::sphinx::derive_node_keys(s.seed, t, 2);
  const core::sphinx::SphinxFormat format(keys, static_cast<std::size_t>(s.layers + 2), core::sphinx::kDefaultPayloadSize, 2);
  const core::RouteBuilder routes(s, t);
  auto rng = sim::RandomStream::derive(1, 2, 3);
  const std::uint32_t keyed = static_cast<std::uint32_t>(t.providers() + t.layers() * t.mixes_per_layer());
  for (int i = 0; i < 8; ++i) {
    const std::uint32_t epoch = static_cast<std::uint32_t>(i % 2);
    const core::Route r = i < 6 ? routes.client_route(t.provider(i % 2), t.provider(1 - i % 2),
                                                      {i % 3 == 0 ? core::HopFlag::Drop : core::HopFlag::Dest, t.client(i), 0}, rng)
                                : routes.mix_loop(t.mix(i % 2, 1), rng);
    std::string bytes(format.packet_size() + 1, '\0');
    format.build(r, epoch, static_cast<std::uint64_t>(i), std::span(reinterpret_cast<std::uint8_t*>(bytes.data()) + 1, format.packet_size()), rng);
    bytes[0] = static_cast<char>(r.first + epoch * keyed);
    write_file(out / "sphinx" / ("packet" + std::to_string(i)), bytes);
  }
}

// A real run of the small scenario, traced and observed: slices of its records and of its
// observations (after the headers, which the targets write themselves), and its tables for
// fuzz_plot_csv.
void run_corpora(const fs::path& out) {
  const fs::path run = fuzz::scratch() / "corpus-run";
  fs::remove_all(run);
  fs::create_directories(run);
  cli::simulate_into(fuzz::small_scenario(), run, {.trace = true, .observations = true});
  write_file(out / "scenario" / "resolved.json", read_file(run / "scenario.json"));  // every key
  const std::string trace = read_file(run / "trace.bin").substr(core::kTraceHeaderSize);
  const std::size_t records = trace.size() / core::kTraceRecordSize;
  for (std::size_t i = 0; i < 6; ++i) {
    const std::size_t first = records * i / 6;
    write_file(out / "trace" / ("records" + std::to_string(i)), trace.substr(first * core::kTraceRecordSize, 64 * core::kTraceRecordSize));
  }
  const std::string seen = read_file(run / "observations.bin").substr(core::kRecordFileHeaderSize);
  const std::size_t observations = seen.size() / core::kObservationRecordSize;
  for (std::size_t i = 0; i < 6; ++i) {
    const std::size_t first = observations * i / 6;
    write_file(out / "observations" / ("records" + std::to_string(i)),
               seen.substr(first * core::kObservationRecordSize, 64 * core::kObservationRecordSize));
  }
  const char* const tables[] = {"entropy.csv", "latency.csv", "pool.csv", "anonymity.csv", "anonymity_message.csv", "challenge.csv"};
  for (char which = 0; which < 6; ++which) {
    std::string text = read_file(run / tables[static_cast<int>(which)]);
    if (text.size() > 4096) text = text.substr(0, text.rfind('\n', 4096) + 1);  // whole rows, a few kB
    write_file(out / "plot_csv" / tables[static_cast<int>(which)], std::string(1, which) + text);
  }
  fs::remove_all(run);
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 3) {
    std::cerr << "usage: fuzz_make_corpus SOURCE_DIR OUT_DIR\n";
    return 2;
  }
  const fs::path source = argv[1], out = argv[2];
  sphinx_corpus(out);
  run_corpora(out);
  for (const char* file : {"quickstart.json", "cases/peer_case.json", "examples/rollercoaster_unicast.json"})
    write_file(out / "scenario" / fs::path(file).filename(), read_file(source / "scenarios" / file));
  for (const char* file : {"examples/sweep_mu.json", "paper/fig5.json", "paper/fig7.json", "paper/nym_scaling.json"})
    write_file(out / "sweep" / fs::path(file).filename(), read_file(source / "scenarios" / file));
  write_file(out / "plot_csv" / "summary.csv",
             std::string(1, '\x06') + "point,delays.mu,topology.layers,metric,runs,value_mean,value_sd,value_ci95_low,value_ci95_high\n"
                                      "0,0.5,2,entropy.mean_over_mixes_bits,2,3.1,0.1,2.2,4.0\n"
                                      "1,2,2,entropy.mean_over_mixes_bits,2,2.1,0.1,1.2,3.0\n");
  std::cout << "corpora written into " << out.string() << '\n';
  return 0;
}
