#include "cli/plot_data.h"

#include <nlohmann/json.hpp>

#include "analysis/sweep_table.h"

namespace cli::plot {

namespace {

std::string field(const std::optional<double>& x) { return x ? number(*x) : ""; }

// A Python string literal (a JSON string is one); bytes that are not UTF-8 (a CSV's names
// can hold anything) become U+FFFD.
std::string python_string(const std::string& s) {
  return nlohmann::json(s).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

// The drawing, after the constants the figure sets. Elements are drawn in the table's order;
// each style as the gnuplot figure draws it.
constexpr const char* kDrawing = R"PY(
def value(text):
    return float(text) if text else None


elements = {}  # name -> (style, rows), in the table's order
with open(os.path.join(HERE, NAME + ".csv"), newline="", encoding="utf-8") as table:
    for row in csv.DictReader(table):
        style, rows = elements.setdefault(row["element"], (row["style"], []))
        rows.append({key: value(row[key]) for key in ("x", "x_high", "y", "y_low", "y_high")})

plt.rcParams.update({"font.size": FONT_PT, "axes.spines.top": False, "axes.spines.right": False})
fig, ax = plt.subplots(figsize=SIZE_IN)
ys = [r["y"] for _, rows in elements.values() for r in rows if r["y"] is not None]
top = max((y for y in ys if math.isfinite(y)), default=0)
band = 1.2 * top if top > 0 else 1.0  # the height an infinite y is drawn at
faint = sum(style == "faint_line" for style, _ in elements.values())
markers, verticals = iter("o^sDvP*"), iter([("-", "#c8102e"), ("--", "black")] * 4)
for name, (style, rows) in elements.items():
    x = [r["x"] for r in rows]
    y = [band if r["y"] is not None and math.isinf(r["y"]) else r["y"] for r in rows]
    label = name or None
    if style == "bars":
        ax.bar(x, y, width=[r["x_high"] - r["x"] for r in rows], align="edge", color="#4c84c4", alpha=0.55,
               edgecolor="#3b6a9c", linewidth=0.5, label=label)
    elif style == "line":
        ax.plot(x, y, lw=2.5, color="black" if faint else "#c8102e", label=label)
    elif style == "faint_line":  # beyond ten, one grey for all and no key
        ax.plot(x, y, lw=0.8, alpha=0.6, color=None if faint <= 10 else "#b8b8b8", label=label if faint <= 10 else None)
    elif style == "line_points":
        ax.plot(x, y, lw=2, marker="o", ms=3, color="#c8102e", label=label)
    elif style == "points":
        ax.plot(x, y, ls="none", marker=next(markers), ms=4, label=label)
    elif style == "error_bars":
        ax.errorbar(x, y, yerr=[[r["y"] - r["y_low"] for r in rows], [r["y_high"] - r["y"] for r in rows]],
                    marker="o", ms=4, capsize=2, lw=1.5, label=label)
    elif style == "vertical_line":
        line, colour = next(verticals)
        ax.axvline(x[0], ls=line, lw=2, color=colour, label=label)
if any(math.isinf(y) for y in ys):  # a band above the others, past a dashed line, at a tic "∞"
    ticks = [t for t in ax.get_yticks() if 0 <= t <= top]
    ax.axhline((top + band) / 2, ls=":", lw=1, color="#808080")
    ax.set_yticks(ticks + [band], [f"{t:g}" for t in ticks] + ["∞"])
    ax.set_ylim(0, 1.08 * band)
ax.set_xlabel(X_LABEL)
ax.set_ylabel(Y_LABEL)
if LOG_X:
    ax.set_xscale("log")
if LOG_Y:
    ax.set_yscale("log")
if TITLE:
    ax.set_title(TITLE)
ax.grid(True, color="#e2e2e2", lw=0.8)
ax.set_axisbelow(True)
if ax.get_legend_handles_labels()[0]:  # the key under the plot, as gnuplot's, so it hides no data
    ax.legend(fontsize="small", frameon=False, loc="upper center", bbox_to_anchor=(0.5, -0.22), ncol=2)
for extension in ("png", "svg", "pdf"):
    path = os.path.join(HERE, NAME + ".matplotlib." + extension)
    fig.savefig(path + ".tmp", format=extension, dpi=200, bbox_inches="tight")
    os.replace(path + ".tmp", path)
)PY";

}  // namespace

std::string figure_table(const Script& script) {
  std::string csv = "element,style,x,x_high,y,y_low,y_high\n";
  for (const Element& e : script.elements) {
    const std::string prefix = analysis::csv_field(e.name) + ',' + std::string(style_name(e.style)) + ',';
    for (const Element::Row& r : e.rows)
      csv += prefix + number(r.x) + ',' + field(r.x_high) + ',' + field(r.y) + ',' + field(r.y_low) + ',' +
             field(r.y_high) + '\n';
  }
  return csv;
}

std::string matplotlib_script(const std::string& name, const Script& script, const FigureOptions& options) {
  const bool sized = options.width_in > 0 && options.height_in > 0;
  std::string py = "# " + name + ": `python3 " + name + ".py` draws " + name + ".matplotlib.png, .svg and .pdf with matplotlib\n" +
                   "# from " + name + ".csv beside it, the figure's data; edit it to restyle the figure.\n" +
                   "import csv\nimport math\nimport os\n\nimport matplotlib\n\nmatplotlib.use(\"Agg\")\n"
                   "import matplotlib.pyplot as plt  # noqa: E402\n\n";
  py += "HERE = os.path.dirname(os.path.abspath(__file__))\n";
  py += "NAME = " + python_string(name) + '\n';
  py += "TITLE = " + (options.title ? python_string(script.title) : std::string("None")) + '\n';
  py += "X_LABEL = " + python_string(script.x_label) + "\nY_LABEL = " + python_string(script.y_label) + '\n';
  py += std::string("LOG_X = ") + (script.log_x ? "True" : "False") + "\nLOG_Y = " + (script.log_y ? "True" : "False") + '\n';
  py += "SIZE_IN = (" + (sized ? number(options.width_in) + ", " + number(options.height_in) : "5, 3.125") + ")\n";
  py += "FONT_PT = " + (options.font_pt > 0 ? number(options.font_pt) : std::string("10")) + '\n';
  return py + kDrawing;
}

}  // namespace cli::plot
