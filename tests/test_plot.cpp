// `loopix-sim plot` on hand-made CSVs: every figure in PNG and SVG (and PDF when gnuplot has
// pdfcairo), absent CSVs skipped with a note, bad input and a failing or missing gnuplot ending
// with one clear message, exit code 2 and no file left behind.
#include <catch2/catch.hpp>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <sstream>

#include "cli/plot_command.h"
#include "cli/plot_data.h"
#include "cli/plot_scripts.h"
#include "cli/user_error.h"
#include "support/cli_fixture.h"

namespace fs = std::filesystem;

namespace {

using test_support::read_text;
using test_support::write_text;

struct Result {
  int code;
  std::string out, err;
};

// plot_command as `loopix-sim plot` runs it: a UserError becomes one line on stderr and exit code 2.
Result plot(const fs::path& dir, const std::string& gnuplot = "gnuplot", const cli::plot::FigureOptions& style = {}) {
  std::ostringstream out, err;
  try {
    const int code = cli::plot_command(dir.string(), out, err, gnuplot, style);
    return {code, out.str(), err.str()};
  } catch (const cli::UserError& e) {
    err << "loopix-sim: " << e.what() << '\n';
    return {2, out.str(), err.str()};
  }
}



// A fresh folder whose name has a space and a quote, as a results folder may.
fs::path scratch(const std::string& name) {
  fs::path p = fs::temp_directory_path() / ("loopix-sim-test-plot " + name + " it's");
  fs::remove_all(p);
  fs::create_directories(p);
  return p;
}

// An executable shell script standing in for a program: gnuplot (called as PROGRAM -d SCRIPT), or a
// Python (PROGRAM -c CODE, or PROGRAM SCRIPT).
fs::path fake_program(const fs::path& dir, const std::string& body) {
  const fs::path p = dir / "fake-program";
  write_text(p, "#!/bin/sh\n" + body);
  fs::permissions(p, fs::perms::owner_all);
  return p;
}

const std::string kEntropy =
    "time_s,node,layer,position,entropy_bits\n"
    "20.0,3,0,0,6.9\n20.5,3,0,0,7.1\n21.0,3,0,0,7.0\n21.5,3,0,0,7.2\n"
    "20.0,4,1,0,7.3\n20.5,4,1,0,7.0\n21.0,4,1,0,6.8\n21.5,4,1,0,7.1\n";
const std::string kLatency =
    "kind,bin_low_s,bin_high_s,packets,gamma_packets\n"
    "payload,0,0.5,3,2.5\npayload,0.5,1,9,10.1\npayload,1,1.5,7,6.8\npayload,1.5,2,2,2.4\n"
    "drop,0,0.5,0,\n";
const std::string kPool =
    "node,layer,position,pool_packets,time_fraction,poisson_fraction\n"
    "3,0,0,0,0.10,0.14\n3,0,0,1,0.30,0.27\n3,0,0,2,0.35,0.27\n3,0,0,3,0.25,0.18\n"
    "4,1,0,0,0.20,0.14\n4,1,0,1,0.30,0.27\n4,1,0,2,0.30,0.27\n4,1,0,3,0.20,0.18\n";

// Six targets: mean 6.4667 bits, median 6.4 bits.
const std::string kAnonymity =
    "message,sender,recipient,sent_s,delivered_s,entropy_bits,p_sender\n"
    "101,12,40,20.5,21.7,6.2,0.02\n102,13,41,20.6,22.0,5.9,0.03\n103,12,42,21.0,21.4,6.5,0.011\n"
    "104,14,40,21.2,23.9,7.2,0.007\n105,15,43,21.9,22.3,6.3,0\n106,13,40,22.0,22.8,6.7,0.012\n";
// Five challenge messages, one with p1 = 0.
const std::string kChallenge =
    "message,challenger,sender,sent_s,delivered_s,p0,p1,epsilon_nats,epsilon_bits,zero\n"
    "501,0,12,20.0,21.2,0.02,0.01,0.693147181,1,0\n502,1,17,20.4,21.9,0.01,0.04,1.38629436,2,0\n"
    "503,0,12,21.0,22.5,0.05,0,,,1\n504,1,17,21.3,23.0,0.03,0.03,0,0,0\n"
    "505,0,12,22.0,23.1,0.04,0.02,0.693147181,1,0\n";

// Three complete targets (the figure's) and one still in flight.
const std::string kMessageAnonymity =
    "target,message,sender,sent_s,exit_s,exited_mass,remaining_mass,entropy_bits,p_exit,complete\n"
    "0,101,12,20.0,20.4,1,0,12.5,0.0002,1\n1,102,14,20.1,20.3,0.99999999,1e-9,12.7,0.0001,1\n"
    "2,103,15,20.2,20.6,1,0,12.6,0.0003,1\n3,104,16,29.9,,0.4,0.6,9.1,0,0\n";

fs::path results_with_every_csv(const std::string& name) {
  const fs::path dir = scratch(name);
  write_text(dir / "entropy.csv", kEntropy);
  write_text(dir / "latency.csv", kLatency);
  write_text(dir / "pool.csv", kPool);
  write_text(dir / "anonymity_message.csv", kMessageAnonymity);
  write_text(dir / "anonymity.csv", kAnonymity);
  write_text(dir / "challenge.csv", kChallenge);
  return dir;
}

std::vector<std::string> tmp_files(const fs::path& dir) {
  std::vector<std::string> found;
  for (const auto& e : fs::recursive_directory_iterator(dir))
    if (e.path().extension() == ".tmp") found.push_back(e.path().string());
  return found;
}

}  // namespace

