// The discrete-event kernel: a clock, the pending-event queue and the run loop.
#pragma once
#include <cstdint>

#include "sim/event_queue.h"
#include "sim/progress.h"

namespace sim {

// Model code schedules events through schedule_at / schedule_in and handles them in a
// Handler with `void handle(const Event&)`. run() is a template over the handler, so
// dispatch is a direct (inlinable) call: no virtual call, no std::function per event.
class Simulator {
 public:
  Time now() const { return now_; }
  std::uint64_t events_processed() const { return processed_; }
  std::size_t pending() const { return queue_.size() - (top_consumed_ ? 1 : 0); }
  void reserve(std::size_t pending_events) { queue_.reserve(pending_events); }

  // Schedules an event at absolute time t (t >= now()). Returns its sequence number.
  std::uint64_t schedule_at(Time t, std::uint32_t target, std::uint32_t kind, std::uint64_t arg = 0) {
    Event e{t, next_seq_, arg, target, kind};
    if (top_consumed_) {  // the event being handled still sits at the root: overwrite it
      queue_.replace_top(e);
      top_consumed_ = false;
    } else {
      queue_.push(e);
    }
    return next_seq_++;
  }
  std::uint64_t schedule_in(Time delay, std::uint32_t target, std::uint32_t kind, std::uint64_t arg = 0) {
    return schedule_at(now_ + delay, target, kind, arg);
  }

  // Stops the current run() after the event being handled.
  void stop() { stopped_ = true; }

  // Runs events with time <= horizon in (time, seq) order, until the queue is empty, the
  // horizon is passed or stop() is called. Afterwards now() is the horizon if events remain
  // beyond it, else the time of the last event. Returns the number of events handled.
  template <class Handler>
  std::uint64_t run(Handler& handler, Time horizon = kNever, ProgressReporter* progress = nullptr) {
    stopped_ = false;
    const std::uint64_t start = processed_;
    while (!queue_.empty() && queue_.top().time <= horizon && !stopped_) {
      // The event stays at the root while it is handled; the handler's first schedule
      // replaces it (one sift-down for a pop and a push), or it is removed afterwards.
      const Event e = queue_.top();
      now_ = e.time;
      top_consumed_ = true;
      handler.handle(e);
      if (top_consumed_) {
        queue_.discard_top();
        top_consumed_ = false;
      }
      ++processed_;
      if (progress && (processed_ & 0x3fff) == 0) progress->update(now_, processed_);
    }
    if (!stopped_ && !queue_.empty() && now_ < horizon) now_ = horizon;
    if (progress) progress->finish(now_, processed_);
    return processed_ - start;
  }

 private:
  EventQueue queue_;
  Time now_ = 0;
  std::uint64_t next_seq_ = 0;
  std::uint64_t processed_ = 0;
  bool stopped_ = false;
  bool top_consumed_ = false;  // the root of queue_ is the event being handled
};

}  // namespace sim
