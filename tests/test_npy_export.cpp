// trace export --npy: the trace and the observation stream as NumPy .npy files (the header
// names the dtype and the shape; the records are the file's own bytes) with a JSON file beside
// each that names every field and code; a bad file leaves neither. tests/python reads them with
// numpy.load.
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "cli/npy_export.h"
#include "core/adversary/observation_stream.h"
#include "core/trace.h"
#include "support/cli_fixture.h"

namespace fs = std::filesystem;
using test_support::cli_run;
using test_support::read_text;
using test_support::scratch;

namespace {

// The dictionary of a .npy header, and where the data starts; checks the preamble.
std::pair<std::string, std::size_t> npy_dictionary(const std::string& file) {
  REQUIRE(file.size() >= 10);
  REQUIRE(file.substr(0, 8) == std::string("\x93NUMPY\x01\x00", 8));
  const std::size_t length = static_cast<unsigned char>(file[8]) | static_cast<std::size_t>(static_cast<unsigned char>(file[9])) << 8;
  const std::size_t data = 10 + length;
  CHECK(data % 64 == 0);
  CHECK(file[data - 1] == '\n');
  return {file.substr(10, length), data};
}

}  // namespace

TEST_CASE("npy export: the header names the dtype and the shape, padded to 64 bytes", "[cli]") {
  const std::string header = cli::npy_header("[('a', '<i8')]", 12);
  const auto [dict, data] = npy_dictionary(header);
  CHECK(data == header.size());
  CHECK(data == 128);  // 10 + 66 characters of dictionary + a newline, padded
  CHECK(dict.rfind("{'descr': [('a', '<i8')], 'fortran_order': False, 'shape': (12,), }", 0) == 0);
  // 60 characters more need a third block of 64.
  CHECK(cli::npy_header("[('" + std::string(60, 'x') + "', '<i8')]", 12).size() == 192);
}

TEST_CASE("npy export: a run's trace and observations as .npy with their codes beside them, and a bad file writes nothing",
          "[cli][adversary]") {
  const fs::path dir = scratch("npy");
  const std::string scenario = test_support::write_text(dir / "s.json", R"({
    "name": "npy", "run": {"horizon": 10, "warmup": 1}, "crypto": "none",
    "topology": {"clients": 8, "providers": 2, "layers": 2, "mixes_per_layer": 2},
    "adversary": {"gpa": true, "corrupt": [0]}})");
  REQUIRE(cli_run({"run", scenario, "-o", (dir / "run").string(), "--trace", "--observations", "--quiet"}).code == 0);

  struct Case {
    std::string source, npy, json;
    std::size_t record_size;
    std::string first_field;
  };
  const Case cases[] = {
      {"trace.bin", "trace.npy", "trace.json", core::kTraceRecordSize, "('time_ns', '<i8'), ('sent_ns', '<i8')"},
      {"observations.bin", "observations.npy", "observations.json", core::kObservationRecordSize,
       "('time_ns', '<i8'), ('entered_ns', '<i8')"}};
  for (const Case& c : cases) {
    const fs::path source = dir / "run" / c.source;
    const auto r = cli_run({"trace", "export", source.string(), "--npy"});
    INFO(c.source << ": " << r.err);
    REQUIRE(r.code == 0);
    CHECK(r.out.find("wrote " + (dir / "run" / c.npy).string()) == 0);
    const std::string original = read_text(source), npy = read_text(dir / "run" / c.npy);
    const auto [dict, data] = npy_dictionary(npy);
    const std::uint64_t records = (original.size() - core::kRecordFileHeaderSize) / c.record_size;
    REQUIRE(records > 100);
    CHECK(dict.find(c.first_field) != std::string::npos);
    CHECK(dict.find("'shape': (" + std::to_string(records) + ",)") != std::string::npos);
    // The records are the file's own bytes.
    CHECK(npy.substr(data) == original.substr(core::kRecordFileHeaderSize));
    const nlohmann::json meta = nlohmann::json::parse(read_text(dir / "run" / c.json));
    CHECK(meta["records"] == records);
    CHECK(meta["source"] == c.source);
    CHECK(meta["fields"].contains("time_ns"));
  }
  const nlohmann::json trace = nlohmann::json::parse(read_text(dir / "run" / "trace.json"));
  CHECK(trace["codes"]["event"].size() == core::kHopEvents);
  CHECK(trace["codes"]["event"]["6"] == "enter");
  CHECK(trace["codes"]["kind"]["3"] == "mix_loop");
  CHECK(trace["codes"]["reason"]["11"] == "blocked");
  const nlohmann::json seen = nlohmann::json::parse(read_text(dir / "run" / "observations.json"));
  CHECK(seen["codes"]["kind"].size() == core::kObservationKinds);
  CHECK(seen["codes"]["kind"]["5"] == "mix_io");

  // -o names the file; its metadata goes beside it.
  REQUIRE(cli_run({"trace", "export", (dir / "run" / "trace.bin").string(), "--npy", "-o", (dir / "t.npy").string()}).code == 0);
  CHECK(fs::exists(dir / "t.json"));

  // A record cut short: exit 2, the file and record named, nothing written.
  std::string cut = read_text(dir / "run" / "trace.bin");
  cut.resize(cut.size() - 7);
  test_support::write_text(dir / "cut" / "trace.bin", "");
  test_support::write_text(dir / "cut" / "trace.bin", cut);
  const auto bad = cli_run({"trace", "export", (dir / "cut" / "trace.bin").string(), "--npy"});
  CHECK(bad.code == 2);
  CHECK(bad.err.find((dir / "cut" / "trace.bin").string() + ": ") != std::string::npos);
  CHECK_FALSE(fs::exists(dir / "cut" / "trace.npy"));
  CHECK_FALSE(fs::exists(dir / "cut" / "trace.json"));
  CHECK(cli_run({"trace", "export", (dir / "run" / "trace.bin").string()}).code == 2);  // neither --csv nor --npy
  CHECK(cli_run({"trace", "export", (dir / "run" / "trace.bin").string(), "--csv", "--npy"}).code == 2);
}
