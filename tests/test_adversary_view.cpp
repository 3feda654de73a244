// The adversary's view (/adversary) and its observation stream: each kind of observation is
// exactly what the records of the run imply for the adversary chosen, and nothing for nodes it
// does not hold; observations.bin holds that view, is read back with its checks, and a
// damaged record is an error naming it.
#include <catch2/catch.hpp>
#include <filesystem>
#include <map>
#include <utility>

#include "analysis/trace_replay.h"
#include "core/adversary/adversary_view.h"
#include "core/adversary/observation_stream.h"
#include "core/bytes.h"
#include "core/config/corrupt_nodes.h"
#include "support/cli_fixture.h"
#include "support/network_fixture.h"
#include "support/scenario_problems.h"

namespace fs = std::filesystem;
using core::HopEvent;
using core::ObservationKind;
using test_support::cli_run;

namespace {

struct Collector final : core::ObservationSink {
  std::vector<core::Observation> seen;
  void on_observation(const core::Observation& o) override { seen.push_back(o); }
};

std::vector<core::Observation> view_of(const core::Scenario& s, const std::vector<core::HopRecord>& records) {
  core::Topology t(s);
  Collector c;
  core::AdversaryView view(s, t, c);
  for (const core::HopRecord& r : records) view.on_hop(r);
  return c.seen;
}

std::size_t count_of(const std::vector<core::Observation>& seen, ObservationKind kind) {
  std::size_t n = 0;
  for (const core::Observation& o : seen) n += o.what == kind;
  return n;
}

// small_scenario with the GPA, provider 0 corrupt in ROLE and mix 1 corrupt.
core::Scenario observed(core::ProviderRole role) {
  core::Scenario s = test_support::small_scenario(3);
  s.horizon = 30;
  s.gpa = true;
  s.corrupt_providers.listed = {0};
  s.provider_role = role;
  s.corrupt.listed = {1};
  return s;
}

}  // namespace

