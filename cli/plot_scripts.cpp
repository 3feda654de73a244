#include "cli/plot_scripts.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdio>
#include <limits>
#include <set>
#include <utility>

namespace cli::plot {

namespace {

// Shared by every figure: axes on the left and bottom only, a light grid, '?' for a value
// the CSV left empty.
constexpr const char* kStyle = R"(set encoding utf8
set border 3
set tics nomirror out
set grid back lt 1 lc rgb '#e2e2e2' lw 1
set datafile missing '?'
set key noautotitle
)";

// Histograms: pale boxes, the key inside at the top right, over a fifth of the height left
// free above the data ("set offsets"), so that it never hides a bar.
constexpr const char* kHistogram = R"(set yrange [0:*]
set style fill solid 0.45 border lc rgb '#3b6a9c'
set key inside top right opaque box lc rgb '#c0c0c0'
set offsets 0, 0, graph 0.2, 0
)";

// Distinct colours for up to ten mixes drawn one by one (beyond that, one grey for all),
// partly transparent ("#AARRGGBB", AA the transparency) so the mean over mixes stands out.
constexpr std::array<const char*, 10> kMixColours = {"#601f77b4", "#60ff7f0e", "#602ca02c", "#60d62728", "#609467bd",
                                                     "#608c564b", "#60e377c2", "#607f7f7f", "#60bcbd22", "#6017becf"};
constexpr std::size_t kMostMixesInKey = kMixColours.size();

std::string optional_number(const std::optional<double>& x) { return x ? number(*x) : "?"; }

std::string mixes(std::size_t n) { return std::to_string(n) + (n == 1 ? " mix" : " mixes"); }

std::string messages(std::size_t n, const std::string& kind) {
  return std::to_string(n) + ' ' + kind + (n == 1 ? " message" : " messages");
}

// Bits as the key and the title show them: two decimals.
std::string bits(double x) {
  char text[32];
  std::snprintf(text, sizeof text, "%.2f", x);
  return text;
}

// The smallest of 1, 2, 2.5 and 5 times a power of ten that is at least x (> 0): a tic step.
double tic_step(double x) {
  const double power = std::pow(10.0, std::floor(std::log10(x)));
  for (double m : {1.0, 2.0, 2.5, 5.0})
    if (m * power >= x * (1 - 1e-9)) return m * power;
  return 10 * power;
}

constexpr std::size_t kAnonymityBins = 40;

constexpr const char* kGammaName = "Γ(k, μ), the delays alone";
constexpr const char* kPoissonName = "Poisson(λ/μ), Lemma 1";

// The axes' labels, as the script has them.
std::string axes(const Script& s) { return "set xlabel " + quoted(s.x_label) + "\nset ylabel " + quoted(s.y_label) + '\n'; }

}  // namespace

std::string_view style_name(Element::Style style) {
  switch (style) {
    case Element::Style::Line: return "line";
    case Element::Style::FaintLine: return "faint_line";
    case Element::Style::LinePoints: return "line_points";
    case Element::Style::Bars: return "bars";
    case Element::Style::Points: return "points";
    case Element::Style::ErrorBars: return "error_bars";
    case Element::Style::VerticalLine: return "vertical_line";
  }
  return "line";
}

std::string number(double x) {
  char text[32];
  std::snprintf(text, sizeof text, "%.9g", x);
  return text;
}

std::string quoted(std::string_view s) {
  std::string q = "'";
  for (char c : s) {
    if (c == '\'') q += '\'';
    q += c;
  }
  return q + "'";
}

