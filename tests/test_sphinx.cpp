// The Sphinx packet format end to end: round trips for every path length, tampering with
// the header and the payload, replays, wrong keys, bad lengths and group elements, malformed
// slots, golden vectors, arbitrary input, concurrent processing, and routes from RouteBuilder.
#include <openssl/err.h>

#include <algorithm>
#include <array>
#include <catch2/catch.hpp>
#include <cstdlib>
#include <fstream>
#include <map>
#include <sstream>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include "core/model/random_purpose.h"
#include "core/model/topology/route_builder.h"
#include "core/sphinx/command_slot.h"
#include "core/sphinx/create.h"
#include "core/sphinx/sphinx_format.h"
#include "core/sphinx/x25519.h"
#include "support/network_fixture.h"

using core::DropReason;
using core::HopFlag;
using core::NodeId;
using core::Processed;
using core::ReplayCache;
using core::Route;
using core::RoutingCommand;
using core::sphinx::SphinxFormat;
using Bytes = std::vector<std::uint8_t>;

namespace {

constexpr std::uint64_t kKeySeed = 2009;
constexpr NodeId kKeyedNodes = 8;  // nodes 0..7 have keys
constexpr NodeId kClient = 100;    // a destination address, without a key

const std::vector<core::sphinx::NodeKeyPair>& test_keys() {
  static const std::vector<core::sphinx::NodeKeyPair> keys = [] {
    std::vector<core::sphinx::NodeKeyPair> k;
    for (NodeId n = 0; n < kKeyedNodes; ++n) k.push_back(core::sphinx::derive_node_key(kKeySeed, n));
    return k;
  }();
  return keys;
}

SphinxFormat make_format(std::size_t max_hops, std::size_t payload_size = 1024) {
  return SphinxFormat(test_keys(), max_hops, payload_size);
}

// Node 0 -> 1 -> ... -> length-1: Relay with distinct delays, then `last` (Dest to kClient).
Route test_route(std::size_t length, HopFlag last = HopFlag::Dest) {
  Route r;
  r.first = 0;
  for (std::size_t i = 0; i + 1 < length; ++i) r.push({HopFlag::Relay, static_cast<NodeId>(i + 1), static_cast<sim::Time>(1000 * (i + 1) + 7)});
  r.push({last, last == HopFlag::Dest ? kClient : core::kNoNode, 0});
  return r;
}

NodeId node_of_hop(const Route& r, std::size_t i) { return i == 0 ? r.first : r.hops[i - 1].next; }

sim::RandomStream packet_rng(std::uint64_t seed) { return sim::RandomStream::derive(seed, 0, core::Purpose::PacketBytes); }

Bytes build(const SphinxFormat& f, const Route& r, std::uint64_t seed = 1) {
  Bytes packet(f.packet_size());
  sim::RandomStream rng = packet_rng(seed);
  f.build(r, packet, rng);
  return packet;
}

// Processes `packet` in place at hops from..route.length-1, each node with its own cache.
std::vector<Processed> process_from(const SphinxFormat& f, const Route& r, Bytes& packet, std::size_t from = 0) {
  std::vector<Processed> out;
  for (std::size_t i = from; i < r.length; ++i) {
    ReplayCache seen;
    out.push_back(f.process(node_of_hop(r, i), packet, seen));
    if (out.back().rejected != DropReason::None) break;
  }
  return out;
}

void check_command(const Processed& p, const RoutingCommand& expected) {
  REQUIRE(p.rejected == DropReason::None);
  CHECK(p.command.flag == expected.flag);
  CHECK(p.command.next == expected.next);
  CHECK(p.command.delay == expected.delay);
}

Bytes delta_of(const SphinxFormat& f, const Bytes& packet) {
  return Bytes(packet.begin() + static_cast<std::ptrdiff_t>(f.geometry().header_size()), packet.end());
}

std::string hex(const Bytes& bytes) {
  static const char* digits = "0123456789abcdef";
  std::string s;
  for (std::uint8_t b : bytes) s += {digits[b >> 4], digits[b & 15]};
  return s;
}

}  // namespace

TEST_CASE("sphinx: sizes for max_hops = 5 and a 1024-byte payload", "[sphinx]") {
  const SphinxFormat f = make_format(5);
  CHECK(f.geometry().header_size() == 208);  // alpha 32 + beta 5 x 32 + gamma 16
  CHECK(f.packet_size() == 1232);
  CHECK(make_format(3, 64).packet_size() == 32 + 96 + 16 + 64);
}