TEST_CASE("adversary view: the GPA sees every link, a corrupt provider its clients, a corrupt mix its mapping, and "
          "nothing of honest nodes",
          "[adversary]") {
  const core::Scenario s = observed(core::ProviderRole::Both);
  const core::Topology t(s);
  const std::vector<core::HopRecord> records = test_support::run_and_record(s);
  const std::vector<core::Observation> seen = view_of(s, records);
  const core::NodeId mix1 = t.mix(0, 1);
  // The adversary is passive: the same run without it gives the same records.
  core::Scenario unobserved = s;
  unobserved.gpa = false;
  unobserved.corrupt_providers.listed.clear();
  test_support::require_same_records(test_support::run_and_record(unobserved), records);

  // Every Send and Depart is a link observation, in the records' order, with their time and ends.
  std::vector<std::pair<core::NodeId, core::NodeId>> links, linked;
  for (const core::HopRecord& r : records)
    if (r.event == HopEvent::Send || r.event == HopEvent::Depart) links.emplace_back(r.node, r.peer);
  for (const core::Observation& o : seen)
    if (o.what == ObservationKind::Link) linked.emplace_back(o.node, o.peer);
  CHECK(linked == links);
  CHECK(links.size() > 5000);

  // Provider 0 (corrupt) against its records; provider 1 (honest) appears in no provider observation.
  std::size_t sends = 0, deposits = 0, cover = 0, from_inbox = 0, answer_packets = 0, mapped = 0;
  std::map<std::uint64_t, sim::Time> entered;
  for (const core::HopRecord& r : records) {
    const bool p0 = r.node == 0;
    sends += p0 && r.event == HopEvent::Arrive && t.role(r.peer) == core::Role::Client;
    deposits += p0 && r.event == HopEvent::Deliver;
    cover += p0 && r.event == HopEvent::Drop && r.reason == core::DropReason::Cover;
    const bool answer = p0 && (r.event == HopEvent::Depart || r.event == HopEvent::Send) && t.role(r.peer) == core::Role::Client;
    answer_packets += answer;
    from_inbox += answer && r.event == HopEvent::Depart;
    if (r.node == mix1 && r.event == HopEvent::Enter) entered[r.packet] = r.time;
    mapped += r.node == mix1 && r.event == HopEvent::Leave;
  }
  CHECK(count_of(seen, ObservationKind::Send) == sends);
  CHECK(count_of(seen, ObservationKind::Deposit) == deposits);
  CHECK(count_of(seen, ObservationKind::CoverDrop) == cover);
  CHECK(count_of(seen, ObservationKind::Pull) * static_cast<std::size_t>(s.pull_messages) == answer_packets);
  CHECK(count_of(seen, ObservationKind::MixIo) == mapped);
  CHECK(sends > 100);
  CHECK(deposits > 100);
  CHECK(cover > 10);
  CHECK(mapped > 100);
  std::size_t pulled = 0;
  for (const core::Observation& o : seen) {
    if (o.what != ObservationKind::Link) CHECK(o.node != 1);  // the honest provider
    if (o.what == ObservationKind::MixIo) CHECK(o.node == mix1);
    if (o.what == ObservationKind::Pull) pulled += o.count;
    if (o.what == ObservationKind::Deposit || o.what == ObservationKind::Send || o.what == ObservationKind::Pull)
      CHECK(t.provider_of(o.peer) == 0);
  }
  CHECK(pulled == from_inbox);
  // A corrupt mix's mapping: the packet that leaves entered at the time it says, from a real node.
  std::size_t checked = 0;
  for (const core::HopRecord& r : records) {
    if (r.node != mix1 || r.event != HopEvent::Leave) continue;
    const auto it = std::find_if(seen.begin(), seen.end(), [&](const core::Observation& o) {
      return o.what == ObservationKind::MixIo && o.time == r.time && o.peer == r.peer && o.entered == entered.at(r.packet);
    });
    checked += it != seen.end();
  }
  CHECK(checked == mapped);

  // A provider corrupt as ingress only sees sends; as egress only, deposits, pulls and drops.
  const auto ingress = view_of(observed(core::ProviderRole::Ingress), records);
  const auto egress = view_of(observed(core::ProviderRole::Egress), records);
  CHECK(count_of(ingress, ObservationKind::Send) == sends);
  CHECK(count_of(ingress, ObservationKind::Deposit) + count_of(ingress, ObservationKind::Pull) +
            count_of(ingress, ObservationKind::CoverDrop) == 0);
  CHECK(count_of(egress, ObservationKind::Send) == 0);
  CHECK(count_of(egress, ObservationKind::Deposit) == deposits);
}

