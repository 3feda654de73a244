#include "core/model/network.h"

#include <algorithm>
#include <cstring>
#include <unordered_set>

#include "core/model/event_kind.h"
#include "core/model/plain_format.h"
#include "core/model/reply_body.h"
#include "core/sphinx/sphinx_format.h"

namespace core {

namespace {

std::unique_ptr<PacketFormat> make_format(const Scenario& s, const Topology& t) {
  const auto hops = static_cast<std::size_t>(s.header_hops());
  if (s.crypto == CryptoMode::None) {  // a body only to carry reply blocks (core/model/reply_body.h)
    const std::size_t body = s.replies() ? kReplyBodyHeader + PlainFormat(hops).reply_block_size() : 0;
    return std::make_unique<PlainFormat>(hops, body);
  }
  const std::uint32_t epochs = s.key_epochs().count(sim::from_seconds(s.horizon + s.drain));
  const std::vector<sphinx::NodeKeyPair> keys = sphinx::derive_node_keys(s.seed, t, epochs);
  return std::make_unique<sphinx::SphinxFormat>(keys, hops, static_cast<std::size_t>(s.payload_size), epochs);
}

}  // namespace

Network::Network(const Scenario& scenario, Observer& observer, int threads)
    : scenario_(scenario), topology_(scenario_),
      format_(make_format(scenario_, topology_)),
      ctx_(scenario_, topology_, sim_, *format_, observer, scenario_.crypto == CryptoMode::Sphinx ? threads : 1),
      routes_(scenario_, topology_),
      clients_(ctx_, routes_), providers_(ctx_), mixes_(ctx_, routes_) {}

void Network::handle(const sim::Event& e) {
  switch (topology_.role(e.target)) {
    case Role::Client: clients_.handle(e); break;
    case Role::Provider: providers_.handle(e); break;
    case Role::Mix: mixes_.handle(e); break;
  }
}

void Network::run(sim::ProgressReporter* progress) {
  if (!started_) {
    clients_.start();
    mixes_.start();
    started_ = true;
  }
  sim_.run(*this, sim::from_seconds(scenario_.horizon + scenario_.drain), progress);
}

sim::Time Network::drained() const { return std::max<sim::Time>(0, sim_.now() - sim::from_seconds(scenario_.horizon)); }

void Network::inject(NodeId from, NodeId to, std::span<const std::uint8_t> bytes, TrafficKind kind,
                     std::uint64_t message) {
  PacketPool::Slot s = ctx_.create(from, kind, message);
  std::span<std::uint8_t> out = ctx_.pool.bytes(s);
  std::memcpy(out.data(), bytes.data(), std::min(bytes.size(), out.size()));
  sim_.schedule_in(0, to, kArrive, pack(s, from));
}

std::vector<std::uint64_t> Network::packets_in_flight() const {
  std::unordered_set<PacketPool::Slot> stored;
  providers_.for_each_stored([&](PacketPool::Slot s) { stored.insert(s); });
  std::vector<std::uint64_t> ids;
  for (PacketPool::Slot s = 0; s < ctx_.pool.capacity(); ++s)
    if (ctx_.pool.is_live(s) && !stored.count(s)) ids.push_back(ctx_.pool.truth(s).packet);
  std::sort(ids.begin(), ids.end());
  return ids;
}

}  // namespace core