TEST_CASE("sphinx: every hop reads its own command, for every path length", "[sphinx]") {
  for (std::size_t max_hops : {1, 2, 5, 8}) {
    for (std::size_t payload : {std::size_t{64}, std::size_t{1024}}) {
      const SphinxFormat f = make_format(max_hops, payload);
      for (std::size_t n = 1; n <= max_hops; ++n) {
        CAPTURE(max_hops, payload, n);
        const Route r = test_route(n);
        Bytes packet = build(f, r, n);
        const std::vector<Processed> got = process_from(f, r, packet);
        REQUIRE(got.size() == n);
        for (std::size_t i = 0; i < n; ++i) check_command(got[i], r.hops[i]);

        // The destination gets the plaintext: the zero prefix, then the body the sender drew
        // after x (4 draws) and the last hop's unused routing space.
        sim::RandomStream expected_rng = packet_rng(n);
        const std::size_t unused = (max_hops - n + 1) * core::sphinx::kSlotSize - core::sphinx::kCommandSize;
        for (std::size_t draw = 0; draw < 4 + (unused + 7) / 8; ++draw) expected_rng();
        Bytes expected(payload, 0);
        expected_rng.fill(std::span(expected).subspan(core::sphinx::kPrefixSize));
        CHECK(delta_of(f, packet) == expected);
      }
    }
  }
}

TEST_CASE("sphinx: a route may end with Drop, and packets are bitwise unlinkable across hops", "[sphinx]") {
  const SphinxFormat f = make_format(5);
  const Route r = test_route(4, HopFlag::Drop);
  Bytes packet = build(f, r);
  const Bytes before = packet;
  ReplayCache seen;
  check_command(f.process(0, packet, seen), r.hops[0]);
  std::size_t same = 0;  // a processed packet shares no structure with its input
  for (std::size_t i = 0; i < packet.size(); ++i) same += packet[i] == before[i];
  CHECK(same < packet.size() / 64);
  const std::vector<Processed> rest = process_from(f, r, packet, 1);
  REQUIRE(rest.size() == 3);
  check_command(rest.back(), {HopFlag::Drop, core::kNoNode, 0});
}

TEST_CASE("sphinx: the routing space a short route leaves unused is random bytes, never zeros", "[sphinx]") {
  // Two hops of five: once the last hop has read its slot, the routing information it holds
  // is the sender's filler, which must tell nothing (zeros would show the path was short).
  const SphinxFormat f = make_format(5);
  const Route r = test_route(2);
  Bytes packet = build(f, r);
  const std::vector<Processed> hops = process_from(f, r, packet);
  REQUIRE(hops.size() == 2);
  check_command(hops.back(), r.hops[1]);
  const std::span<std::uint8_t> beta = f.geometry().view(packet).beta;
  const auto zeros = static_cast<std::size_t>(std::count(beta.begin(), beta.end(), std::uint8_t{0}));
  INFO(zeros << " zero bytes of " << beta.size());
  CHECK(zeros < beta.size() / 32);  // random bytes: about 1 in 256 is zero
}

TEST_CASE("sphinx: a flipped header bit fails at the first hop and inserts no replay tag", "[sphinx]") {
  const SphinxFormat f = make_format(5);
  const Bytes packet = build(f, test_route(5));
  ReplayCache seen;
  for (std::size_t bit = 0; bit < f.geometry().header_size() * 8; ++bit) {
    Bytes tampered = packet;
    tampered[bit / 8] ^= static_cast<std::uint8_t>(1u << (bit % 8));
    // Alpha's top bit makes it non-canonical; every other bit gives another valid point
    // (alpha is far from p and from the low-order points), which the MAC catches.
    const DropReason expected = bit == 255 ? DropReason::GroupElement : DropReason::Mac;
    const Processed p = f.process(0, tampered, seen);
    if (p.rejected != expected) FAIL("bit " << bit << ": " << core::name(p.rejected));
  }
  CHECK(seen.size() == 0);
  Bytes untouched = packet;
  CHECK(f.process(0, untouched, seen).rejected == DropReason::None);
}