TEST_CASE("adversary view: run --observations writes the view, which trace export reads back", "[adversary][cli]") {
  const fs::path dir = test_support::scratch("observations");
  const std::string scenario = test_support::write_text(dir / "s.json", R"({
    "name": "observed", "run": {"horizon": 20, "warmup": 2}, "crypto": "none",
    "topology": {"clients": 12, "providers": 2, "layers": 2, "mixes_per_layer": 2},
    "adversary": {"gpa": true, "corrupt_providers": [1], "corrupt": [0]}})");
  const auto r = cli_run({"run", scenario, "-o", (dir / "run").string(), "--trace", "--observations"});
  INFO(r.err);
  REQUIRE(r.code == 0);
  // The file holds what the view makes of the run's own trace.
  const core::Scenario s = core::load_scenario((dir / "run" / "scenario.json").string());
  const core::Topology t(s);
  test_support::Recorder records;
  analysis::feed_trace((dir / "run" / "trace.bin").string(), analysis::run_bounds(s, t), records);
  const std::vector<core::Observation> expected = view_of(s, records.records);
  core::ObservationReader reader((dir / "run" / "observations.bin").string(), analysis::observation_bounds(s, t));
  std::vector<core::Observation> read;
  for (core::Observation o; reader.next(o);) read.push_back(o);
  CHECK(read.size() > 1000);
  CHECK(read == expected);
  for (ObservationKind kind : {ObservationKind::Link, ObservationKind::Send, ObservationKind::Deposit, ObservationKind::Pull,
                               ObservationKind::MixIo})
    CHECK(count_of(read, kind) > 0);
  // trace export writes a row per observation.
  const auto exported = cli_run({"trace", "export", (dir / "run" / "observations.bin").string(), "--csv"});
  REQUIRE(exported.code == 0);
  CHECK(exported.out.rfind("time_ns,kind,node,peer,from,packets,entered_ns\n", 0) == 0);
  CHECK(static_cast<std::size_t>(std::count(exported.out.begin(), exported.out.end(), '\n')) == read.size() + 1);

  // Without an adversary there is nothing to observe: an error, and no results.
  const std::string honest = test_support::write_text(dir / "h.json", R"({"name": "honest", "run": {"horizon": 5, "warmup": 1}, "crypto": "none"})");
  const auto refused = cli_run({"run", honest, "-o", (dir / "honest").string(), "--observations"});
  CHECK(refused.code == 2);
  CHECK(refused.err.find("--observations: the scenario has no adversary that observes anything") != std::string::npos);
  CHECK_FALSE(fs::exists(dir / "honest" / "summary.json"));
}

TEST_CASE("adversary view: a damaged observation record is an error naming it, and nothing is exported",
          "[adversary][hostile]") {
  const fs::path dir = test_support::scratch("observations-hostile");
  const std::string scenario = test_support::write_text(dir / "s.json", R"({
    "name": "observed", "run": {"horizon": 10, "warmup": 1}, "crypto": "none",
    "topology": {"clients": 8, "providers": 2, "layers": 2, "mixes_per_layer": 2},
    "adversary": {"gpa": true, "corrupt_providers": [0], "corrupt": [0],
                  "block": {"mixes": [2], "spare": [0, 1, 2, 3, 4, 5, 6, 7]}}})");
  REQUIRE(cli_run({"run", scenario, "-o", (dir / "run").string(), "--observations"}).code == 0);
  const fs::path file = dir / "run" / "observations.bin";
  const std::string original = test_support::read_text(file);
  // The first record of each kind.
  std::map<ObservationKind, std::size_t> first;
  for (std::size_t i = 0; core::kRecordFileHeaderSize + (i + 1) * core::kObservationRecordSize <= original.size(); ++i)
    first.try_emplace(static_cast<ObservationKind>(original[core::kRecordFileHeaderSize + i * core::kObservationRecordSize + 32]), i);
  REQUIRE(first.size() == 7);
  struct Case {
    ObservationKind kind;
    std::size_t offset;
    std::uint64_t value;
    std::string expected;
  };
  const Case cases[] = {
      {ObservationKind::Link, 32, 7, "expected a kind code below 7, got 7"},
      {ObservationKind::Target, 24, 3, "expected no previous hop (4294967295) in a target record, got 3"},
      {ObservationKind::Link, 36, 1, "expected zero bytes at offsets 33 to 39"},
      {ObservationKind::Link, 16, 4000, "expected a node id below 14, got 4000"},
      {ObservationKind::Deposit, 20, 14, "expected a peer id below 14, got 14"},
      {ObservationKind::Link, 24, 3, "expected no previous hop (4294967295) in a link record, got 3"},
      {ObservationKind::MixIo, 24, 99, "expected a previous hop id below 14, got 99"},
      {ObservationKind::Pull, 28, 5, "expected a count of at most /pull/messages (4), got 5"},
      {ObservationKind::Send, 28, 1, "expected a count of at most 0 in a send record, got 1"},
      {ObservationKind::Deposit, 8, 7, "expected an entry time of 0 in a deposit record, got 7 ns"},
      {ObservationKind::MixIo, 12, 0x7fffffff, "expected an entry time in [0, time"},
      {ObservationKind::Pull, 4, 0x7fffffff, "expected a time in [0, 10000000000] ns"},
      {ObservationKind::MixIo, 0, 0, "expected records in time order: time 0 ns comes after"},
  };
  for (const Case& c : cases) {
    INFO(c.expected);
    std::string bytes = original;
    const std::size_t record = first.at(c.kind);
    const std::size_t at = core::kRecordFileHeaderSize + record * core::kObservationRecordSize;
    if (c.offset == 32 || c.offset == 36) bytes[at + c.offset] = static_cast<char>(c.value);
    else if (c.offset == 0) core::store_le<std::uint64_t>(reinterpret_cast<std::uint8_t*>(bytes.data() + at), c.value);
    else core::store_le<std::uint32_t>(reinterpret_cast<std::uint8_t*>(bytes.data() + at + c.offset), static_cast<std::uint32_t>(c.value));
    test_support::write_text(file, bytes);
    const auto r = cli_run({"trace", "export", file.string(), "--csv"});
    CHECK(r.code == 2);
    CHECK(r.out.empty());
    CHECK(r.err.find(file.string() + ": record " + std::to_string(record) + " (byte offset " + std::to_string(at) + "): ") !=
          std::string::npos);
    CHECK(r.err.find(c.expected) != std::string::npos);
  }
  test_support::write_text(file, original.substr(0, original.size() - 3));
  CHECK(cli_run({"trace", "export", file.string(), "--csv"}).err.find("truncated observation stream") != std::string::npos);
}

