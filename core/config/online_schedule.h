// When clients are online by a recorded schedule (/online/model schedule, /online/file). CSV,
// one online period a row, after the header line `client,online_from_s,online_until_s`: the
// client (an index) is online from `online_from_s` until `online_until_s` (seconds from the
// start, from < until). A client's periods may come in any order but may not overlap; two that
// touch are one. The rest of the format is core/config/csv_file.h's.
#pragma once
#include <string>
#include <vector>

#include "core/config/csv_file.h"
#include "sim/time.h"

namespace core {

struct OnlinePeriod {
  sim::Time from, until;
};

// Per client index, its online periods in time order.
using OnlineSchedule = std::vector<std::vector<OnlinePeriod>>;

// Reads and checks the file against `clients`. Throws CsvError at the first problem.
OnlineSchedule read_online_schedule(const std::string& path, int clients);

// The share of [0, horizon) that clients [first, first + count) are online, on average.
double scheduled_share(const OnlineSchedule& schedule, int first, int count, sim::Time horizon);

}  // namespace core
