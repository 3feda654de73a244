#include "analysis/label_vector.h"

#include <algorithm>
#include <sstream>
#include <stdexcept>
#include <utility>

#include "analysis/shannon.h"

namespace analysis {

void add(LabelVector& sum, const LabelVector& v) {
  if (v.empty()) return;
  LabelVector merged;
  merged.reserve(sum.size() + v.size());
  auto a = sum.cbegin();
  auto b = v.cbegin();
  while (a != sum.cend() || b != v.cend()) {
    if (b == v.cend() || (a != sum.cend() && a->label < b->label)) {
      merged.push_back(*a++);
    } else if (a == sum.cend() || b->label < a->label) {
      merged.push_back(*b++);
    } else {
      merged.push_back({a->label, a->p + b->p});
      ++a;
      ++b;
    }
  }
  sum = std::move(merged);
}

double mass(const LabelVector& v, std::uint32_t label) {
  auto it = std::lower_bound(v.begin(), v.end(), label, [](const LabelMass& m, std::uint32_t l) { return m.label < l; });
  return it != v.end() && it->label == label ? it->p : 0.0;
}

double entropy_bits(const LabelVector& v) {
  double h = 0;
  for (const LabelMass& m : v) h += surprisal_term(m.p);
  return h;
}

LabelVectors::LabelVectors(const core::Topology& topology, bool providers_delay, std::vector<bool> corrupt,
                           std::vector<std::uint32_t> labels)
    : topology_(&topology),
      tracker_(topology, providers_delay),
      corrupt_(std::move(corrupt)),
      labels_(std::move(labels)),
      pools_(topology.client(0)) {
  if (labels_.size() != topology.nodes()) throw std::invalid_argument("LabelVectors: one label per node");
}

bool LabelVectors::corrupt(core::NodeId n) const {
  if (topology_->role(n) != core::Role::Mix) return false;
  const auto m = static_cast<std::size_t>(topology_->index(n));
  return m < corrupt_.size() && corrupt_[m];
}

const LabelVector* LabelVectors::vector_of(std::uint64_t packet) const {
  auto it = packets_.find(packet);
  return it == packets_.end() ? nullptr : &it->second;
}

LabelVector LabelVectors::remaining() const {
  LabelVector total;
  for (const Pool& pool : pools_) add(total, pool.sum);
  for (const auto& [packet, v] : packets_) add(total, v);
  return total;
}

void LabelVectors::send(const core::HopRecord& r) {
  const core::Role role = topology_->role(r.node);
  if (role == core::Role::Provider) return;  // a dummy for a pull answer: never pooled
  if (role == core::Role::Mix) {
    const Pool& pool = pools_[r.node];
    if (pool.departed && pool.last_message == r.message) {  // a replayed copy of what just left
      const LabelVector* original = vector_of(pool.last_packet);
      packets_[r.packet] = original ? *original : LabelVector{};
      return;
    }
  }
  const std::uint32_t label = labels_[r.node];
  packets_[r.packet] = label == kNoLabel ? LabelVector{} : LabelVector{{label, 1.0}};
}

void LabelVectors::step(const PoolStep& s, const core::HopRecord& r) {
  Pool& pool = pools_[s.node];
  if (s.what == PoolStep::What::Leave) {
    pool.departed = true;
    pool.last_message = r.message;
    pool.last_packet = s.packet;
  }
  if (corrupt(s.node)) return;  // the packet keeps its own vector
  if (s.what == PoolStep::What::Enter) {
    auto it = packets_.find(s.packet);
    if (it != packets_.end()) {
      add(pool.sum, it->second);
      packets_.erase(it);
    }
    ++pool.size;
    return;
  }
  if (pool.size == 0) {
    std::ostringstream message;
    message << "label vectors: at " << sim::to_seconds(r.time) << " s, packet " << s.packet
            << " departs from the empty pool of node " << s.node;
    throw std::runtime_error(message.str());
  }
  const double n = static_cast<double>(pool.size);
  LabelVector out = pool.sum;
  for (LabelMass& m : out) m.p /= n;
  if (--pool.size == 0) {
    pool.sum.clear();
  } else {
    const double keep = (n - 1) / n;
    for (LabelMass& m : pool.sum) m.p *= keep;
  }
  packets_[s.packet] = std::move(out);
}

}  // namespace analysis