TEST_CASE("plot: entropy, latency, pool, anonymity and epsilon figures as PNG and SVG from hand-made CSVs",
          "[plot]") {
  const fs::path dir = results_with_every_csv("all");
  const Result r = plot(dir);
  INFO(r.err);
  REQUIRE(r.code == 0);
  const fs::path plots = dir / "plots";
  const std::map<std::string, std::vector<std::string>> figures = {
      {"entropy", {"Entropy over time", "time (s)", "entropy (bits)", "layer 1, mix 0", "mean over 2 mixes"}},
      {"latency_payload",
       {"Latency of payload messages", "latency (s)", "messages per bin", "Γ(k, μ), the delays alone"}},
      {"pool", {"Pool size", "pool size (messages)", "fraction of time", "Poisson(λ/μ), Lemma 1"}},
      {"anonymity_message",
       {"Message-level anonymity of target messages", "entropy of where the target left the network (bits)",
        "fraction of target messages", "simulated (3 target messages)", "mean 12.60 bits", "median 12.60 bits"}},
      {"anonymity",
       {"Sender anonymity of target messages", "sender anonymity at delivery (bits)", "fraction of target messages",
        "simulated (6 target messages)", "mean 6.47 bits", "median 6.40 bits"}},
      {"epsilon",
       {"Epsilon of 5 challenge messages, delta = 1/5 with one side zero", "delivery time (s)",
        "ε = |log2(p0/p1)| (bits)", "from S0", "from S1", "∞"}}};
  for (const auto& [name, texts] : figures) {
    INFO(name);
    const std::string png = read_text(plots / (name + ".png"));
    CHECK(png.size() > 1024);
    CHECK(png.substr(0, 8) == "\x89PNG\r\n\x1a\n");
    const std::string svg = read_text(plots / (name + ".svg"));
    CHECK(svg.find("<svg") != std::string::npos);
    CHECK(svg.find(texts.front()) == std::string::npos);  // no title unless asked for
    for (std::size_t i = 1; i < texts.size(); ++i) CHECK(svg.find(texts[i]) != std::string::npos);
    CHECK(r.out.find("wrote " + (plots / (name + ".png")).string() + "\n") != std::string::npos);
    CHECK(r.out.find("wrote " + (plots / (name + ".svg")).string() + "\n") != std::string::npos);
    if (fs::exists(plots / (name + ".pdf"))) CHECK(read_text(plots / (name + ".pdf")).substr(0, 5) == "%PDF-");
  }
  // A kind without messages gets no figure; every file written is listed, and only those.
  CHECK(r.out.find("latency.csv: no drop messages, skipped\n") != std::string::npos);
  std::size_t listed = 0;
  for (std::size_t at = r.out.find("wrote "); at != std::string::npos; at = r.out.find("wrote ", at + 1)) ++listed;
  CHECK(listed == static_cast<std::size_t>(std::distance(fs::directory_iterator(plots), fs::directory_iterator())));
  CHECK_FALSE(fs::exists(plots / "latency_drop.png"));
  CHECK(tmp_files(dir).empty());

  // Each figure's script is kept beside it and draws it again in a copy of the folder.
  const fs::path copy = test_support::scratch("replot");  // a path the shell takes as it is
  for (const auto& [name, texts] : figures) {
    INFO(name);
    const std::string script = read_text(plots / (name + ".gp"));
    CHECK(script.find(".tmp") == std::string::npos);
    CHECK(script.find("set output '" + name + ".png'") != std::string::npos);
    write_text(copy / (name + ".gp"), script);
    CHECK(std::system(("cd '" + copy.string() + "' && gnuplot -d " + name + ".gp 2>/dev/null").c_str()) == 0);
    CHECK(read_text(copy / (name + ".png")).substr(0, 8) == "\x89PNG\r\n\x1a\n");
  }

  // Drawing again replaces the figures.
  const Result again = plot(dir);
  CHECK(again.code == 0);
  CHECK(again.out == r.out);

  // With titles, one-column size and a smaller font.
  const Result titled = plot(dir, "gnuplot", {.title = true, .width_in = 3.5, .height_in = 2.4, .font_pt = 8});
  REQUIRE(titled.code == 0);
  for (const auto& [name, texts] : figures) {
    INFO(name);
    const std::string svg = read_text(plots / (name + ".svg"));
    CHECK(svg.find(texts.front()) != std::string::npos);
    CHECK(svg.find("width=\"350\" height=\"240\"") != std::string::npos);
    CHECK(read_text(plots / (name + ".gp")).find("size 350,240 font 'Sans,8'") != std::string::npos);
  }
}

