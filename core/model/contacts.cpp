#include "core/model/contacts.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>
#include <utility>

#include "core/model/random_purpose.h"
#include "sim/random.h"

namespace core {
namespace {

// The candidates of a class and their cumulative weights.
struct Candidates {
  std::vector<int> clients;
  std::vector<double> weight, cumulative;

  Candidates(const ClientProfile& p, const std::vector<double>& rank, int all) {
    if (p.recipients.empty()) {
      clients.resize(static_cast<std::size_t>(all));
      std::iota(clients.begin(), clients.end(), 0);
    } else {
      clients = p.recipients;
    }
    for (int c : clients)
      weight.push_back(p.popularity == Popularity::Zipf ? std::pow(rank[static_cast<std::size_t>(c)], -p.zipf_exponent) : 1.0);
    cumulative.resize(weight.size());
    std::partial_sum(weight.begin(), weight.end(), cumulative.begin());
  }

  int draw(sim::RandomStream& stream) const {
    const double u = stream.uniform01() * cumulative.back();
    const auto at = std::upper_bound(cumulative.begin(), cumulative.end(), u) - cumulative.begin();
    return clients[static_cast<std::size_t>(std::min<std::ptrdiff_t>(at, static_cast<std::ptrdiff_t>(clients.size()) - 1))];
  }

  // The k candidates (other than `self`) with the largest keys u^(1/w), taken as ln(u) / w.
  std::vector<int> draw_exactly(std::size_t k, int self, sim::RandomStream& stream) const {
    std::vector<std::pair<double, int>> keys;
    for (std::size_t i = 0; i < clients.size(); ++i) {
      const double u = stream.uniform01();
      if (clients[i] == self) continue;
      keys.emplace_back(weight[i] > 0 ? std::log1p(-u) / weight[i] : -std::numeric_limits<double>::infinity(), clients[i]);
    }
    k = std::min(k, keys.size());  // a client among its own candidates has one fewer
    std::partial_sort(keys.begin(), keys.begin() + static_cast<std::ptrdiff_t>(k), keys.end(), std::greater<>());
    std::vector<int> out;
    for (std::size_t i = 0; i < k; ++i) out.push_back(keys[i].second);
    return out;
  }
};

// Popularity ranks 1..n: a permutation of the clients drawn from the seed.
std::vector<double> popularity_rank(std::uint64_t seed, int clients) {
  std::vector<int> order(static_cast<std::size_t>(clients));
  std::iota(order.begin(), order.end(), 0);
  sim::RandomStream stream = sim::RandomStream::derive(seed, 0, Purpose::Popularity);
  for (std::size_t i = order.size(); i > 1; --i) std::swap(order[i - 1], order[stream.below(i)]);
  std::vector<double> rank(order.size());
  for (std::size_t r = 0; r < order.size(); ++r) rank[static_cast<std::size_t>(order[r])] = static_cast<double>(r + 1);
  return rank;
}

}  // namespace

Contacts::Contacts(const Scenario& s, const Topology& t, const ClientClasses& classes) {
  offset_.assign(static_cast<std::size_t>(t.clients()) + 1, 0);
  const bool any = std::any_of(classes.all().begin(), classes.all().end(),
                               [](const ClientClasses::Class& c) { return c.profile.contacts > 0; });
  if (!any) return;
  const std::vector<double> rank = popularity_rank(s.seed, t.clients());
  for (const ClientClasses::Class& c : classes.all()) {
    const std::size_t k = static_cast<std::size_t>(c.profile.contacts);
    if (k == 0) {
      for (int client = c.first; client < c.first + c.count; ++client) offset_[static_cast<std::size_t>(client) + 1] = contacts_.size();
      continue;
    }
    const Candidates candidates(c.profile, rank, t.clients());
    for (int client = c.first; client < c.first + c.count; ++client) {
      sim::RandomStream stream = sim::RandomStream::derive(s.seed, t.entity(t.client(client)), Purpose::Contacts);
      const std::size_t begin = contacts_.size();
      for (std::size_t draws = 0; contacts_.size() - begin < k; ++draws) {
        if (draws == 64 * k) {  // too many repeats: draw this client's contacts exactly
          contacts_.resize(begin);
          const std::vector<int> exact = candidates.draw_exactly(k, client, stream);
          contacts_.insert(contacts_.end(), exact.begin(), exact.end());
          break;
        }
        const int pick = candidates.draw(stream);
        if (pick != client && std::find(contacts_.begin() + static_cast<std::ptrdiff_t>(begin), contacts_.end(), pick) == contacts_.end())
          contacts_.push_back(pick);
      }
      offset_[static_cast<std::size_t>(client) + 1] = contacts_.size();
    }
  }
}

}  // namespace core
