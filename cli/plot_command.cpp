// `loopix-sim plot`: reads the results folder's CSVs, has gnuplot draw each figure into temporary
// files, and renames them into DIR/plots/ once gnuplot has succeeded.
#include "cli/plot_command.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <cmath>
#include <filesystem>
#include <map>
#include <optional>
#include <set>
#include <vector>

#include "cli/csv_reader.h"
#include "cli/gnuplot.h"
#include "cli/plot_scripts.h"
#include "cli/user_error.h"

namespace cli {

namespace fs = std::filesystem;

namespace {

std::optional<plot::EntropyFigure> read_entropy(const fs::path& path) {
  CsvReader csv(path, "time_s,node,layer,position,entropy_bits");
  std::map<int, plot::EntropyFigure::Mix> by_node;
  std::map<double, std::pair<double, int>> by_time;  // sum of the mixes' entropies, and how many
  while (csv.next()) {
    const double time = csv.number(0), bits = csv.number(4);
    const auto it = by_node.try_emplace(csv.count(1), plot::EntropyFigure::Mix{csv.count(2), csv.count(3), {}}).first;
    it->second.samples.push_back({time, bits});
    by_time[time].first += bits;
    ++by_time[time].second;
  }
  if (by_node.empty()) return std::nullopt;
  plot::EntropyFigure f;
  for (auto& [node, mix] : by_node) {
    std::sort(mix.samples.begin(), mix.samples.end(), [](auto& a, auto& b) { return a.time_s < b.time_s; });
    f.mixes.push_back(std::move(mix));
  }
  std::stable_sort(f.mixes.begin(), f.mixes.end(),
                   [](auto& a, auto& b) { return std::pair(a.layer, a.index) < std::pair(b.layer, b.index); });
  for (const auto& [time, sum] : by_time) f.mean.push_back({time, sum.first / sum.second});
  return f;
}

// One figure per kind with at least one message, in the order of the file.
std::vector<plot::LatencyFigure> read_latency(const fs::path& path, std::ostream& out) {
  CsvReader csv(path, "kind,bin_low_s,bin_high_s,packets,gamma_packets");
  std::vector<plot::LatencyFigure> kinds;
  while (csv.next()) {
    const std::string& kind = csv.text(0);
    if (kind.empty()) csv.fail("kind: expected a traffic kind, got nothing");
    const double low = csv.number(1), high = csv.number(2), count = csv.number(3);
    if (high <= low) csv.fail("bin_high_s: expected more than bin_low_s");
    if (count < 0) csv.fail("count: expected a count >= 0");
    auto it = std::find_if(kinds.begin(), kinds.end(), [&](auto& k) { return k.kind == kind; });
    if (it == kinds.end()) it = kinds.insert(kinds.end(), plot::LatencyFigure{kind, {}});
    it->bins.push_back({low, high, count, csv.optional_number(4)});
  }
  std::vector<plot::LatencyFigure> figures;
  for (plot::LatencyFigure& k : kinds) {
    if (std::any_of(k.bins.begin(), k.bins.end(), [](auto& b) { return b.count > 0; }))
      figures.push_back(std::move(k));
    else
      out << path.filename().string() << ": no " << k.kind << " messages, skipped\n";
  }
  return figures;
}

// Averaged over the mixes in the file; a size a mix's rows stop short of counts as 0 for it
// (the rows run past its largest pool and far into its Poisson tail).
std::optional<plot::PoolFigure> read_pool(const fs::path& path) {
  CsvReader csv(path, "node,layer,position,pool_packets,time_fraction,poisson_fraction");
  std::map<int, int> nodes;
  struct Sums {
    double time_fraction = 0, poisson_fraction = 0;
    bool poisson = false;
  };
  std::map<int, Sums> by_size;
  while (csv.next()) {
    nodes[csv.count(0)] = 1;
    Sums& s = by_size[csv.count(3)];
    const double fraction = csv.number(4);
    const std::optional<double> poisson = csv.optional_number(5);
    if (fraction < 0 || fraction > 1) csv.fail("time_fraction: expected a fraction in [0, 1]");
    s.time_fraction += fraction;
    if (poisson) {
      s.poisson_fraction += *poisson;
      s.poisson = true;
    }
  }
  if (nodes.empty()) return std::nullopt;
  plot::PoolFigure f;
  f.mixes = static_cast<int>(nodes.size());
  for (const auto& [size, s] : by_size)
    f.sizes.push_back({size, s.time_fraction / f.mixes,
                       s.poisson ? std::optional<double>(s.poisson_fraction / f.mixes) : std::nullopt});
  return f;
}

// Remembers each row's message id, and fails on one already seen.
class MessageIds {
 public:
  void add(const CsvReader& csv, std::uint64_t message) {
    const auto [it, added] = lines_.try_emplace(message, csv.line());
    if (!added) csv.fail("message: " + std::to_string(message) + " already on line " + std::to_string(it->second));
  }