Script entropy_script(const EntropyFigure& f) {
  Script s;
  s.setup = kStyle;
  s.title = "Entropy over time";
  s.x_label = "time (s)";
  s.y_label = "entropy (bits)";
  s.setup += axes(s);
  // Up to ten mixes, each named in a key beside the plot; beyond, one grey for all and a key below.
  const bool each_named = f.mixes.size() <= kMostMixesInKey;
  s.setup += each_named ? "set key outside right top vertical Left reverse samplen 2\n"
                        : "set key outside below center horizontal samplen 2\n";
  // One block per mix, separated by two blank lines (gnuplot's "index").
  s.setup += "$entropy << EOD\n";
  for (std::size_t m = 0; m < f.mixes.size(); ++m) {
    if (m > 0) s.setup += "\n\n";
    for (const EntropyFigure::Point& p : f.mixes[m].samples) s.setup += number(p.time_s) + ' ' + number(p.bits) + '\n';
  }
  s.setup += "EOD\n$mean << EOD\n";
  for (const EntropyFigure::Point& p : f.mean) s.setup += number(p.time_s) + ' ' + number(p.bits) + '\n';
  s.setup += "EOD\n";

  for (const EntropyFigure::Mix& m : f.mixes) {
    Element& mix = s.elements.emplace_back(Element{
        "layer " + std::to_string(m.layer) + ", mix " + std::to_string(m.index), Element::Style::FaintLine, {}});
    for (const EntropyFigure::Point& p : m.samples) mix.rows.push_back({p.time_s, {}, p.bits});
  }
  Element& mean = s.elements.emplace_back(Element{"mean over " + mixes(f.mixes.size()), Element::Style::Line, {}});
  for (const EntropyFigure::Point& p : f.mean) mean.rows.push_back({p.time_s, {}, p.bits});

  s.plot = "plot ";
  if (each_named) {
    for (std::size_t m = 0; m < f.mixes.size(); ++m)
      s.plot += "$entropy index " + std::to_string(m) + " using 1:2 with lines lw 1 lc rgb '" + kMixColours[m] +
                "' title " + quoted(s.elements[m].name) + ", \\\n     ";
  } else {
    s.plot += "$entropy using 1:2 with lines lw 1 lc rgb '#b8b8b8' title " +
              quoted("each of the " + mixes(f.mixes.size())) + ", \\\n     ";
  }
  s.plot += "$mean using 1:2 with lines lw 3 lc rgb 'black' title " + quoted(mean.name) + '\n';
  return s;
}

Script latency_script(const LatencyFigure& f) {
  Script s;
  s.setup = kStyle;
  s.title = "Latency of " + f.kind + " messages";
  s.x_label = "latency (s)";
  s.y_label = "messages per bin";
  s.setup += axes(s);
  s.setup += kHistogram;
  double low = f.bins.front().low_s, high = f.bins.front().high_s, messages = 0;
  bool gamma = false;
  for (const LatencyFigure::Bin& b : f.bins) {
    low = std::min(low, b.low_s);
    high = std::max(high, b.high_s);
    messages += b.count;
    gamma = gamma || b.gamma_count.has_value();
  }
  s.setup += "set xrange [" + number(low) + ':' + number(high) + "]\n";
  s.setup += "# bin_low_s bin_high_s count gamma_count\n$latency << EOD\n";
  for (const LatencyFigure::Bin& b : f.bins)
    s.setup += number(b.low_s) + ' ' + number(b.high_s) + ' ' + number(b.count) + ' ' + optional_number(b.gamma_count) +
               '\n';
  s.setup += "EOD\n";

  s.plot = "plot $latency using (($1 + $2) / 2):3:($2 - $1) with boxes lc rgb '#4c84c4' title " +
           quoted("simulated (" + number(messages) + " messages)");
  if (gamma)
    s.plot += ", \\\n     $latency using (($1 + $2) / 2):4 with lines lw 2.5 lc rgb '#c8102e' "
              "title " + quoted(kGammaName);
  s.plot += '\n';

  Element& bars = s.elements.emplace_back(Element{"simulated (" + number(messages) + " messages)", Element::Style::Bars, {}});
  for (const LatencyFigure::Bin& b : f.bins) bars.rows.push_back({b.low_s, b.high_s, b.count});
  if (gamma) {
    Element& expected = s.elements.emplace_back(Element{kGammaName, Element::Style::Line, {}});
    for (const LatencyFigure::Bin& b : f.bins)
      if (b.gamma_count) expected.rows.push_back({(b.low_s + b.high_s) / 2, {}, *b.gamma_count});
  }
  return s;
}

