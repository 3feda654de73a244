// The gnuplot scripts of `loopix-sim plot`: what each figure shows (the data, already read
// from the results folder's CSVs), and the terminals that draw it to PNG, SVG and PDF.
#pragma once
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

namespace cli::plot {

// entropy.csv: each mix's H_t over time, and their mean at each sample time.
struct EntropyFigure {
  struct Point {
    double time_s, bits;
  };
  struct Mix {
    int layer, index;
    std::vector<Point> samples;
  };
  std::vector<Mix> mixes;   // in (layer, index) order
  std::vector<Point> mean;  // over the mixes sampled at each time
};

// latency.csv, one traffic kind: its linear histogram and the Gamma(k, mu) expectation.
struct LatencyFigure {
  struct Bin {
    double low_s, high_s, count;
    std::optional<double> gamma_count;
  };
  std::string kind;
  std::vector<Bin> bins;
};

// pool.csv averaged over mixes: the fraction of time at each pool size, and Lemma 1's
// Poisson(lambda/mu) probability of that size.
struct PoolFigure {
  struct Size {
    int size;
    double time_fraction;
    std::optional<double> poisson_fraction;
  };
  int mixes = 0;
  std::vector<Size> sizes;  // ascending
};

// anonymity.csv: each target message's sender anonymity (entropy over senders) at delivery.
struct AnonymityFigure {
  enum class Level { Message, Sender } level = Level::Sender;  // anonymity_message.csv or anonymity.csv
  std::vector<double> entropy_bits;            // one per target message, at least one
};

// challenge.csv: each challenge message's epsilon = |log2(p0/p1)| at its delivery, none when
// exactly one of p0, p1 is 0 (epsilon infinite).
struct ChallengeFigure {
  struct Message {
    int challenger;  // 0 for S0, 1 for S1
    double delivered_s;
    std::optional<double> epsilon_bits;
  };
  std::vector<Message> messages;  // at least one
};

// summary.csv of a sweep: one metric's mean over replications against one parameter, with its
// 95% confidence interval, one line per value of a second parameter (the series).
struct SweepFigure {
  struct Point {
    double x, mean, low, high;  // low = high = mean without an interval (one replication)
  };
  struct Series {
    std::string name;  // "topology.layers = 3"; empty without a series parameter
    std::vector<Point> points;  // x ascending, at least one
  };
  std::string x_label, y_label;
  bool log_x = false, log_y = false;
  std::vector<Series> series;  // at least one
};

// One thing a figure draws, as data: plots/NAME.csv holds its rows (one per point, with the
// element's name and style), which the matplotlib script plots/NAME.py draws.
struct Element {
  // A line; a thin pale line, one of many; a line with a marker at each point; a histogram's
  // bars from x to x_high; markers alone (an infinite y sits in a band above the others); means
  // with error bars from y_low to y_high; a vertical line at x.
  enum class Style { Line, FaintLine, LinePoints, Bars, Points, ErrorBars, VerticalLine };
  struct Row {
    double x;
    std::optional<double> x_high = std::nullopt, y = std::nullopt, y_low = std::nullopt, y_high = std::nullopt;
  };
  std::string name;  // its entry in the key
  Style style;
  std::vector<Row> rows;
};
std::string_view style_name(Element::Style style);  // "line", "faint_line", ..., as in NAME.csv

// A figure's script without its terminal: settings and data first, then one plot command; and
// the same figure as data, for plots/NAME.csv and NAME.py. Each figure has at least one mix, bin
// or size.
struct Script {
  std::string setup;
  std::string plot;
  std::string title;  // a gnuplot string expression, drawn only when asked (FigureOptions::title)
  std::string x_label, y_label;
  bool log_x = false, log_y = false;
  std::vector<Element> elements;
};

// How a figure is drawn, for a paper: a title or none (the default; a caption says it), the
// size in inches (0: 8 x 5 for PNG and SVG at 100 px an inch, 5 x 3.125 for PDF) and the font
// size in points (0: 11, 10 for PDF).
struct FigureOptions {
  bool title = false;
  double width_in = 0, height_in = 0;
  double font_pt = 0;
  std::string matplotlib = {};  // a Python with matplotlib that draws each figure again ("": none)
};

Script entropy_script(const EntropyFigure& figure);
Script latency_script(const LatencyFigure& figure);
Script pool_script(const PoolFigure& figure);
// A histogram of about 40 bins over the observed range, with the mean and the median.
Script anonymity_script(const AnonymityFigure& figure);
// Epsilon against delivery time, one colour per challenger; the messages with one side zero
// as a row of markers at the top, above a dashed line, at a tic labelled "∞".
Script epsilon_script(const ChallengeFigure& figure);

// Means against the parameter with error bars (95% confidence intervals), a line per series.
Script sweep_script(const SweepFigure& figure);

// One output format: the file extension and the gnuplot terminal that draws it.
struct Terminal {
  std::string extension;
  std::string command;  // "set terminal ..."
};
// The formats this gnuplot can draw, of PNG (pngcairo, else libgd's png), SVG and PDF
// (pdfcairo), at the size and font of `options`. `available` holds gnuplot's GPVAL_TERMINALS.
std::vector<Terminal> terminals(const std::set<std::string, std::less<>>& available, const FigureOptions& options = {});

// A gnuplot string literal of s: single-quoted, where only '' needs escaping.
std::string quoted(std::string_view s);

// A number as the figures' data hold it: up to 9 significant digits ("inf" for infinity).
std::string number(double x);

}  // namespace cli::plot