TEST_CASE("sphinx: a flipped payload bit passes every relay and is rejected at the destination", "[sphinx]") {
  const SphinxFormat f = make_format(5);
  const Route r = test_route(5);
  const Bytes packet = build(f, r);
  const std::size_t header = f.geometry().header_size();
  for (std::size_t offset : {std::size_t{0}, std::size_t{15}, std::size_t{16}, std::size_t{31}, std::size_t{32}, std::size_t{500}, std::size_t{1023}}) {
    for (int bit : {0, 7}) {
      CAPTURE(offset, bit);
      Bytes tampered = packet;
      tampered[header + offset] ^= static_cast<std::uint8_t>(1u << bit);
      const std::vector<Processed> got = process_from(f, r, tampered);
      REQUIRE(got.size() == 5);
      for (std::size_t i = 0; i < 4; ++i) check_command(got[i], r.hops[i]);
      CHECK(got[4].rejected == DropReason::Tagged);
    }
  }
  // A Drop hop does not read the payload.
  const Route dropped = test_route(3, HopFlag::Drop);
  Bytes tampered = build(f, dropped);
  tampered[header + 100] ^= 1;
  const std::vector<Processed> got = process_from(f, dropped, tampered);
  REQUIRE(got.size() == 3);
  check_command(got[2], dropped.hops[2]);
}

TEST_CASE("sphinx: a replayed packet is rejected, also with alpha's top bit flipped", "[sphinx]") {
  const SphinxFormat f = make_format(5);
  const Route r = test_route(5);
  const Bytes packet = build(f, r);
  ReplayCache seen;
  Bytes first = packet;
  check_command(f.process(0, first, seen), r.hops[0]);
  REQUIRE(seen.size() == 1);
  Bytes again = packet;
  CHECK(f.process(0, again, seen).rejected == DropReason::Replay);
  // X25519 ignores the top bit, so this copy has the same shared secret and tag; the
  // canonical check refuses it first (and the MAC, which covers alpha's bytes, would next).
  Bytes top = packet;
  top[31] ^= 0x80;
  CHECK(f.process(0, top, seen).rejected == DropReason::GroupElement);
  CHECK(seen.size() == 1);

  // At a later hop too: the same processed packet twice.
  ReplayCache seen_at_1;
  Bytes second = first;
  check_command(f.process(1, first, seen_at_1), r.hops[1]);
  CHECK(f.process(1, second, seen_at_1).rejected == DropReason::Replay);
}

TEST_CASE("sphinx: a reply block gives a packet every hop processes, whose destination finds the replier's body, "
          "used once only, tampering caught",
          "[sphinx][replies]") {
  const SphinxFormat f = make_format(5);
  CHECK(f.reply_block_size() == 208 + 1 + 5 * 128);
  for (std::size_t n = 1; n <= 5; ++n) {
    CAPTURE(n);
    const Route r = test_route(n);
    Bytes block(f.reply_block_size());
    sim::RandomStream maker = packet_rng(40 + n);
    f.build_reply_block(r, 0, 0, block, maker);
    // The block's header is the one build() writes from the same draws.
    const Bytes direct = build(f, r, 40 + n);
    CHECK(Bytes(block.begin(), block.begin() + 208) == Bytes(direct.begin(), direct.begin() + 208));

    const Bytes body = {'a', 'n', 's', 'w', 'e', 'r'};
    Bytes packet(f.packet_size());
    sim::RandomStream replier = packet_rng(7);
    REQUIRE(f.build_reply(block, packet, replier, body));
    Bytes tampered = packet;
    const std::vector<Processed> got = process_from(f, r, packet);
    REQUIRE(got.size() == n);
    for (std::size_t i = 0; i < n; ++i) check_command(got[i], r.hops[i]);
    const std::span<const std::uint8_t> received = f.body(packet);
    CHECK(Bytes(received.begin(), received.begin() + 6) == body);

    tampered.back() ^= 1;
    CHECK(process_from(f, r, tampered).back().rejected == DropReason::Tagged);

    // A second packet from the same block has the same header: the first hop takes it for a replay.
    Bytes again(f.packet_size()), first(f.packet_size());
    sim::RandomStream other = packet_rng(8);
    REQUIRE(f.build_reply(block, first, other, body));
    REQUIRE(f.build_reply(block, again, other, body));
    ReplayCache seen;
    check_command(f.process(0, first, seen), r.hops[0]);
    CHECK(f.process(0, again, seen).rejected == DropReason::Replay);
  }
  // A block whose hop count was changed is refused.
  Bytes block(f.reply_block_size());
  sim::RandomStream maker = packet_rng(1);
  f.build_reply_block(test_route(3), 0, 0, block, maker);
  block[208] = 0;
  Bytes packet(f.packet_size());
  CHECK_FALSE(f.build_reply(block, packet, maker));
  block[208] = 6;
  CHECK_FALSE(f.build_reply(block, packet, maker));
}