Script pool_script(const PoolFigure& f) {
  Script s;
  s.setup = kStyle;
  s.title = "Pool size";
  s.x_label = "pool size (messages)";
  s.y_label = "fraction of time";
  s.setup += axes(s) + "set boxwidth 1 absolute\n";
  s.setup += kHistogram;
  // Show the sizes that matter: from the first to the last one that either curve puts at
  // least a thousandth of its peak on (the CSV runs far into the Poisson tails).
  double peak = 0;
  bool poisson = false;
  for (const PoolFigure::Size& z : f.sizes) {
    peak = std::max({peak, z.time_fraction, z.poisson_fraction.value_or(0)});
    poisson = poisson || z.poisson_fraction.has_value();
  }
  int first = f.sizes.front().size, last = f.sizes.back().size;
  const auto matters = [&](const PoolFigure::Size& z) {
    return std::max(z.time_fraction, z.poisson_fraction.value_or(0)) >= peak / 1000;
  };
  if (const auto it = std::find_if(f.sizes.begin(), f.sizes.end(), matters); it != f.sizes.end()) first = it->size;
  if (const auto it = std::find_if(f.sizes.rbegin(), f.sizes.rend(), matters); it != f.sizes.rend()) last = it->size;
  s.setup += "set xrange [" + number(first - 0.7) + ':' + number(last + 0.7) + "]\n";
  if (last - first < 10) s.setup += "set xtics 1\n";  // whole messages, not steps of 0.5
  s.setup += "# size time_fraction poisson_fraction\n$pool << EOD\n";
  for (const PoolFigure::Size& z : f.sizes)
    s.setup +=
        std::to_string(z.size) + ' ' + number(z.time_fraction) + ' ' + optional_number(z.poisson_fraction) + '\n';
  s.setup += "EOD\n";

  const std::string simulated =
      f.mixes == 1 ? "simulated" : "simulated, mean over " + mixes(static_cast<std::size_t>(f.mixes));
  s.plot = "plot $pool using 1:2 with boxes lc rgb '#4c84c4' title " + quoted(simulated);
  if (poisson)
    s.plot += ", \\\n     $pool using 1:3 with linespoints lw 2 pt 7 ps 0.6 lc rgb '#c8102e' "
              "title " + quoted(kPoissonName);
  s.plot += '\n';

  Element bars{simulated, Element::Style::Bars, {}}, lemma{kPoissonName, Element::Style::LinePoints, {}};
  for (const PoolFigure::Size& z : f.sizes) {
    if (z.size < first || z.size > last) continue;  // the sizes the figure shows
    bars.rows.push_back({z.size - 0.5, z.size + 0.5, z.time_fraction});
    if (z.poisson_fraction) lemma.rows.push_back({static_cast<double>(z.size), {}, *z.poisson_fraction});
  }
  s.elements.push_back(std::move(bars));
  if (poisson) s.elements.push_back(std::move(lemma));
  return s;
}

Script anonymity_script(const AnonymityFigure& f) {
  std::vector<double> x = f.entropy_bits;
  std::sort(x.begin(), x.end());
  const std::size_t n = x.size();
  double sum = 0;
  for (double v : x) sum += v;
  const double mean = sum / static_cast<double>(n);
  const double median = n % 2 == 1 ? x[n / 2] : (x[n / 2 - 1] + x[n / 2]) / 2;
  // Bins over the observed range; when every target has the same anonymity, one bit around it.
  double low = x.front(), high = x.back();
  if (high - low <= 1e-9 * std::max(1.0, std::abs(high))) {
    low = std::max(0.0, low - 0.5);
    high = low + 1;
  }
  const double width = (high - low) / kAnonymityBins;
  std::array<std::size_t, kAnonymityBins> counts{};
  for (double v : x)
    ++counts[std::min(kAnonymityBins - 1, static_cast<std::size_t>(std::max(0.0, (v - low) / width)))];
  double peak = 0;
  for (std::size_t c : counts) peak = std::max(peak, static_cast<double>(c) / static_cast<double>(n));

  Script s;
  s.setup = kStyle;
  const bool sender = f.level == AnonymityFigure::Level::Sender;
  s.title = sender ? "Sender anonymity of target messages" : "Message-level anonymity of target messages";
  s.x_label = sender ? "sender anonymity at delivery (bits)" : "entropy of where the target left the network (bits)";
  s.y_label = "fraction of target messages";
  s.setup += axes(s);
  s.setup += kHistogram;
  s.setup += "set xrange [" + number(low) + ':' + number(high) + "]\n";
  s.setup += "# bin_low_bits bin_high_bits fraction\n$anonymity << EOD\n";
  for (std::size_t b = 0; b < kAnonymityBins; ++b)
    s.setup += number(low + static_cast<double>(b) * width) + ' ' + number(low + static_cast<double>(b + 1) * width) +
               ' ' + number(static_cast<double>(counts[b]) / static_cast<double>(n)) + '\n';
  // The mean and the median as vertical lines from the axis to just above the highest bar; the
  // median's thin and dashed, so that the mean shows around it when they nearly coincide.
  s.setup += "EOD\n# bits fraction: the mean, then the median\n$marks << EOD\n";
  s.setup += number(mean) + " 0\n" + number(mean) + ' ' + number(1.1 * peak) + "\n\n\n";
  s.setup += number(median) + " 0\n" + number(median) + ' ' + number(1.1 * peak) + "\nEOD\n";

  const std::string simulated = "simulated (" + messages(n, "target") + ")", mean_name = "mean " + bits(mean) + " bits",
                    median_name = "median " + bits(median) + " bits";
  s.plot = "plot $anonymity using (($1 + $2) / 2):3:($2 - $1) with boxes lc rgb '#4c84c4' title " + quoted(simulated) +
           ", \\\n     $marks index 0 using 1:2 with lines lw 3.5 lc rgb '#c8102e' title " + quoted(mean_name) +
           ", \\\n     $marks index 1 using 1:2 with lines lw 1.5 dt 2 lc rgb 'black' title " + quoted(median_name) +
           '\n';

  Element& bars = s.elements.emplace_back(Element{simulated, Element::Style::Bars, {}});
  for (std::size_t b = 0; b < kAnonymityBins; ++b)
    bars.rows.push_back({low + static_cast<double>(b) * width, low + static_cast<double>(b + 1) * width,
                         static_cast<double>(counts[b]) / static_cast<double>(n)});
  s.elements.push_back({mean_name, Element::Style::VerticalLine, {{mean}}});
  s.elements.push_back({median_name, Element::Style::VerticalLine, {{median}}});
  return s;
}