TEST_CASE("plot: an absent or empty CSV is skipped with a note", "[plot]") {
  const fs::path dir = scratch("entropy only");
  write_text(dir / "entropy.csv", kEntropy);
  write_text(dir / "pool.csv", "node,layer,position,pool_packets,time_fraction,poisson_fraction\n");
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
  CHECK(r.out ==
        "entropy.csv: not found, skipped\nlatency.csv: not found, skipped\npool.csv: not found, skipped\n"
        "anonymity_message.csv: not found, skipped\nanonymity.csv: not found, skipped\n"
        "challenge.csv: not found, skipped\n");
  CHECK(r.err == "loopix-sim: " + dir.string() +
                     ": none of entropy.csv, latency.csv, pool.csv, anonymity_message.csv, anonymity.csv, challenge.csv "
                     "to plot (is it the results folder of a run?)\n");
  CHECK_FALSE(fs::exists(dir / "plots"));

  const Result missing = plot(dir / "nowhere");
  CHECK(missing.code == 2);
  CHECK(missing.err == "loopix-sim: " + (dir / "nowhere").string() + ": no such folder\n");
}

TEST_CASE("plot: a malformed CSV is reported with its file, line and column, and nothing is drawn", "[plot]") {
  const fs::path dir = results_with_every_csv("malformed");
  write_text(dir / "pool.csv", "node,layer,position,pool_packets,time_fraction,poisson_fraction\n3,0,0,0,0.5,0.4\n3,0,0,1,half,0.3\n");
  Result r = plot(dir);
  CHECK(r.code == 2);
  CHECK(r.err == "loopix-sim: " + (dir / "pool.csv").string() + ":3: time_fraction: expected a number, got \"half\"\n");
  CHECK_FALSE(fs::exists(dir / "plots"));

  write_text(dir / "pool.csv", "node,size,fraction\n");
  r = plot(dir);
  CHECK(r.err == "loopix-sim: " + (dir / "pool.csv").string() +
                     ":1: expected the header node,layer,position,pool_packets,time_fraction,poisson_fraction\n");

  write_text(dir / "pool.csv", kPool);
  write_text(dir / "latency.csv", "kind,bin_low_s,bin_high_s,packets,gamma_packets\npayload,0,0.5,3\n");
  r = plot(dir);
  CHECK(r.err == "loopix-sim: " + (dir / "latency.csv").string() +
                     ":2: expected 5 fields (kind,bin_low_s,bin_high_s,packets,gamma_packets), got 4\n");
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
  const fs::path program = fake_program(dir, R"(if grep -q GPVAL_TERMINALS "$2"; then exec gnuplot "$@"; fi
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
  const fs::path program = fake_program(
      dir, R"(if grep -q GPVAL_TERMINALS "$2"; then gnuplot "$@" 2>&1 | sed 's/pngcairo//; s/pdfcairo//'; exit 0; fi
exec gnuplot "$@"
)");
  const Result r = plot(dir, program.string());
  INFO(r.err);
  REQUIRE(r.code == 0);
  for (const char* name : {"entropy", "latency_payload", "pool", "anonymity", "epsilon"}) {
    const std::string png = read_text(dir / "plots" / (std::string(name) + ".png"));
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
  CHECK(latency.title == "Latency of it's messages");
  CHECK(latency.plot.find("Γ") == std::string::npos);  // no gamma_packets, no curve

  std::set<std::string, std::less<>> cairo = {"png", "pngcairo", "svg", "pdfcairo"}, gd = {"png", "svg"};
  CHECK(cli::plot::terminals(cairo).size() == 3);
  CHECK(cli::plot::terminals(cairo)[0].command.find("pngcairo") != std::string::npos);
  CHECK(cli::plot::terminals(gd).size() == 2);
  CHECK(cli::plot::terminals(gd)[0].command.find("set terminal png ") == 0);
}

TEST_CASE("plot: anonymity.csv and challenge.csv give scripts with their titles, labels and series", "[plot]") {
  const fs::path dir = scratch("scripts");
  write_text(dir / "anonymity.csv", kAnonymity);
  write_text(dir / "challenge.csv", kChallenge);
  // The real gnuplot, after a copy of each figure's script is kept in the folder.
  const fs::path program = fake_program(dir, R"sh(if ! grep -q GPVAL_TERMINALS "$2"; then cp "$2" "$(dirname "$0")"; fi
exec gnuplot "$@"
)sh");
  const Result r = plot(dir, program.string());
  INFO(r.err);
  REQUIRE(r.code == 0);
  std::string wrote;
  for (const char* name : {"anonymity", "epsilon"})
    for (const char* extension : {".png", ".svg", ".pdf", ".gp", ".csv", ".py"})
      if (const fs::path file = dir / "plots" / (name + std::string(extension)); fs::exists(file))
        wrote += "wrote " + file.string() + "\n";
  CHECK(r.out == "entropy.csv: not found, skipped\nlatency.csv: not found, skipped\npool.csv: not found, skipped\n"
                 "anonymity_message.csv: not found, skipped\n" +
                     wrote);
  CHECK(fs::exists(dir / "plots" / "anonymity.png"));
  CHECK(fs::exists(dir / "plots" / "epsilon.svg"));

  const std::string anonymity = read_text(dir / "anonymity.gp");
  for (const char* text : {"set xlabel 'sender anonymity at delivery (bits)'",
                           "set ylabel 'fraction of target messages'", "set xrange [5.9:7.2]",
                           "with boxes lc rgb '#4c84c4' title 'simulated (6 target messages)'",
                           "title 'mean 6.47 bits'", "title 'median 6.40 bits'"}) {
    INFO(text);
    CHECK(anonymity.find(text) != std::string::npos);
  }
  const std::string epsilon = read_text(dir / "epsilon.gp");
  for (const char* text : {"set xlabel 'delivery time (s)'", "set ylabel 'ε = |log2(p0/p1)| (bits)'",
                           "set ytics add ('∞' ", "title 'from S0'", "title 'from S1'",
                           "\n22.5 ",  // the message with p1 = 0, in the band at the top
                           "\n23 0\n"}) {  // epsilon 0 (p0 = p1) is a point on the axis
    INFO(text);
    CHECK(epsilon.find(text) != std::string::npos);
  }
  // Each challenger named once in the key, though S0 has points above and below the line.
  CHECK(epsilon.find("title 'from S0'") == epsilon.rfind("title 'from S0'"));
  CHECK(epsilon.find("notitle") != std::string::npos);
}

TEST_CASE("plot: an anonymity.csv or challenge.csv with a header and no rows is skipped with a note", "[plot]") {
  const fs::path dir = results_with_every_csv("no targets");
  write_text(dir / "anonymity_message.csv",
             "target,message,sender,sent_s,exit_s,exited_mass,remaining_mass,entropy_bits,p_exit,complete\n"
             "3,104,16,29.9,,0.4,0.6,9.1,0,0\n");  // in flight: not plotted
  write_text(dir / "anonymity.csv", "message,sender,recipient,sent_s,delivered_s,entropy_bits,p_sender\n");
  write_text(dir / "challenge.csv", "message,challenger,sender,sent_s,delivered_s,p0,p1,epsilon_nats,epsilon_bits,zero\n");
  const Result r = plot(dir);
  INFO(r.err);
  REQUIRE(r.code == 0);
  CHECK(r.out.find("anonymity_message.csv: no complete target messages, skipped\nanonymity.csv: no target messages, "
                   "skipped\nchallenge.csv: no challenge messages, skipped\n") != std::string::npos);
  CHECK(fs::exists(dir / "plots" / "entropy.png"));
  for (const char* name : {"anonymity_message", "anonymity", "epsilon"})
    for (const char* extension : {".png", ".svg", ".pdf"})
      CHECK_FALSE(fs::exists(dir / "plots" / (name + std::string(extension))));
}

TEST_CASE("plot: a malformed anonymity.csv or challenge.csv is reported with its file, line and column", "[plot]") {
  const std::string anonymity = "message,sender,recipient,sent_s,delivered_s,entropy_bits,p_sender\n";
  const std::string challenge = "message,challenger,sender,sent_s,delivered_s,p0,p1,epsilon_nats,epsilon_bits,zero\n";
  const std::string ok = "501,0,12,20.0,21.2,0.02,0.01,0.693147181,1,0\n";
  struct Case {
    std::string file, text, error;
  };
  const std::string message = "target,message,sender,sent_s,exit_s,exited_mass,remaining_mass,entropy_bits,p_exit,complete\n";
  const std::vector<Case> cases = {
      {"anonymity_message.csv", message + "0,101,12,20.0,19.0,1,0,12.5,0.0002,1\n", ":2: exit_s: expected no earlier than sent_s"},
      {"anonymity_message.csv", message + "0,101,12,20.0,20.4,-1,0,12.5,0.0002,1\n", ":2: exited_mass: expected a mass >= 0"},
      {"anonymity_message.csv", message + "0,101,12,20.0,20.4,1,0,12.5,2,1\n", ":2: p_exit: expected a probability in [0, 1]"},
      {"anonymity_message.csv", message + "0,101,12,20.0,20.4,1,0,12.5,0.1,yes\n", ":2: complete: expected 0 or 1, got \"yes\""},
      {"anonymity_message.csv", message + "0,101,12,20.0,20.4,1,0,12.5,0.1,1\n1,101,12,20.0,20.4,1,0,12.5,0.1,1\n",
       ":3: message: 101 already on line 2"},
      {"anonymity.csv", "message,sender,entropy_bits\n101,12,6.2\n",
       ":1: expected the header message,sender,recipient,sent_s,delivered_s,entropy_bits,p_sender"},
      {"anonymity.csv", anonymity + "101,12,40,20.5,21.7,6.2\n",
       ":2: expected 7 fields (message,sender,recipient,sent_s,delivered_s,entropy_bits,p_sender), got 6"},
      {"anonymity.csv", anonymity + "101,12,40,20.5,21.7,6.2,0.02\n102,12,40,20.5,21.7,6.2bits,0.02\n",
       ":3: entropy_bits: expected a number, got \"6.2bits\""},
      {"anonymity.csv", anonymity + "101,12,40,20.5,21.7,,0.02\n", ":2: entropy_bits: expected a number, got nothing"},
      {"anonymity.csv", anonymity + "101,12,40,20.5,21.7,-0.5,0.02\n", ":2: entropy_bits: expected an entropy >= 0"},
      {"anonymity.csv", anonymity + "101,12,40,20.5,21.7,6.2,1.5\n", ":2: p_sender: expected a probability in [0, 1]"},
      {"anonymity.csv", anonymity + "m101,12,40,20.5,21.7,6.2,0.02\n",
       ":2: message: expected a whole number >= 0, got \"m101\""},
      {"anonymity.csv", anonymity + "101,12,-40,20.5,21.7,6.2,0.02\n",
       ":2: recipient: expected a whole number >= 0, got \"-40\""},
      {"anonymity.csv", anonymity + "101,12,40,20.5,19.0,6.2,0.02\n",
       ":2: delivered_s: expected no earlier than sent_s"},
      {"anonymity.csv", anonymity + "101,12,40,20.5,21.7,6.2,0.02\n\n101,13,40,20.6,21.9,6.1,0.02\n",
       ":4: message: 101 already on line 2"},
      {"challenge.csv", "message,challenger,sender,sent_s,delivered_s,p0,p1,epsilon,zero\n",
       ":1: expected the header message,challenger,sender,sent_s,delivered_s,p0,p1,epsilon_nats,epsilon_bits,zero"},
      {"challenge.csv", challenge + ok + "502,1,17,20.4,21.9,0.01,0.04,1.38629436,2\n",
       ":3: expected 10 fields (message,challenger,sender,sent_s,delivered_s,p0,p1,epsilon_nats,epsilon_bits,zero), "
       "got 9"},
      {"challenge.csv", challenge + "501,2,12,20.0,21.2,0.02,0.01,0.693147181,1,0\n",
       ":2: challenger: expected 0 (S0) or 1 (S1), got \"2\""},
      {"challenge.csv", challenge + "501,0,12,20.0,21.2,0.02,0.01,0.693147181,1,yes\n",
       ":2: zero: expected 0 or 1, got \"yes\""},
      {"challenge.csv", challenge + "501,0,12,20.0,21.2,0.02,0.01,0.693147181,inf,0\n",
       ":2: epsilon_bits: expected a number, got \"inf\""},
      {"challenge.csv", challenge + "501,0,12,20.0,21.2,0.02,0,0.693147181,1,1\n",
       ":2: epsilon_nats: expected nothing when zero is 1 (one side zero), got \"0.693147181\""},
      {"challenge.csv", challenge + "501,0,12,20.0,21.2,0.02,0,,1,1\n",
       ":2: epsilon_bits: expected nothing when zero is 1 (one side zero), got \"1\""},
      {"challenge.csv", challenge + "501,0,12,20.0,21.2,0.02,0.01,,,0\n",
       ":2: epsilon_nats: expected a number when zero is 0, got nothing"},
      {"challenge.csv", challenge + "501,0,12,20.0,21.2,0.02,0.01,0.693147181,,0\n",
       ":2: epsilon_bits: expected a number when zero is 0, got nothing"},
      {"challenge.csv", challenge + "501,0,12,20.0,21.2,0.02,0.01,-0.69,-1,0\n",
       ":2: epsilon_nats: expected an epsilon >= 0"},
      {"challenge.csv", challenge + "501,0,12,20.0,21.2,0.02,0.01,,,1\n",
       ":2: zero: expected 0, as neither p0 nor p1 is 0"},
      {"challenge.csv", challenge + "501,0,12,20.0,21.2,0.02,0,0.1,0.14,0\n",
       ":2: zero: expected 1, as one of p0, p1 is 0"},
      {"challenge.csv", challenge + "501,0,12,20.0,21.2,0,0,,,1\n",
       ":2: p0, p1: expected at most one of them 0 (S0 or S1 sent the message)"},
      {"challenge.csv", challenge + "501,0,12,20.0,21.2,1.2,0.01,0.693147181,1,0\n",
       ":2: p0: expected a probability in [0, 1]"},
      {"challenge.csv", challenge + ok + "502,0,13,20.4,21.9,0.01,0.04,1.38629436,2,0\n",
       ":3: sender: expected node 12, S0's sender on line 2"},
      {"challenge.csv", challenge + ok + "502,1,12,20.4,21.9,0.01,0.04,1.38629436,2,0\n",
       ":3: sender: node 12 is S0's sender (line 2); S0 and S1 are two clients"},
      {"challenge.csv", challenge + ok + "501,1,17,20.4,21.9,0.01,0.04,1.38629436,2,0\n",
       ":3: message: 501 already on line 2"},
  };
  const fs::path dir = results_with_every_csv("malformed new");
  for (const Case& c : cases) {
    INFO(c.file << ":\n" << c.text);
    write_text(dir / "anonymity_message.csv", kMessageAnonymity);
    write_text(dir / "anonymity.csv", kAnonymity);
    write_text(dir / "challenge.csv", kChallenge);
    write_text(dir / c.file, c.text);
    const Result r = plot(dir);
    CHECK(r.code == 2);
    CHECK(r.err == "loopix-sim: " + (dir / c.file).string() + c.error + "\n");
    CHECK_FALSE(fs::exists(dir / "plots"));
  }
}

TEST_CASE("plot: the anonymity histogram has 40 bins over the observed range, fractions summing to 1", "[plot]") {
  cli::plot::AnonymityFigure f;
  for (int i = 0; i < 1000; ++i) f.entropy_bits.push_back(6 + (i % 101) / 100.0);  // 6 to 7 bits
  const cli::plot::Script s = cli::plot::anonymity_script(f);
  CHECK(s.setup.find("set xrange [6:7]\n") != std::string::npos);
  const std::size_t from = s.setup.find("$anonymity << EOD\n") + 18, to = s.setup.find("EOD\n", from);
  std::istringstream rows(s.setup.substr(from, to - from));
  int bins = 0;
  double total = 0, low = 0, high = 0, fraction = 0;
  while (rows >> low >> high >> fraction) {
    ++bins;
    total += fraction;
  }
  CHECK(bins == 40);
  CHECK(high == Approx(7));
  CHECK(total == Approx(1));
  CHECK(s.plot.find("'simulated (1000 target messages)'") != std::string::npos);

  // Every target as anonymous as the others: one bit around their anonymity.
  const cli::plot::Script same = cli::plot::anonymity_script({cli::plot::AnonymityFigure::Level::Sender, {3, 3, 3}});
  CHECK(same.setup.find("set xrange [2.5:3.5]\n") != std::string::npos);
  CHECK(same.plot.find("'mean 3.00 bits'") != std::string::npos);
  CHECK(same.plot.find("'median 3.00 bits'") != std::string::npos);
}

TEST_CASE("plot: the epsilon figure has a band for one side zero only when there is such a message", "[plot]") {
  cli::plot::ChallengeFigure finite{{{0, 21, 1.5}, {1, 22, 0.4}}};
  const cli::plot::Script plain = cli::plot::epsilon_script(finite);
  CHECK(plain.title == "Epsilon of 2 challenge messages");
  CHECK(plain.setup.find("set yrange [0:*]\n") != std::string::npos);
  CHECK(plain.setup.find("∞") == std::string::npos);
  CHECK(plain.setup.find("set arrow") == std::string::npos);

  cli::plot::ChallengeFigure zero = finite;
  zero.messages.push_back({1, 23, std::nullopt});
  const cli::plot::Script band = cli::plot::epsilon_script(zero);
  CHECK(band.title == "Epsilon of 3 challenge messages, delta = 1/3 with one side zero");
  // Tics every 0.5 bits up to 1.5 (the largest epsilon), the band above at 1.875,
  // past a dashed line at 1.7.
  CHECK(band.setup.find("set ytics 0, 0.5, 1.5\n") != std::string::npos);
  CHECK(band.setup.find("set ytics add ('∞' 1.875)\n") != std::string::npos);
  CHECK(band.setup.find("\n23 1.875\n") != std::string::npos);
  CHECK(band.setup.find("set arrow from graph 0, first 1.7 to graph 1, first 1.7 nohead") != std::string::npos);

  // Only S1, and only with one side zero: S1 in the key from the band, S0 not at all.
  const cli::plot::Script only = cli::plot::epsilon_script({{{1, 23, std::nullopt}}});
  CHECK(only.plot.find("title 'from S1'") != std::string::npos);
  CHECK(only.plot.find("S0") == std::string::npos);
}

TEST_CASE("plot: each figure's data is kept as a table, one row per point of each element it draws", "[plot]") {
  using cli::plot::figure_table;
  const std::string header = "element,style,x,x_high,y,y_low,y_high\n";
  const cli::plot::LatencyFigure latency{"payload", {{0, 0.5, 3, 2.5}, {0.5, 1, 9, std::nullopt}}};
  CHECK(figure_table(cli::plot::latency_script(latency)) ==
        header +
            "simulated (12 messages),bars,0,0.5,3,,\n"
            "simulated (12 messages),bars,0.5,1,9,,\n"
            "\"Γ(k, μ), the delays alone\",line,0.25,,2.5,,\n");  // a comma in a name: quoted

  // The sizes the figure shows only: 9 has under a thousandth of the peak on either curve.
  const cli::plot::PoolFigure pool{2, {{0, 0.25, 0.3}, {1, 0.75, std::nullopt}, {9, 1e-5, 1e-5}}};
  CHECK(figure_table(cli::plot::pool_script(pool)) ==
        header +
            "\"simulated, mean over 2 mixes\",bars,-0.5,0.5,0.25,,\n"
            "\"simulated, mean over 2 mixes\",bars,0.5,1.5,0.75,,\n"
            "\"Poisson(λ/μ), Lemma 1\",line_points,0,,0.3,,\n");

  // One side zero: an infinite epsilon.
  const cli::plot::ChallengeFigure challenge{{{0, 21.5, 0.25}, {1, 22, std::nullopt}, {0, 23, 1.5}}};
  CHECK(figure_table(cli::plot::epsilon_script(challenge)) ==
        header + "from S0,points,21.5,,0.25,,\nfrom S0,points,23,,1.5,,\nfrom S1,points,22,,inf,,\n");

  cli::plot::SweepFigure sweep{"clients", "entropy (bits)", false, true, {{"μ = 2", {{10, 3, 2.5, 3.5}, {20, 4, 4, 4}}}}};
  const cli::plot::Script swept = cli::plot::sweep_script(sweep);
  CHECK(figure_table(swept) == header + "μ = 2,error_bars,10,,3,2.5,3.5\nμ = 2,error_bars,20,,4,4,4\n");
  CHECK((swept.x_label == "clients" && swept.y_label == "entropy (bits)" && !swept.log_x && swept.log_y));

  const cli::plot::AnonymityFigure anonymity{cli::plot::AnonymityFigure::Level::Sender, {6.0, 7.0, 8.0}};
  const std::string bars = figure_table(cli::plot::anonymity_script(anonymity));
  CHECK(bars.find("simulated (3 target messages),bars,6,6.05,0.333333333,,\n") != std::string::npos);
  CHECK(bars.find("mean 7.00 bits,vertical_line,7,,,,\nmedian 7.00 bits,vertical_line,7,,,,\n") != std::string::npos);
}

TEST_CASE("plot: the figures' data and matplotlib scripts are written beside them, and --matplotlib runs the scripts",
          "[plot]") {
  const fs::path dir = scratch("matplotlib");
  write_text(dir / "latency.csv", kLatency);
  write_text(dir / "challenge.csv", kChallenge);
  // A Python without matplotlib: an error naming what to install, and no figure drawn.
  const fs::path bare = fake_program(dir, "exit 1\n");
  const Result without = plot(dir, "gnuplot", {.matplotlib = bare.string()});
  CHECK(without.code == 2);
  CHECK(without.err == "loopix-sim: " + bare.string() + ": has no matplotlib; --matplotlib needs python3 with matplotlib "
                       "(on Debian: apt-get install python3-matplotlib)\n");
  CHECK_FALSE(fs::exists(dir / "plots" / "epsilon.png"));

  const Result r = plot(dir);
  REQUIRE(r.code == 0);
  const fs::path plots = dir / "plots";
  CHECK(read_text(plots / "epsilon.csv").rfind("element,style,x,x_high,y,y_low,y_high\nfrom S0,points,", 0) == 0);
  const std::string script = read_text(plots / "epsilon.py");
  CHECK(script.find("X_LABEL = \"delivery time (s)\"") != std::string::npos);
  CHECK(script.find("TITLE = None") != std::string::npos);
  // A label that is not UTF-8 (a summary.csv's parameter can be named anything) is still a
  // Python string, with U+FFFD for the bytes that are not.
  cli::plot::Script odd;
  odd.x_label = "d\xb3lays";
  CHECK(cli::plot::matplotlib_script("odd", odd, {}).find("X_LABEL = \"d\xef\xbf\xbdlays\"") != std::string::npos);

  if (std::system((std::string(LOOPIX_PYTHON) + " -c 'import matplotlib' 2>/dev/null").c_str()) != 0) {
    WARN(LOOPIX_PYTHON " has no matplotlib: its figures are not drawn here");
    return;
  }
  const Result drawn = plot(dir, "gnuplot", {.title = true, .matplotlib = LOOPIX_PYTHON});
  INFO(drawn.err);
  REQUIRE(drawn.code == 0);
  for (const char* name : {"latency_payload", "epsilon"}) {
    INFO(name);
    CHECK(read_text(plots / (name + std::string(".matplotlib.png"))).substr(0, 8) == "\x89PNG\r\n\x1a\n");
    CHECK(read_text(plots / (name + std::string(".matplotlib.pdf"))).substr(0, 5) == "%PDF-");
    CHECK(read_text(plots / (name + std::string(".matplotlib.svg"))).find("<svg") != std::string::npos);
    CHECK(drawn.out.find((plots / (name + std::string(".matplotlib.svg"))).string()) != std::string::npos);
  }
  // The title, from the table's figure: matplotlib writes it into the SVG as text.
  CHECK(read_text(plots / "epsilon.py").find("TITLE = \"Epsilon of 5 challenge messages") != std::string::npos);
  CHECK(tmp_files(dir).empty());
}
