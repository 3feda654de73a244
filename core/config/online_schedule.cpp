#include "core/config/online_schedule.h"

#include <algorithm>

namespace core {

namespace {

constexpr double kLongestRun = 2e9;  // s: the scenario's limit on a run (sim/time.h)

struct Row {
  OnlinePeriod period;
  std::size_t line;
};

}  // namespace

OnlineSchedule read_online_schedule(const std::string& path, int clients) {
  CsvFile csv(path, {"client", "online_from_s", "online_until_s"});
  std::vector<std::vector<Row>> rows(static_cast<std::size_t>(clients));
  const std::string client = "a client index below /topology/clients (" + std::to_string(clients) + ")";
  const std::string seconds = "a number of seconds from 0 to 2e9";
  while (csv.next()) {
    const std::int64_t c = csv.integer(0, client);
    if (c < 0 || c >= clients) csv.fail(0, client);
    const double from = csv.number(1, seconds), until = csv.number(2, seconds);
    if (from < 0 || from > kLongestRun) csv.fail(1, seconds);
    if (until > kLongestRun) csv.fail(2, seconds);
    if (until <= from) csv.fail(2, "a time after online_from_s");
    rows[static_cast<std::size_t>(c)].push_back({{sim::from_seconds(from), sim::from_seconds(until)}, csv.line()});
  }
  OnlineSchedule schedule(rows.size());
  for (std::size_t c = 0; c < rows.size(); ++c) {
    std::vector<Row>& mine = rows[c];
    std::stable_sort(mine.begin(), mine.end(), [](const Row& a, const Row& b) { return a.period.from < b.period.from; });
    for (std::size_t i = 0; i < mine.size(); ++i) {
      if (i > 0 && mine[i].period.from < mine[i - 1].period.until)
        throw CsvError(path + ": line " + std::to_string(std::max(mine[i].line, mine[i - 1].line)) +
                       ": expected online periods of client " + std::to_string(c) +
                       " that do not overlap, but lines " + std::to_string(std::min(mine[i].line, mine[i - 1].line)) +
                       " and " + std::to_string(std::max(mine[i].line, mine[i - 1].line)) + " do");
      if (!schedule[c].empty() && schedule[c].back().until == mine[i].period.from) schedule[c].back().until = mine[i].period.until;
      else schedule[c].push_back(mine[i].period);
    }
  }
  return schedule;
}

double scheduled_share(const OnlineSchedule& schedule, int first, int count, sim::Time horizon) {
  if (count <= 0 || horizon <= 0) return 0;
  double online = 0;
  for (int c = first; c < first + count; ++c)
    for (const OnlinePeriod& p : schedule[static_cast<std::size_t>(c)])
      online += static_cast<double>(std::max<sim::Time>(0, std::min(p.until, horizon) - std::min(p.from, horizon)));
  return online / (static_cast<double>(horizon) * count);
}

}  // namespace core
