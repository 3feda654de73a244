#include "analysis/label_vector.h"

#include <algorithm>
#include <sstream>
#include <stdexcept>
#include <utility>

#include "analysis/shannon.h"

namespace analysis {

void add(LabelVector& sum, const LabelVector& v, LabelVector& merged) {
  if (v.empty()) return;
  merged.clear();
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
  sum.swap(merged);
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

LabelVectors::LabelVectors(const core::Topology& topology, std::vector<bool> corrupt, double floor)
    : flow_(topology, std::move(corrupt)), floor_(floor), pools_(topology.client(0)) {}

const LabelVector* LabelVectors::vector_of(std::uint64_t packet) const {
  auto it = packets_.find(packet);
  return it == packets_.end() ? nullptr : &it->second;
}

LabelVector LabelVectors::take(std::uint64_t packet) {
  auto it = packets_.find(packet);
  if (it == packets_.end()) return {};
  LabelVector v = std::move(it->second);
  packets_.erase(it);
  return v;
}

LabelVector LabelVectors::remaining() const {
  LabelVector total;
  for (const Pool& pool : pools_) add(total, pool.sum);
  for (const auto& [packet, v] : packets_) add(total, v);
  return total;
}

void LabelVectors::enter(core::NodeId node, std::uint64_t packet) {
  Pool& pool = pools_[node];
  auto it = packets_.find(packet);
  if (it != packets_.end()) {
    add(pool.sum, it->second, scratch_);
    packets_.erase(it);
  }
  ++pool.size;
}

void LabelVectors::leave(core::NodeId node, std::uint64_t packet, const core::HopRecord& r) {
  Pool& pool = pools_[node];
  if (pool.size == 0) {
    std::ostringstream message;
    message << "label vectors: at " << sim::to_seconds(r.time) << " s, packet " << packet
            << " departs from the empty pool of node " << node;
    throw std::runtime_error(message.str());
  }
  const double n = static_cast<double>(pool.size);
  const double keep = (n - 1) / n;
  LabelVector out;
  out.reserve(pool.sum.size());
  std::size_t kept = 0;
  for (const LabelMass& m : pool.sum) {
    if (m.p / n >= floor_) out.push_back({m.label, m.p / n});
    if (m.p * keep >= floor_ && m.p * keep > 0) pool.sum[kept++] = {m.label, m.p * keep};
  }
  pool.sum.resize(kept);
  --pool.size;
  if (!out.empty()) packets_[packet] = std::move(out);
}

}  // namespace analysis
