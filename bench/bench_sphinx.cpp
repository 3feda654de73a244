// Sphinx throughput: X25519 derives per second (the baseline), 5-hop packets created per
// second, and packets processed per second at a relay and at the destination. Short batches of each alternate, round after round, so that each
// ratio to its target compares batches run moments apart on a shared, noisy machine; figures
// are medians over rounds.
#include <openssl/evp.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <vector>

#include "core/model/random_purpose.h"
#include "core/sphinx/sphinx_format.h"
#include "core/sphinx/x25519.h"

namespace {

using core::sphinx::SphinxFormat;
using Bytes = std::vector<std::uint8_t>;

constexpr int kRounds = 31;
constexpr int kDerives = 300;    // per round
constexpr int kCreations = 30;   // per round
constexpr int kPackets = 150;    // processed per round, at each of the two hops
constexpr int kScalarMultsPerCreation = 10;  // S = 2n for n = 5 hops (README.md)

// Providers 0 and 1, mixes 2, 3, 4; the destination address 100 is a client.
core::Route five_hop_route() {
  core::Route r;
  r.first = 0;
  r.push({core::HopFlag::Relay, 2, 1'000'000});
  r.push({core::HopFlag::Relay, 3, 2'000'000});
  r.push({core::HopFlag::Relay, 4, 3'000'000});
  r.push({core::HopFlag::Relay, 1, 4'000'000});
  r.push({core::HopFlag::Dest, 100, 0});
  return r;
}

double seconds_since(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

double median(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  return v[v.size() / 2];
}

// EVP_PKEY_derive on a context whose keys were built beforehand.
double derives_per_second(const core::sphinx::NodeKeyPair& a, const core::sphinx::NodeKeyPair& b) {
  EVP_PKEY* own = EVP_PKEY_new_raw_private_key(EVP_PKEY_X25519, nullptr, a.secret.data(), a.secret.size());
  EVP_PKEY* peer = EVP_PKEY_new_raw_public_key(EVP_PKEY_X25519, nullptr, b.public_key.data(), b.public_key.size());
  EVP_PKEY_CTX* context = EVP_PKEY_CTX_new(own, nullptr);
  EVP_PKEY_derive_init(context);
  EVP_PKEY_derive_set_peer(context, peer);
  std::uint8_t out[32];
  unsigned checksum = 0;
  const auto start = std::chrono::steady_clock::now();
  for (int i = 0; i < kDerives; ++i) {
    std::size_t length = sizeof out;
    EVP_PKEY_derive(context, out, &length);
    checksum += out[i % 32];
  }
  const double rate = kDerives / seconds_since(start);
  EVP_PKEY_CTX_free(context);
  EVP_PKEY_free(peer);
  EVP_PKEY_free(own);
  return checksum == 0xffffffffu ? 0 : rate;  // keeps the loop from being optimised away
}

double creations_per_second(const SphinxFormat& f, const core::Route& route, int round) {
  Bytes packet(f.packet_size());
  sim::RandomStream rng = sim::RandomStream::derive(round, 0, core::Purpose::PacketBytes);
  const auto start = std::chrono::steady_clock::now();
  for (int i = 0; i < kCreations; ++i) f.build(route, packet, rng);
  return kCreations / seconds_since(start);
}

// Processes copies of `packets` at `node` with a fresh replay cache; every one must pass.
double processed_per_second(const SphinxFormat& f, core::NodeId node, const std::vector<Bytes>& packets) {
  std::vector<Bytes> work = packets;
  core::ReplayCache seen;
  int passed = 0;
  const auto start = std::chrono::steady_clock::now();
  for (Bytes& p : work) passed += f.process(node, p, seen).rejected == core::DropReason::None;
  const double rate = static_cast<double>(work.size()) / seconds_since(start);
  if (passed != static_cast<int>(work.size())) std::printf("warning: %d of %zu packets rejected\n", static_cast<int>(work.size()) - passed, work.size());
  return rate;
}

}  // namespace

int main() {
  std::vector<core::sphinx::NodeKeyPair> keys;
  for (core::NodeId n = 0; n < 5; ++n) keys.push_back(core::sphinx::derive_node_key(1, n));
  const SphinxFormat f(keys, 5, 1024);
  const core::Route route = five_hop_route();

  // Packets as they arrive at the ingress provider (hop 0) and at the egress provider (hop 4).
  std::vector<Bytes> at_relay, at_dest;
  sim::RandomStream rng = sim::RandomStream::derive(0, 0, core::Purpose::PacketBytes);
  for (int i = 0; i < kPackets; ++i) {
    Bytes p(f.packet_size());
    f.build(route, p, rng);
    at_relay.push_back(p);
    core::NodeId node = route.first;
    for (std::size_t hop = 0; hop < 4; ++hop) {
      core::ReplayCache seen;
      f.process(node, p, seen);
      node = route.hops[hop].next;
    }
    at_dest.push_back(p);
  }

  std::printf("sphinx: 5-hop route, max_hops 5, payload 1024, packet %zu bytes; medians of %d rounds\n\n",
              f.packet_size(), kRounds);
  std::vector<double> derive, create, relay, dest, relay_ratio, dest_ratio, create_ratio;
  for (int round = 0; round < kRounds; ++round) {
    derive.push_back(derives_per_second(keys[0], keys[1]));
    create.push_back(creations_per_second(f, route, round));
    relay.push_back(processed_per_second(f, route.first, at_relay));
    dest.push_back(processed_per_second(f, route.hops[3].next, at_dest));
    relay_ratio.push_back(relay.back() / (derive.back() / 2));
    dest_ratio.push_back(dest.back() / (derive.back() / 2));
    create_ratio.push_back(create.back() / (derive.back() / kScalarMultsPerCreation));
  }
  const double d = median(derive), c = median(create), r = median(relay), t = median(dest);
  std::printf("%-40s %10.0f /s  (%.1f us)\n", "X25519 derive (baseline)", d, 1e6 / d);
  std::printf("%-40s %10.0f /s  (%.1f us)\n", "create, 5 hops (S = 10)", c, 1e6 / c);
  std::printf("%-40s %10.0f /s  (%.1f us)\n", "process at a relay hop", r, 1e6 / r);
  std::printf("%-40s %10.0f /s  (%.1f us)\n", "process at the Dest hop", t, 1e6 / t);
  std::printf("overhead beyond the scalar multiplications: relay %.1f us, dest %.1f us, create %.1f us\n\n",
              1e6 / r - 2e6 / d, 1e6 / t - 2e6 / d, 1e6 / c - kScalarMultsPerCreation * 1e6 / d);
  auto report = [](const char* what, const std::vector<double>& ratios) {
    std::vector<double> sorted = ratios;
    std::sort(sorted.begin(), sorted.end());
    const double m = median(ratios);
    std::printf("%-22s = %.3f  (quartiles %.3f-%.3f; target >= 0.85)  %s\n", what, m, sorted[sorted.size() / 4],
                sorted[3 * sorted.size() / 4], m >= 0.85 ? "ok" : "MISSED");
  };
  report("relay  / (derive/2)", relay_ratio);
  report("dest   / (derive/2)", dest_ratio);
  report("create / (derive/10)", create_ratio);
  return 0;
}
