// The pending-event set: a 4-ary min-heap on (time, seq) over one contiguous vector.
#pragma once
#include <cstddef>
#include <vector>

#include "sim/event.h"

namespace sim {

// A 4-ary heap halves the depth of a binary heap and keeps a node's four children side
// by side in memory (128 bytes), so a sift-down touches fewer cache lines: that is what
// makes it faster than std::priority_queue on large pending sets. Sifts move a hole
// instead of swapping. No allocation once the vector has grown to the peak pending count.
class EventQueue {
 public:
  bool empty() const { return heap_.empty(); }
  std::size_t size() const { return heap_.size(); }
  void reserve(std::size_t n) { heap_.reserve(n); }
  const Event& top() const { return heap_.front(); }

  void push(const Event& e) {
    std::size_t hole = heap_.size();
    heap_.push_back(e);
    while (hole > 0) {
      std::size_t parent = (hole - 1) / kArity;
      if (!before(e, heap_[parent])) break;
      heap_[hole] = heap_[parent];
      hole = parent;
    }
    heap_[hole] = e;
  }

  Event pop() {
    Event result = heap_.front();
    discard_top();
    return result;
  }

  // Removes the earliest event.
  void discard_top() {
    Event last = heap_.back();
    heap_.pop_back();
    if (!heap_.empty()) sift_down(last);
  }

  // Removes the earliest event and inserts e, with a single sift-down: the cheap "hold"
  // (pop one, push one) that a discrete-event run performs for most events.
  void replace_top(const Event& e) { sift_down(e); }

 private:
  static constexpr std::size_t kArity = 4;

  void sift_down(const Event& e) {
    const std::size_t n = heap_.size();
    std::size_t hole = 0;
    for (;;) {
      std::size_t first = hole * kArity + 1;
      if (first >= n) break;
      std::size_t best = first;
      std::size_t end = first + kArity < n ? first + kArity : n;
      for (std::size_t c = first + 1; c < end; ++c)
        if (before(heap_[c], heap_[best])) best = c;
      if (!before(heap_[best], e)) break;
      heap_[hole] = heap_[best];
      hole = best;
    }
    heap_[hole] = e;
  }

  std::vector<Event> heap_;
};

}  // namespace sim