Script epsilon_script(const ChallengeFigure& f) {
  std::size_t zero = 0;
  double top = 0;  // the largest finite epsilon
  for (const ChallengeFigure::Message& m : f.messages) {
    if (m.epsilon_bits)
      top = std::max(top, *m.epsilon_bits);
    else
      ++zero;
  }
  const std::size_t n = f.messages.size();
  Script s;
  s.setup = kStyle;
  std::string title = "Epsilon of " + messages(n, "challenge");
  if (zero > 0) title += ", delta = " + std::to_string(zero) + '/' + std::to_string(n) + " with one side zero";
  s.title = title;
  s.x_label = "delivery time (s)";
  s.y_label = "ε = |log2(p0/p1)| (bits)";
  s.setup += axes(s) + R"(set key outside right top vertical Left reverse samplen 1
set autoscale xfix
set offsets graph 0.03, graph 0.03, 0, 0
)";
  // Messages with one side zero have no finite epsilon: they are drawn in a band above the
  // others, past a dashed line, at a tic labelled "∞".
  double band = 0;
  if (zero == 0) {
    s.setup += "set yrange [0:*]\n";
  } else {
    const double step = top > 0 ? tic_step(top / 4) : 0.5;
    const double data_top = std::max(step, step * std::ceil(top / step - 1e-9));
    band = data_top + 0.75 * step;
    const double line = data_top + 0.4 * step;
    s.setup += "set yrange [0:" + number(data_top + 1.15 * step) + "]\n";
    s.setup += "set ytics 0, " + number(step) + ", " + number(data_top) + '\n';
    s.setup += "set ytics add ('∞' " + number(band) + ")\n";
    s.setup += "set arrow from graph 0, first " + number(line) + " to graph 1, first " + number(line) +
               " nohead dt 2 lw 1 lc rgb '#808080' back\n";
  }
  // One block per drawn series: the finite epsilons of S0, its zero-sided messages, then S1's.
  struct Series {
    int challenger;
    bool finite;
    std::string points;
  };
  std::vector<Series> series;
  for (int c = 0; c < 2; ++c)
    for (bool finite : {true, false}) {
      Series one{c, finite, ""};
      for (const ChallengeFigure::Message& m : f.messages)
        if (m.challenger == c && m.epsilon_bits.has_value() == finite)
          one.points += number(m.delivered_s) + ' ' + number(finite ? *m.epsilon_bits : band) + '\n';
      if (!one.points.empty()) series.push_back(std::move(one));
    }
  s.setup += "# delivered_s epsilon_bits (the band's height for one side zero)\n$epsilon << EOD\n";
  for (std::size_t i = 0; i < series.size(); ++i) s.setup += (i > 0 ? "\n\n" : "") + series[i].points;
  s.setup += "EOD\n";

  // S0 as blue discs, S1 as orange triangles (told apart in grey too); a challenger is named
  // in the key once.
  constexpr std::array<const char*, 2> kStyles = {"pt 7 ps 1 lc rgb '#1f77b4'", "pt 9 ps 1.2 lc rgb '#d95f02'"};
  s.plot = "plot ";
  std::array<bool, 2> named{};
  for (std::size_t i = 0; i < series.size(); ++i) {
    const int c = series[i].challenger;
    if (i > 0) s.plot += ", \\\n     ";
    s.plot += "$epsilon index " + std::to_string(i) + " using 1:2 with points " + kStyles[c] + ' ' +
              (named[c] ? "notitle" : "title " + quoted(c == 0 ? "from S0" : "from S1"));
    named[c] = true;
  }
  s.plot += '\n';

  for (int c = 0; c < 2; ++c) {
    Element& from = s.elements.emplace_back(Element{c == 0 ? "from S0" : "from S1", Element::Style::Points, {}});
    for (const ChallengeFigure::Message& m : f.messages)
      if (m.challenger == c)
        from.rows.push_back({m.delivered_s, {}, m.epsilon_bits.value_or(std::numeric_limits<double>::infinity())});
    if (from.rows.empty()) s.elements.pop_back();
  }
  return s;
}