TEST_CASE("sphinx: unwrap is a pure function: a failed MAC yields no tag, a bad slot one", "[sphinx]") {
  const SphinxFormat f = make_format(5);
  const Bytes packet = build(f, test_route(5));
  Bytes a = packet, b = packet;
  const core::Unwrapped first = f.unwrap(0, a), second = f.unwrap(0, b);
  CHECK(first.early == DropReason::None);
  CHECK(first.later.rejected == DropReason::None);
  CHECK(first.tag == second.tag);
  CHECK(a == b);
  Bytes other = build(f, test_route(5), 2);
  CHECK(f.unwrap(0, other).tag != first.tag);

  Bytes tampered = packet;
  tampered[40] ^= 1;
  const core::Unwrapped mac = f.unwrap(0, tampered);
  CHECK(mac.early == DropReason::Mac);
  CHECK(mac.tag == 0);
  Route bad = test_route(2);
  bad.hops[0].flag = static_cast<HopFlag>(9);
  Bytes malformed = build(f, bad);
  const core::Unwrapped slot = f.unwrap(0, malformed);
  CHECK(slot.early == DropReason::None);
  CHECK(slot.later.rejected == DropReason::Malformed);
  CHECK(slot.tag != 0);
}

TEST_CASE("sphinx: the wrong node key fails the MAC, and other lengths fail the length check", "[sphinx]") {
  const SphinxFormat f = make_format(5);
  Bytes packet = build(f, test_route(5));
  ReplayCache seen;
  Bytes copy = packet;
  CHECK(f.process(1, copy, seen).rejected == DropReason::Mac);
  CHECK(seen.size() == 0);
  for (std::size_t size : {std::size_t{0}, std::size_t{1}, f.packet_size() - 1, f.packet_size() + 1, 2 * f.packet_size()}) {
    Bytes resized = packet;
    resized.resize(size, 0);
    CHECK(f.process(0, resized, seen).rejected == DropReason::Length);
  }
  CHECK(seen.size() == 0);
}

TEST_CASE("sphinx: group elements 0, 1, p-1, p, p+1, low-order points and a set top bit are rejected", "[sphinx]") {
  const SphinxFormat f = make_format(5);
  const Bytes packet = build(f, test_route(5));
  std::array<std::uint8_t, 32> p{};
  p.fill(0xff);
  p[0] = 0xed;
  p[31] = 0x7f;
  std::vector<std::array<std::uint8_t, 32>> alphas = {{0}, {1}, p, p, p};
  alphas[2][0] = 0xec;  // p - 1
  alphas[4][0] = 0xee;  // p + 1
  alphas.push_back({0xe0, 0xeb, 0x7a, 0x7c, 0x3b, 0x41, 0xb8, 0xae, 0x16, 0x56, 0xe3, 0xfa, 0xf1, 0x9f, 0xc4, 0x6a,
                    0xda, 0x09, 0x8d, 0xeb, 0x9c, 0x32, 0xb1, 0xfd, 0x86, 0x62, 0x05, 0x16, 0x5f, 0x49, 0xb8, 0x00});
  alphas.push_back({0x5f, 0x9c, 0x95, 0xbc, 0xa3, 0x50, 0x8c, 0x24, 0xb1, 0xd0, 0xb1, 0x55, 0x9c, 0x83, 0xef, 0x5b,
                    0x04, 0x44, 0x5c, 0xc4, 0x58, 0x1c, 0x8e, 0x86, 0xd8, 0x22, 0x4e, 0xdd, 0xd0, 0x9f, 0x11, 0x57});
  std::array<std::uint8_t, 32> one_top{1};
  one_top[31] = 0x80;  // 1 + 2^255: X25519 would read it as 1
  alphas.push_back(one_top);
  ReplayCache seen;
  for (const auto& alpha : alphas) {
    Bytes tampered = packet;
    std::copy(alpha.begin(), alpha.end(), tampered.begin());
    CHECK(f.process(0, tampered, seen).rejected == DropReason::GroupElement);
  }
  CHECK(seen.size() == 0);
  CHECK(ERR_peek_error() == 0);
}