TEST_CASE("scenario: corrupt providers are listed by index within the topology, or as a fraction", "[adversary][scenario]") {
  using test_support::problems_in;
  CHECK(problems_in(R"({"topology": {"providers": 3}, "adversary": {"corrupt_providers": [0, 3]}})") ==
        std::vector<std::string>{"bad.json: /adversary/corrupt_providers/1: expected a provider index < /topology/providers (3), got 3"});
  CHECK(problems_in(R"({"adversary": {"corrupt_providers": 1.5}})") ==
        std::vector<std::string>{"bad.json: /adversary/corrupt_providers: expected a fraction in [0, 1] or an array of provider indices, got 1.5"});
  CHECK(problems_in(R"({"adversary": {"provider_role": "exit"}})").size() == 1);
  CHECK(problems_in(R"({"adversary": {"advantage": 0}})").size() == 1);
  // The tests' counts are bounded: 2 * 100 clients over 540 s in 1 us windows would be 1e11 counts.
  CHECK(problems_in(R"({"adversary": {"gpa": true, "window": 0.000001}})") ==
        std::vector<std::string>{"bad.json: /adversary/window: expected a number >= (/run/horizon - /run/warmup) * 2 * "
                                 "/topology/clients / 2^28 (0.0004023313522338867): the unobservability tests keep a "
                                 "count per window, at most 2^28 of them, got 1e-06"});
  CHECK(problems_in(R"({"adversary": {"disclosure": {"targets": [1, 2], "round": 0.00001}}})") ==
        std::vector<std::string>{"bad.json: /adversary/disclosure/round: expected a number >= (/run/horizon - /run/warmup) "
                                 "* (its targets) * /topology/clients / 2^28 (0.0004023313522338867): the disclosure "
                                 "attack's scores keep a count per window, at most 2^28 of them, got 1e-05"});
  CHECK(problems_in(R"({"adversary": {"window": 0.000001}})").empty());  // nobody observes clients: no counts
  core::Scenario s;
  s.providers = 10;
  s.corrupt_providers.fraction = 0.3;
  const std::vector<bool> chosen = core::corrupt_providers(s);
  CHECK(std::count(chosen.begin(), chosen.end(), true) == 3);
  CHECK(core::corrupt_providers(s) == chosen);  // from the seed
}