 private:
  std::map<std::uint64_t, std::size_t> lines_;
};

// sent_s and delivered_s (columns `sent` and sent + 1): a time >= 0, then one no earlier.
double delivery_time(const CsvReader& csv, std::size_t sent) {
  const double sent_s = csv.number(sent), delivered_s = csv.number(sent + 1);
  if (sent_s < 0) csv.fail(csv.column(sent) + ": expected a time >= 0");
  if (delivered_s < sent_s) csv.fail(csv.column(sent + 1) + ": expected no earlier than " + csv.column(sent));
  return delivered_s;
}

double probability(const CsvReader& csv, std::size_t column) {
  const double p = csv.number(column);
  if (p < 0 || p > 1) csv.fail(csv.column(column) + ": expected a probability in [0, 1]");
  return p;
}

// One entropy per target message; none when the file holds only its header.
std::optional<plot::AnonymityFigure> read_anonymity(const fs::path& path) {
  CsvReader csv(path, "message,sender,recipient,sent_s,delivered_s,entropy_bits,p_sender");
  MessageIds ids;
  plot::AnonymityFigure f{plot::AnonymityFigure::Level::Sender, {}};
  while (csv.next()) {
    ids.add(csv, csv.id(0));
    csv.id(1);
    csv.id(2);
    delivery_time(csv, 3);
    const double bits = csv.number(5);
    if (bits < 0) csv.fail("entropy_bits: expected an entropy >= 0");
    probability(csv, 6);
    f.entropy_bits.push_back(bits);
  }
  if (f.entropy_bits.empty()) return std::nullopt;
  return f;
}

// Message level: one entropy per complete target; none when no target is complete.
std::optional<plot::AnonymityFigure> read_message_anonymity(const fs::path& path) {
  CsvReader csv(path, "target,message,sender,sent_s,exit_s,exited_mass,remaining_mass,entropy_bits,p_exit,complete");
  MessageIds ids;
  plot::AnonymityFigure f{plot::AnonymityFigure::Level::Message, {}};
  while (csv.next()) {
    csv.id(0);
    ids.add(csv, csv.id(1));
    csv.id(2);
    const double sent_s = csv.number(3);
    if (sent_s < 0) csv.fail("sent_s: expected a time >= 0");
    const std::optional<double> exit_s = csv.optional_number(4);
    if (exit_s && *exit_s < sent_s) csv.fail("exit_s: expected no earlier than sent_s");
    for (std::size_t mass : {5, 6})
      if (csv.number(mass) < 0) csv.fail(csv.column(mass) + ": expected a mass >= 0");
    const double bits = csv.number(7);
    if (bits < 0) csv.fail("entropy_bits: expected an entropy >= 0");
    probability(csv, 8);
    if (csv.zero_or_one(9, "0 or 1")) f.entropy_bits.push_back(bits);
  }
  if (f.entropy_bits.empty()) return std::nullopt;
  return f;
}

// One epsilon per challenge message (none when exactly one of p0, p1 is 0); none when the
// file holds only its header. Each challenger sends from one node, S0's other than S1's.
std::optional<plot::ChallengeFigure> read_challenge(const fs::path& path) {
  CsvReader csv(path, "message,challenger,sender,sent_s,delivered_s,p0,p1,epsilon_nats,epsilon_bits,zero");
  MessageIds ids;
  struct Sender {
    std::uint64_t node;
    std::size_t line;
  };
  std::array<std::optional<Sender>, 2> senders;
  plot::ChallengeFigure f;
  while (csv.next()) {
    ids.add(csv, csv.id(0));
    const int challenger = csv.zero_or_one(1, "0 (S0) or 1 (S1)");
    const std::uint64_t sender = csv.id(2);
    const std::string name = challenger == 0 ? "S0" : "S1", other = challenger == 0 ? "S1" : "S0";
    if (const auto& s = senders[challenger]; s && s->node != sender)
      csv.fail("sender: expected node " + std::to_string(s->node) + ", " + name + "'s sender on line " +
               std::to_string(s->line));
    if (const auto& s = senders[1 - challenger]; s && s->node == sender)
      csv.fail("sender: node " + std::to_string(sender) + " is " + other + "'s sender (line " +
               std::to_string(s->line) + "); S0 and S1 are two clients");
    if (!senders[challenger]) senders[challenger] = Sender{sender, csv.line()};
    const double delivered = delivery_time(csv, 3);
    const double p0 = probability(csv, 5), p1 = probability(csv, 6);
    const bool zero = csv.zero_or_one(9, "0 or 1") == 1;
    std::optional<double> epsilon_bits;
    for (const std::size_t column : {7, 8}) {
      if (zero && !csv.text(column).empty())
        csv.fail(csv.column(column) + ": expected nothing when zero is 1 (one side zero), got \"" + csv.text(column) +
                 "\"");
      if (zero) continue;
      const std::optional<double> epsilon = csv.optional_number(column);
      if (!epsilon) csv.fail(csv.column(column) + ": expected a number when zero is 0, got nothing");
      if (*epsilon < 0) csv.fail(csv.column(column) + ": expected an epsilon >= 0");
      epsilon_bits = epsilon;
    }
    if (p0 == 0 && p1 == 0) csv.fail("p0, p1: expected at most one of them 0 (S0 or S1 sent the message)");
    if (zero != ((p0 == 0) != (p1 == 0)))
      csv.fail(zero ? "zero: expected 0, as neither p0 nor p1 is 0" : "zero: expected 1, as one of p0, p1 is 0");
    f.messages.push_back({challenger, delivered, epsilon_bits});
  }
  if (f.messages.empty()) return std::nullopt;
  return f;
}

// A traffic kind as part of a file name: letters, digits, '-' and '_' kept, the rest '_'.
std::string file_name_part(const std::string& kind) {
  std::string s = kind;
  for (char& c : s)
    if (!(std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_')) c = '_';
  return s;
}

}  // namespace

int plot_command(const std::string& results_dir, std::ostream& out, std::ostream& err, const plot::FigureOptions& style) {
  return plot_command(results_dir, out, err, "gnuplot", style);
}

int plot_command(const std::string& results_dir, std::ostream& out, std::ostream& err, const std::string& gnuplot,
                 const plot::FigureOptions& style) {
  const fs::path dir(results_dir);
  std::error_code ec;
  if (!fs::is_directory(dir, ec)) throw UserError(dir.string() + ": no such folder");

  if (fs::exists(dir / "sweep.json", ec) && !fs::exists(dir / "entropy.csv", ec))
    throw UserError(dir.string() + ": a sweep folder: name the figure with --x PARAMETER --y METRIC");

  // Read every CSV first: a malformed one stops the command before anything is drawn.
  std::vector<std::pair<std::string, plot::Script>> figures;  // file name without extension, script
  bool found = false;  // any of the CSVs
  const auto present = [&](const char* file) {
    const bool exists = fs::exists(dir / file, ec);
    if (!exists) out << file << ": not found, skipped\n";
    found = found || exists;
    return exists;
  };
  if (present("entropy.csv")) {
    if (auto f = read_entropy(dir / "entropy.csv"))
      figures.emplace_back("entropy", plot::entropy_script(*f));
    else
      out << "entropy.csv: no rows, skipped\n";
  }
  if (present("latency.csv")) {
    const std::vector<plot::LatencyFigure> kinds = read_latency(dir / "latency.csv", out);
    if (kinds.empty()) out << "latency.csv: no rows with messages, skipped\n";
    for (const plot::LatencyFigure& k : kinds)
      figures.emplace_back("latency_" + file_name_part(k.kind), plot::latency_script(k));
  }
  if (present("pool.csv")) {
    if (auto f = read_pool(dir / "pool.csv"))
      figures.emplace_back("pool", plot::pool_script(*f));
    else
      out << "pool.csv: no rows, skipped\n";
  }
  if (present("anonymity_message.csv")) {
    if (auto f = read_message_anonymity(dir / "anonymity_message.csv"))
      figures.emplace_back("anonymity_message", plot::anonymity_script(*f));
    else
      out << "anonymity_message.csv: no complete target messages, skipped\n";
  }
  if (present("anonymity.csv")) {
    if (auto f = read_anonymity(dir / "anonymity.csv"))
      figures.emplace_back("anonymity", plot::anonymity_script(*f));
    else
      out << "anonymity.csv: no target messages, skipped\n";
  }
  if (present("challenge.csv")) {
    if (auto f = read_challenge(dir / "challenge.csv"))
      figures.emplace_back("epsilon", plot::epsilon_script(*f));
    else
      out << "challenge.csv: no challenge messages, skipped\n";
  }
  if (!found)
    throw UserError(dir.string() +
                    ": none of entropy.csv, latency.csv, pool.csv, anonymity_message.csv, anonymity.csv, challenge.csv to plot (is it "
                    "the results folder of a run?)");
  if (figures.empty()) throw UserError(dir.string() + ": nothing to plot (the CSVs hold no data)");

  const fs::path shown = dir / "plots";
  const TempDir tmp;
  const Gnuplot g = probe(gnuplot, tmp, style);
  const fs::path plots = plots_folder(shown);
  for (const auto& [name, script] : figures)
    for (const fs::path& file : render(g, tmp, plots, shown, name, script, err))
      out << "wrote " << file.string() << '\n';
  return 0;
}

}  // namespace cli