TEST_CASE("sphinx: an unknown flag, a reserved byte or a negative delay is Malformed", "[sphinx]") {
  const SphinxFormat f = make_format(5);
  for (std::uint8_t flag : {3, 255}) {
    Route r = test_route(4);
    r.hops[2].flag = static_cast<HopFlag>(flag);  // through the public builder, at hop 2
    Bytes packet = build(f, r);
    const std::vector<Processed> got = process_from(f, r, packet);
    REQUIRE(got.size() == 3);
    check_command(got[0], r.hops[0]);
    check_command(got[1], r.hops[1]);
    CHECK(got[2].rejected == DropReason::Malformed);
  }
  {
    Route r = test_route(3);
    r.hops[0].delay = -1;
    Bytes packet = build(f, r);
    ReplayCache seen;
    CHECK(f.process(0, packet, seen).rejected == DropReason::Malformed);
    CHECK(seen.size() == 1);  // the MAC verified, so the tag is in: a replay is also refused
  }
  // A reserved byte, through create_packet with hand-written commands.
  const std::vector<core::sphinx::NodeKeyPair>& keys = test_keys();
  std::vector<core::sphinx::Key> owned(3);
  std::vector<const core::sphinx::Key*> path;
  for (NodeId n = 0; n < 3; ++n) {
    owned[n].set_pair(keys[n].secret.data(), keys[n].public_key.data());
    path.push_back(&owned[n]);
  }
  for (std::size_t reserved = 1; reserved <= 3; ++reserved) {
    const Route r = test_route(3);
    Bytes commands(3 * core::sphinx::kCommandSize);
    for (std::size_t i = 0; i < 3; ++i) core::sphinx::encode_command(r.hops[i], commands.data() + i * core::sphinx::kCommandSize);
    commands[core::sphinx::kCommandSize + reserved] = 0x01;  // hop 1
    Bytes packet(f.packet_size());
    sim::RandomStream rng = packet_rng(reserved);
    core::sphinx::create_packet(f.geometry(), path, commands, packet, rng);
    const std::vector<Processed> got = process_from(f, r, packet);
    REQUIRE(got.size() == 2);
    check_command(got[0], r.hops[0]);
    CHECK(got[1].rejected == DropReason::Malformed);
  }
}

TEST_CASE("sphinx: fixed keys and a fixed seed give the golden bytes", "[sphinx]") {
  // Regenerate (after a deliberate format change) with LOOPIX_REGENERATE_GOLDEN=1; the run
  // then rewrites the file and fails, so that nothing passes on regenerated bytes.
  const std::string path = std::string(LOOPIX_SOURCE_DIR) + "/tests/golden/sphinx.hex";
  std::vector<std::pair<std::string, std::string>> vectors;
  for (NodeId n = 0; n < 3; ++n) vectors.emplace_back("node_public_" + std::to_string(n), hex(Bytes(test_keys()[n].public_key.begin(), test_keys()[n].public_key.end())));
  const SphinxFormat f = make_format(5);
  Bytes five = build(f, test_route(5), 2009);
  vectors.emplace_back("packet_5_hops_of_5", hex(five));
  ReplayCache seen;
  REQUIRE(f.process(0, five, seen).rejected == DropReason::None);
  vectors.emplace_back("packet_5_hops_of_5_after_hop_0", hex(five));
  vectors.emplace_back("packet_2_hops_of_5", hex(build(f, test_route(2), 2010)));
  vectors.emplace_back("packet_3_hops_of_3_payload_64", hex(build(make_format(3, 64), test_route(3), 2011)));

  if (std::getenv("LOOPIX_REGENERATE_GOLDEN") != nullptr) {
    std::ofstream out(path);
    out << "# Sphinx golden vectors (core/sphinx/README.md, \"Golden vectors\"): name, then hex bytes.\n";
    for (const auto& [name, bytes] : vectors) out << name << ' ' << bytes << '\n';
    FAIL("regenerated " << path << ": review the diff, then run again without LOOPIX_REGENERATE_GOLDEN");
  }
  std::ifstream in(path);
  REQUIRE(in.good());
  std::map<std::string, std::string> golden;
  for (std::string line; std::getline(in, line);) {
    if (line.empty() || line[0] == '#') continue;
    std::istringstream fields(line);
    std::string name, bytes;
    fields >> name >> bytes;
    golden[name] = bytes;
  }
  REQUIRE(golden.size() == vectors.size());
  for (const auto& [name, bytes] : vectors) {
    CAPTURE(name);
    CHECK(golden[name] == bytes);
  }
}

