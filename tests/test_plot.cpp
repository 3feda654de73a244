// `loopix-sim plot` on hand-made CSVs: every figure in PNG and SVG (and PDF when gnuplot has
// pdfcairo), absent CSVs skipped with a note, bad input and a failing or missing gnuplot ending
// with one clear message, exit code 2 and no file left behind.
#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <sstream>

#include "cli/plot_command.h"
#include "cli/plot_scripts.h"
#include "cli/user_error.h"

namespace fs = std::filesystem;

namespace {

struct Result {
  int code;
  std::string out, err;
};

// plot_command as `loopix-sim plot` runs it: a UserError becomes one line on stderr and exit code 2.
Result plot(const fs::path& dir, const std::string& gnuplot = "gnuplot") {
  std::ostringstream out, err;
  try {
    const int code = cli::plot_command(dir.string(), out, err, gnuplot);
    return {code, out.str(), err.str()};
  } catch (const cli::UserError& e) {
    err << "loopix-sim: " << e.what() << '\n';
    return {2, out.str(), err.str()};
  }
}

std::string read(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

void write(const fs::path& p, const std::string& text) { std::ofstream(p, std::ios::binary) << text; }

// A fresh folder whose name has a space and a quote, as a results folder may.
fs::path scratch(const std::string& name) {
  fs::path p = fs::temp_directory_path() / ("loopix-sim-test-plot " + name + " it's");
  fs::remove_all(p);
  fs::create_directories(p);
  return p;
}

// An executable shell script standing in for gnuplot (called as PROGRAM -d SCRIPT).
fs::path fake_gnuplot(const fs::path& dir, const std::string& body) {
  const fs::path p = dir / "fake-gnuplot";
  write(p, "#!/bin/sh\n" + body);
  fs::permissions(p, fs::perms::owner_all);
  return p;
}

const std::string kEntropy =
    "time_s,node,layer,index,entropy_bits\n"
    "20.0,3,0,0,6.9\n20.5,3,0,0,7.1\n21.0,3,0,0,7.0\n21.5,3,0,0,7.2\n"
    "20.0,4,1,0,7.3\n20.5,4,1,0,7.0\n21.0,4,1,0,6.8\n21.5,4,1,0,7.1\n";
const std::string kLatency =
    "kind,bin_low_s,bin_high_s,count,gamma_count\n"
    "payload,0,0.5,3,2.5\npayload,0.5,1,9,10.1\npayload,1,1.5,7,6.8\npayload,1.5,2,2,2.4\n"
    "drop,0,0.5,0,\n";
const std::string kPool =
    "node,layer,index,size,time_fraction,poisson_fraction\n"
    "3,0,0,0,0.10,0.14\n3,0,0,1,0.30,0.27\n3,0,0,2,0.35,0.27\n3,0,0,3,0.25,0.18\n"
    "4,1,0,0,0.20,0.14\n4,1,0,1,0.30,0.27\n4,1,0,2,0.30,0.27\n4,1,0,3,0.20,0.18\n";

fs::path results_with_every_csv(const std::string& name) {
  const fs::path dir = scratch(name);
  write(dir / "entropy.csv", kEntropy);
  write(dir / "latency.csv", kLatency);
  write(dir / "pool.csv", kPool);
  return dir;
}

std::vector<std::string> tmp_files(const fs::path& dir) {
  std::vector<std::string> found;
  for (const auto& e : fs::recursive_directory_iterator(dir))
    if (e.path().extension() == ".tmp") found.push_back(e.path().string());
  return found;
}

}  // namespace

TEST_CASE("plot: entropy, latency and pool figures as PNG and SVG from hand-made CSVs", "[plot]") {
  const fs::path dir = results_with_every_csv("all");
  const Result r = plot(dir);
  INFO(r.err);
  REQUIRE(r.code == 0);
  const fs::path plots = dir / "plots";
  const std::map<std::string, std::vector<std::string>> figures = {
      {"entropy", {"Entropy over time", "time (s)", "entropy (bits)", "layer 1, mix 0", "mean over 2 mixes"}},
      {"latency_payload",
       {"Latency of payload messages", "latency (s)", "messages per bin", "Gamma(k, mu), the delays alone"}},
      {"pool", {"Pool size", "pool size (messages)", "fraction of time", "Poisson(lambda/mu), Lemma 1"}}};
  for (const auto& [name, texts] : figures) {
    INFO(name);
    const std::string png = read(plots / (name + ".png"));
    CHECK(png.size() > 1024);
    CHECK(png.substr(0, 8) == "\x89PNG\r\n\x1a\n");
    const std::string svg = read(plots / (name + ".svg"));
    CHECK(svg.find("<svg") != std::string::npos);
    for (const std::string& text : texts) CHECK(svg.find(text) != std::string::npos);
    CHECK(r.out.find("wrote " + (plots / (name + ".png")).string() + "\n") != std::string::npos);
    CHECK(r.out.find("wrote " + (plots / (name + ".svg")).string() + "\n") != std::string::npos);
    if (fs::exists(plots / (name + ".pdf"))) CHECK(read(plots / (name + ".pdf")).substr(0, 5) == "%PDF-");
  }
  // A kind without messages gets no figure; every file written is listed, and only those.
  CHECK(r.out.find("latency.csv: no drop messages, skipped\n") != std::string::npos);
  std::size_t listed = 0;
  for (std::size_t at = r.out.find("wrote "); at != std::string::npos; at = r.out.find("wrote ", at + 1)) ++listed;
  CHECK(listed == static_cast<std::size_t>(std::distance(fs::directory_iterator(plots), fs::directory_iterator())));
  CHECK_FALSE(fs::exists(plots / "latency_drop.png"));
  CHECK(tmp_files(dir).empty());

  // Drawing again replaces the figures.
  const Result again = plot(dir);
  CHECK(again.code == 0);
  CHECK(again.out == r.out);
}

TEST_CASE("plot: an absent or empty CSV is skipped with a note", "[plot]") {
  const fs::path dir = scratch("entropy only");
  write(dir / "entropy.csv", kEntropy);
  write(dir / "pool.csv", "node,layer,index,size,time_fraction,poisson_fraction\n");
  const Result r = plot(dir);
  INFO(r.err);
  REQUIRE(r.code == 0);
  CHECK(r.out.rfind("latency.csv: not found, skipped\npool.csv: no rows, skipped\n", 0) == 0);
  CHECK(fs::exists(dir / "plots" / "entropy.png"));
  CHECK(fs::exists(dir / "plots" / "entropy.svg"));
  CHECK_FALSE(fs::exists(dir / "plots" / "pool.png"));
}

TEST_CASE("plot: a folder without any of the CSVs is an error naming it, exit code 2", "[plot]") {
  const fs::path dir = scratch("empty");
  const Result r = plot(dir);
  CHECK(r.code == 2);
  CHECK(r.out == "entropy.csv: not found, skipped\nlatency.csv: not found, skipped\npool.csv: not found, skipped\n");
  CHECK(r.err == "loopix-sim: " + dir.string() +
                     ": none of entropy.csv, latency.csv, pool.csv to plot (is it the results folder of a run?)\n");
  CHECK_FALSE(fs::exists(dir / "plots"));

  const Result missing = plot(dir / "nowhere");
  CHECK(missing.code == 2);
  CHECK(missing.err == "loopix-sim: " + (dir / "nowhere").string() + ": no such folder\n");
}

TEST_CASE("plot: a malformed CSV is reported with its file, line and column, and nothing is drawn", "[plot]") {
  const fs::path dir = results_with_every_csv("malformed");
  write(dir / "pool.csv", "node,layer,index,size,time_fraction,poisson_fraction\n3,0,0,0,0.5,0.4\n3,0,0,1,half,0.3\n");
  Result r = plot(dir);
  CHECK(r.code == 2);
  CHECK(r.err == "loopix-sim: " + (dir / "pool.csv").string() + ":3: time_fraction: expected a number, got \"half\"\n");
  CHECK_FALSE(fs::exists(dir / "plots"));

  write(dir / "pool.csv", "node,size,fraction\n");
  r = plot(dir);
  CHECK(r.err == "loopix-sim: " + (dir / "pool.csv").string() +
                     ":1: expected the header node,layer,index,size,time_fraction,poisson_fraction\n");

  write(dir / "pool.csv", kPool);
  write(dir / "latency.csv", "kind,bin_low_s,bin_high_s,count,gamma_count\npayload,0,0.5,3\n");
  r = plot(dir);
  CHECK(r.err == "loopix-sim: " + (dir / "latency.csv").string() +
                     ":2: expected 5 fields (kind,bin_low_s,bin_high_s,count,gamma_count), got 4\n");
  CHECK_FALSE(fs::exists(dir / "plots"));
}

TEST_CASE("plot: without gnuplot the error names the program and what to install", "[plot]") {
  const fs::path dir = results_with_every_csv("no gnuplot");
  const Result r = plot(dir, "loopix-sim-test-no-such-gnuplot");
  CHECK(r.code == 2);
  CHECK(r.err ==
        "loopix-sim: loopix-sim-test-no-such-gnuplot: cannot run it (No such file or directory); plot needs gnuplot "
        "(on Debian: apt-get install gnuplot-nox)\n");
  CHECK_FALSE(fs::exists(dir / "plots"));
}

TEST_CASE("plot: a gnuplot that fails after writing part of its output leaves no file behind", "[plot]") {
  const fs::path dir = results_with_every_csv("failing gnuplot");
  // The real gnuplot draws into the temporary files, then the run is reported as failed.
  const fs::path program = fake_gnuplot(dir, R"(if grep -q GPVAL_TERMINALS "$2"; then exec gnuplot "$@"; fi
gnuplot "$@"
echo 'line 7: simulated failure' >&2
exit 1
)");
  const Result r = plot(dir, program.string());
  CHECK(r.code == 2);
  CHECK(r.err == "loopix-sim: " + program.string() + " failed to draw " + (dir / "plots" / "entropy").string() +
                     ".* (exit status 1): line 7: simulated failure\n");
  for (const auto& e : fs::directory_iterator(dir / "plots")) FAIL("left behind: " << e.path());
}

TEST_CASE("plot: with libgd's png terminal and no pdfcairo, PNG and SVG only", "[plot]") {
  const fs::path dir = results_with_every_csv("libgd");
  // gnuplot as built without cairo: the cairo terminals missing from GPVAL_TERMINALS.
  const fs::path program = fake_gnuplot(
      dir, R"(if grep -q GPVAL_TERMINALS "$2"; then gnuplot "$@" 2>&1 | sed 's/pngcairo//; s/pdfcairo//'; exit 0; fi
exec gnuplot "$@"
)");
  const Result r = plot(dir, program.string());
  INFO(r.err);
  REQUIRE(r.code == 0);
  for (const char* name : {"entropy", "latency_payload", "pool"}) {
    const std::string png = read(dir / "plots" / (std::string(name) + ".png"));
    CHECK(png.size() > 1024);
    CHECK(png.substr(0, 8) == "\x89PNG\r\n\x1a\n");
    CHECK(fs::exists(dir / "plots" / (std::string(name) + ".svg")));
    CHECK_FALSE(fs::exists(dir / "plots" / (std::string(name) + ".pdf")));
  }
}

TEST_CASE("plot: scripts quote strings for gnuplot and name mixes in the key only while it stays readable", "[plot]") {
  CHECK(cli::plot::quoted("it's a 'kind'") == "'it''s a ''kind'''");
  CHECK(cli::plot::quoted("C:\\results") == "'C:\\results'");

  cli::plot::EntropyFigure few, many;
  for (int m = 0; m < 12; ++m) {
    cli::plot::EntropyFigure::Mix mix{m / 3, m % 3, {{20, 7}, {21, 7.1}}};
    if (m < 10) few.mixes.push_back(mix);
    many.mixes.push_back(mix);
  }
  few.mean = many.mean = {{20, 7}, {21, 7.1}};
  const std::string ten = cli::plot::entropy_script(few).plot, twelve = cli::plot::entropy_script(many).plot;
  CHECK(ten.find("'layer 3, mix 0'") != std::string::npos);
  CHECK(ten.find("'mean over 10 mixes'") != std::string::npos);
  CHECK(twelve.find("'each of the 12 mixes'") != std::string::npos);
  CHECK(twelve.find("layer 0, mix 0") == std::string::npos);

  const cli::plot::LatencyFigure kind{"it's", {{0, 1, 5, std::nullopt}}};
  const cli::plot::Script latency = cli::plot::latency_script(kind);
  CHECK(latency.setup.find("set title 'Latency of it''s messages'") != std::string::npos);
  CHECK(latency.plot.find("Gamma") == std::string::npos);  // no gamma_count, no curve

  std::set<std::string, std::less<>> cairo = {"png", "pngcairo", "svg", "pdfcairo"}, gd = {"png", "svg"};
  CHECK(cli::plot::terminals(cairo).size() == 3);
  CHECK(cli::plot::terminals(cairo)[0].command.find("pngcairo") != std::string::npos);
  CHECK(cli::plot::terminals(gd).size() == 2);
  CHECK(cli::plot::terminals(gd)[0].command.find("set terminal png ") == 0);
}