Script sweep_script(const SweepFigure& f) {
  Script s;
  s.setup = kStyle;
  s.title = f.y_label + " against " + f.x_label + "\nmean over replications, bars: 95% confidence interval";
  s.x_label = f.x_label;
  s.y_label = f.y_label;
  s.log_x = f.log_x;
  s.log_y = f.log_y;
  s.setup += axes(s);
  // The ranges end a little beyond the data, not at the next tic (no -0.2 on a fraction's axis).
  s.setup += "set autoscale xfix\nset autoscale yfix\nset offsets graph 0.03, graph 0.03, graph 0.05, graph 0.05\n";
  if (f.log_x) {  // a margin of a fifth of a decade, not gnuplot's whole decades; tics at the values
    std::set<double> xs;
    for (const SweepFigure::Series& line : f.series)
      for (const SweepFigure::Point& p : line.points) xs.insert(p.x);
    s.setup += "set logscale x\nset offsets 0, 0, graph 0.05, graph 0.05\nset xrange [" + number(*xs.begin() / 1.6) +
               ':' + number(*xs.rbegin() * 1.6) + "]\n";
    if (xs.size() <= 12) {
      std::string tics;
      for (double x : xs) tics += (tics.empty() ? "" : ", ") + number(x);
      s.setup += "set xtics (" + tics + ")\n";
    }
  }
  if (f.log_y) s.setup += "set logscale y\n";
  const bool named = f.series.size() > 1 || !f.series.front().name.empty();
  // The key under the plot, so long documented names leave the plot its width (one column).
  s.setup += named ? "set key outside below center horizontal Left reverse samplen 2\n" : "";
  s.setup += "# x mean ci95_low ci95_high, one block per series\n$sweep << EOD\n";
  for (std::size_t i = 0; i < f.series.size(); ++i) {
    if (i > 0) s.setup += "\n\n";
    for (const SweepFigure::Point& p : f.series[i].points)
      s.setup += number(p.x) + ' ' + number(p.mean) + ' ' + number(p.low) + ' ' + number(p.high) + '\n';
  }
  s.setup += "EOD\n";
  s.plot = "plot ";
  for (std::size_t i = 0; i < f.series.size(); ++i) {
    if (i > 0) s.plot += ", \\\n     ";
    s.plot += "$sweep index " + std::to_string(i) + " using 1:2:3:4 with yerrorlines lw 2 pt 7 ps 0.8 lc " +
              std::to_string(i + 1) + ' ' + (named ? "title " + quoted(f.series[i].name) : std::string("notitle"));
  }
  s.plot += '\n';

  for (const SweepFigure::Series& line : f.series) {
    Element& e = s.elements.emplace_back(Element{line.name, Element::Style::ErrorBars, {}});
    for (const SweepFigure::Point& p : line.points) e.rows.push_back({p.x, {}, p.mean, p.low, p.high});
  }
  return s;
}

std::vector<Terminal> terminals(const std::set<std::string, std::less<>>& available, const FigureOptions& o) {
  const bool sized = o.width_in > 0 && o.height_in > 0;
  const std::string pixels = sized ? std::to_string(std::lround(o.width_in * 100)) + ',' + std::to_string(std::lround(o.height_in * 100))
                                   : "800,500";
  const std::string inches = sized ? number(o.width_in) + "in," + number(o.height_in) + "in" : "5in,3.125in";
  const std::string font = "font 'Sans," + (o.font_pt > 0 ? number(o.font_pt) : "11") + "'";
  const std::string pdf_font = "font 'Sans," + (o.font_pt > 0 ? number(o.font_pt) : "10") + "'";
  std::vector<Terminal> t;
  if (available.contains("pngcairo"))
    t.push_back({"png", "set terminal pngcairo size " + pixels + ' ' + font + " noenhanced"});
  else if (available.contains("png"))
    t.push_back({"png", "set terminal png truecolor size " + pixels + ' ' + font + " noenhanced"});
  if (available.contains("svg"))
    t.push_back({"svg", "set terminal svg size " + pixels + " fixed " + font + " noenhanced background '#ffffff'"});
  if (available.contains("pdfcairo"))
    t.push_back({"pdf", "set terminal pdfcairo size " + inches + ' ' + pdf_font + " linewidth 0.75 noenhanced"});
  return t;
}

}  // namespace cli::plot