TEST_CASE("sphinx: arbitrary bytes of arbitrary lengths are rejected, never crash", "[sphinx]") {
  const SphinxFormat f = make_format(5);
  const Bytes valid = build(f, test_route(5));
  sim::RandomStream rng = sim::RandomStream::derive(99, 0, 0);
  ReplayCache seen;
  std::map<DropReason, int> counts;
  for (int trial = 0; trial < 3000; ++trial) {
    const bool exact = rng.below(2) == 0;
    Bytes packet(exact ? f.packet_size() : rng.below(2 * f.packet_size() + 2));
    rng.fill(packet);
    if (exact && trial % 4 == 0) std::copy_n(valid.begin(), 32, packet.begin());  // a valid alpha
    const DropReason expected = packet.size() != f.packet_size() ? DropReason::Length
                                : (packet[31] & 0x80)            ? DropReason::GroupElement
                                                                 : DropReason::Mac;
    const DropReason got = f.process(static_cast<NodeId>(trial % kKeyedNodes), packet, seen).rejected;
    if (got != expected) FAIL("trial " << trial << ": " << core::name(got) << " for " << packet.size() << " bytes");
    ++counts[got];
  }
  CHECK(counts[DropReason::Length] > 1000);
  CHECK(counts[DropReason::Mac] > 500);
  CHECK(counts[DropReason::GroupElement] > 200);
  CHECK(seen.size() == 0);
  CHECK(ERR_peek_error() == 0);
}

TEST_CASE("sphinx: several threads process packets at once and agree with one thread", "[sphinx]") {
  const SphinxFormat f = make_format(5);
  const Route r = test_route(5);
  std::vector<Bytes> packets;
  for (std::uint64_t seed = 0; seed < 40; ++seed) packets.push_back(build(f, r, seed));
  std::vector<Bytes> expected = packets;
  ReplayCache seen;
  for (Bytes& p : expected) REQUIRE(f.process(0, p, seen).rejected == DropReason::None);

  std::vector<Bytes> results[2] = {packets, packets};
  bool ok[2] = {true, true};
  auto work = [&](int t) {
    ReplayCache own;
    for (Bytes& p : results[t]) ok[t] = ok[t] && f.process(0, p, own).rejected == DropReason::None;
  };
  std::thread a(work, 0), b(work, 1);
  a.join();
  b.join();
  CHECK(ok[0]);
  CHECK(ok[1]);
  CHECK(results[0] == expected);
  CHECK(results[1] == expected);
}

TEST_CASE("sphinx: client routes and mix loops from RouteBuilder go through", "[sphinx]") {
  const core::Scenario scenario = test_support::small_scenario();
  const core::Topology topology(scenario);
  const core::RouteBuilder routes(scenario, topology);
  const SphinxFormat f(core::sphinx::derive_node_keys(scenario.seed, topology),
                       static_cast<std::size_t>(scenario.layers) + 2);
  sim::RandomStream rng = sim::RandomStream::derive(3, 3, core::Purpose::Route);
  const Route client = routes.client_route(topology.provider(0), topology.provider(1), {HopFlag::Dest, topology.client(3), 0}, rng);
  const Route loop = routes.mix_loop(topology.mix(1, 0), rng);
  for (const Route& r : {client, loop}) {
    Bytes packet = build(f, r);
    const std::vector<Processed> got = process_from(f, r, packet);
    REQUIRE(got.size() == r.length);
    for (std::size_t i = 0; i < r.length; ++i) check_command(got[i], r.hops[i]);
  }
  // A client has no key: no route may pass one, and it processes nothing.
  Route through_client = test_route(2);
  through_client.first = topology.client(0);
  Bytes packet(f.packet_size());
  CHECK_THROWS_AS(f.build(through_client, packet, rng), std::invalid_argument);
  ReplayCache seen;
  CHECK_THROWS_AS(f.process(topology.client(0), packet, seen), std::invalid_argument);
}

TEST_CASE("sphinx: invalid geometries and routes are refused", "[sphinx]") {
  CHECK_THROWS_AS(make_format(0), std::invalid_argument);
  CHECK_THROWS_AS(make_format(core::kMaxHops + 1), std::invalid_argument);
  CHECK_THROWS_AS(make_format(5, 63), std::invalid_argument);
  CHECK_NOTHROW(make_format(core::kMaxHops, 64));
  const SphinxFormat f = make_format(3);
  Bytes packet(f.packet_size());
  sim::RandomStream rng = packet_rng(0);
  CHECK_THROWS_AS(f.build(Route{}, packet, rng), std::invalid_argument);
  CHECK_THROWS_AS(f.build(test_route(4), packet, rng), std::invalid_argument);
}
