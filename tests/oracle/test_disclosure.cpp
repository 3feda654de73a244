// The statistical disclosure attack from the observations: without cover, corrupt providers
// find every target's contacts; under Loopix's cover a target's sends per round say nothing
// of its real messages, and the guesses are no better than chance.
//
// Set-up: 40 clients on 4 corrupt providers, each writing real messages at 0.2/s to 2 contacts
// (drawn at the start); the attack targets clients 0 to 4 in 120 rounds of 20 s.
#include <catch2/catch.hpp>

#include "analysis/metrics.h"
#include "../support/metrics_fixture.h"

namespace {

core::Scenario disclosed(std::uint64_t seed, bool cover) {
  core::Scenario s = test_support::small_scenario(seed);
  s.providers = 4;
  s.clients = 40;
  s.horizon = 2420;
  s.warmup = 20;
  s.workload_rate = 0.2;
  s.contacts = 2;
  s.payload_rate = s.loop_rate = s.drop_rate = cover ? 1 : 0;
  s.sending = cover ? core::Sending::Buffer : core::Sending::Immediately;
  s.anonymity_levels = {false, false};
  s.corrupt_providers.fraction = 1;
  s.disclosure_targets.clients = {0, 1, 2, 3, 4};
  s.disclosure_round = 20;
  return s;
}

}  // namespace

TEST_CASE("disclosure attack: without cover, corrupt providers find every target's contacts", "[oracle][adversary]") {
  const test_support::MeasuredRun run(disclosed(31, false));
  const analysis::DisclosureResult d = run.metrics.adversary()->disclosure();
  CHECK(d.evidence == "deposits at corrupt providers");
  CHECK(d.targets == 5);
  CHECK(d.observed_receivers == 40);
  REQUIRE(d.rounds.size() == 120);
  CHECK(d.rounds.front().end_s == 40.0);
  CHECK(d.rounds.back().precision == 1.0);
  CHECK(d.rounds.back().mean_rank < 0.03);  // both contacts first among 39 candidates: (0 + 1/39) / 2
  CHECK(d.rounds_to_identify > 1);
  CHECK(d.rounds_to_identify <= 120);
  // The flow-correlation classifier over the 5 x 39 pairs tells the 10 contact pairs apart.
  CHECK(d.flow.pairs == 5 * 39);
  CHECK(d.flow.contact_pairs == 10);
  CHECK(d.flow.auc > 0.95);
  CHECK(d.flow.roc.back().false_positive_rate == 1.0);
  CHECK(d.flow.roc.back().true_positive_rate == 1.0);
}

TEST_CASE("disclosure attack: under Loopix's cover its guesses are no better than chance", "[oracle][adversary]") {
  const test_support::MeasuredRun run(disclosed(32, true));
  const analysis::DisclosureResult d = run.metrics.adversary()->disclosure();
  REQUIRE(d.rounds.size() == 120);
  // 10 guesses (2 per target) among 39 candidates each: correct ones ~ Binomial(10, 2/39),
  // P(>= 4) = 0.0014.
  INFO("precision " << d.rounds.back().precision);
  CHECK(d.rounds.back().precision <= 0.3);
  CHECK(d.rounds_to_identify < 0);
  // Flow correlation keeps a small signal under cover (README: a round with more payload ticks
  // lets more waiting real messages go), far from what it has without.
  const test_support::MeasuredRun bare(disclosed(32, false));
  INFO("AUC " << d.flow.auc << " under cover, " << bare.metrics.adversary()->disclosure().flow.auc << " without");
  CHECK(d.flow.auc < bare.metrics.adversary()->disclosure().flow.auc - 0.2);
  // A GPA alone sees no deposits (pull answers are padded): no evidence, no rounds.
  core::Scenario gpa = disclosed(32, true);
  gpa.corrupt_providers.fraction = -1;
  gpa.gpa = true;
  const test_support::MeasuredRun watched(gpa);
  CHECK(watched.metrics.adversary()->disclosure().evidence == "none");
  CHECK(watched.metrics.adversary()->disclosure().rounds.empty());
}
