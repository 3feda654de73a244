// The event kernel: (time, sequence) order, tie-breaks, horizon and stop.
#include <algorithm>
#include <set>
#include <catch2/catch.hpp>
#include <vector>

#include "sim/random.h"
#include "sim/simulator.h"

namespace {

struct Recorder {
  sim::Simulator* sim = nullptr;
  std::vector<std::uint64_t> args;
  std::vector<sim::Time> times;
  void handle(const sim::Event& e) {
    args.push_back(e.arg);
    times.push_back(e.time);
  }
};

}  // namespace

TEST_CASE("kernel runs events in time order and breaks ties by scheduling order", "[kernel]") {
  sim::Simulator s;
  Recorder r;
  s.schedule_at(50, 0, 0, 1);
  s.schedule_at(10, 0, 0, 2);
  s.schedule_at(30, 0, 0, 3);
  s.schedule_at(10, 0, 0, 4);  // same time as arg 2, scheduled later
  s.schedule_at(50, 0, 0, 5);
  s.schedule_at(10, 0, 0, 6);
  REQUIRE(s.run(r) == 6);
  CHECK(r.args == std::vector<std::uint64_t>{2, 4, 6, 3, 1, 5});
  CHECK(r.times == std::vector<sim::Time>{10, 10, 10, 30, 50, 50});
  CHECK(s.now() == 50);
}

TEST_CASE("kernel queue pops a large random set in exact (time, seq) order", "[kernel]") {
  sim::EventQueue q;
  auto rng = sim::RandomStream::derive(7, 0, 0);
  std::vector<sim::Event> events;
  for (std::uint64_t i = 0; i < 20000; ++i) {
    sim::Event e{static_cast<sim::Time>(rng.below(500)), i, i, 0, 0};  // many ties in time
    events.push_back(e);
    q.push(e);
    if (i % 3 == 0) {  // interleave pops with pushes
      auto earliest = std::min_element(events.begin(), events.end(), sim::before);
      REQUIRE(q.pop().seq == earliest->seq);
      events.erase(earliest);
    }
  }
  std::sort(events.begin(), events.end(), sim::before);
  for (const sim::Event& expected : events) {
    REQUIRE_FALSE(q.empty());
    REQUIRE(q.pop().seq == expected.seq);
  }
  CHECK(q.empty());
}

TEST_CASE("kernel stops at the horizon and leaves later events pending", "[kernel]") {
  sim::Simulator s;
  Recorder r;
  s.schedule_at(5, 0, 0, 1);
  s.schedule_at(10, 0, 0, 2);  // exactly at the horizon: runs
  s.schedule_at(11, 0, 0, 3);
  REQUIRE(s.run(r, 10) == 2);
  CHECK(s.now() == 10);
  CHECK(s.pending() == 1);
  Recorder rest;
  REQUIRE(s.run(rest) == 1);
  CHECK(rest.args == std::vector<std::uint64_t>{3});
}

TEST_CASE("kernel: a run ends at the horizon if events remain beyond it, else at its last event", "[kernel]") {
  sim::Simulator pending;
  Recorder r;
  pending.schedule_at(5, 0, 0, 1);
  pending.schedule_at(12, 0, 0, 2);
  REQUIRE(pending.run(r, 10) == 1);
  CHECK(pending.now() == 10);

  sim::Simulator emptied;
  emptied.schedule_at(5, 0, 0, 1);
  emptied.schedule_at(8, 0, 0, 2);
  REQUIRE(emptied.run(r, 10) == 2);
  CHECK(emptied.now() == 8);
}

TEST_CASE("kernel: events scheduled while handling run in order, stop() ends the run", "[kernel]") {
  struct Chain {
    sim::Simulator& sim;
    std::vector<sim::Time> seen;
    void handle(const sim::Event& e) {
      seen.push_back(e.time);
      if (e.arg < 4) sim.schedule_in(100, 0, 0, e.arg + 1);
      if (e.arg == 2) sim.stop();
    }
  };
  sim::Simulator s;
  Chain c{s, {}};
  s.schedule_at(0, 0, 0, 0);
  REQUIRE(s.run(c) == 3);
  CHECK(c.seen == std::vector<sim::Time>{0, 100, 200});
  CHECK(s.now() == 200);
  REQUIRE(s.run(c) == 2);
  CHECK(c.seen.back() == 400);
}

TEST_CASE("kernel converts seconds to nanoseconds exactly", "[kernel]") {
  CHECK(sim::from_seconds(1.5) == 1'500'000'000);
  CHECK(sim::from_seconds(1e-9) == 1);
  CHECK(sim::to_seconds(2'500'000'000) == Approx(2.5));
}

TEST_CASE("kernel queue keeps exact order across slices, the wheel and far events, with holds", "[kernel]") {
  // Events from the current slice to far beyond the wheel's span (kSlices slices), pushed,
  // popped and replaced in turn as a run does (never earlier than the event just taken):
  // every top must be the minimum of a plain ordered reference.
  sim::EventQueue q;
  std::set<sim::EventKey> reference;
  auto rng = sim::RandomStream::derive(11, 0, 0);
  const auto slice = static_cast<std::uint64_t>(sim::EventQueue::kSliceNs);
  const std::uint64_t span = slice * sim::EventQueue::kSlices;
  std::uint64_t seq = 0;
  sim::Time now = 0;
  auto draw = [&] {
    switch (rng.below(4)) {
      case 0: return now;                                                         // a tie with the present
      case 1: return now + static_cast<sim::Time>(rng.below(slice));               // this or the next slice
      case 2: return now + static_cast<sim::Time>(rng.below(span));                // in the wheel
      default: return now + static_cast<sim::Time>(rng.below(5 * span));           // often beyond it
    }
  };
  auto make = [&](sim::Time t) {
    const sim::Event e{t, seq++, 0, 0, 0};
    reference.insert(sim::key(e));
    return e;
  };
  for (int i = 0; i < 2000; ++i) q.push(make(draw()));
  std::size_t steps = 0;
  while (!q.empty()) {
    REQUIRE(q.size() == reference.size());
    const sim::Event top = q.top();
    REQUIRE(sim::key(top) == *reference.begin());
    reference.erase(reference.begin());
    now = top.time;
    const std::uint64_t what = steps < 20000 ? rng.below(10) : 9;
    if (what < 5) {  // a hold: the earliest leaves and a new event comes, in one step
      q.replace_top(make(draw()));
    } else {
      q.discard_top();
      if (what < 9) q.push(make(draw()));
    }
    ++steps;
  }
  CHECK(steps > 10000);
  CHECK(reference.empty());
  // Before a run, events come in any order: one far ahead, then one in an earlier slice.
  q.push(sim::Event{static_cast<sim::Time>(7 * span), seq++, 0, 0, 0});
  q.push(sim::Event{static_cast<sim::Time>(span + 1), seq++, 0, 0, 0});
  q.push(sim::Event{static_cast<sim::Time>(3 * slice), seq++, 0, 0, 0});
  CHECK(q.top().time == static_cast<sim::Time>(3 * slice));
  q.discard_top();
  CHECK(q.top().time == static_cast<sim::Time>(span + 1));
  q.discard_top();
  CHECK(q.top().time == static_cast<sim::Time>(7 * span));
  CHECK(q.size() == 1);
}
