// libFuzzer target: a Sphinx packet of any bytes, processed at a relay and at a destination.
// The first input byte picks the node (a provider or a mix) and the key epoch; the rest is the
// packet (cut or zero-padded to the packet size). Processing must return a verdict, never
// crash, read out of bounds or hang. Seeded with valid packets (tests/fuzz/corpus/sphinx).
#include <cstdint>
#include <vector>

#include "core/sphinx/node_keys.h"
#include "core/sphinx/sphinx_format.h"
#include "fuzz_support.h"

namespace {

struct Network {
  core::Scenario scenario = fuzz::small_scenario();
  core::Topology topology{scenario};
  std::vector<core::sphinx::NodeKeyPair> keys = core::sphinx::derive_node_keys(scenario.seed, topology, 2);
  core::sphinx::SphinxFormat format{keys, static_cast<std::size_t>(scenario.layers + 2), core::sphinx::kDefaultPayloadSize, 2};
};

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const Network net;
  if (size == 0) return 0;
  const std::uint32_t keyed_nodes = static_cast<std::uint32_t>(net.topology.providers() +
                                                               net.topology.layers() * net.topology.mixes_per_layer());
  const core::NodeId node = data[0] % keyed_nodes;
  const std::uint32_t epoch = (data[0] / keyed_nodes) % 2;
  std::vector<std::uint8_t> packet(net.format.packet_size(), 0);
  for (std::size_t i = 1; i < size && i <= packet.size(); ++i) packet[i - 1] = data[i];
  core::ReplayCache seen;
  const core::Processed first = core::decide(net.format.unwrap(node, epoch, packet), seen);
  if (first.rejected == core::DropReason::None && first.command.flag == core::HopFlag::Relay &&
      first.command.next < keyed_nodes)
    net.format.unwrap(first.command.next, epoch, packet);  // the next hop, as a relay would forward it
  return 0;
}
