// The pending-event set: a 4-ary min-heap on (time, seq) for the near future, in front of a
// timing wheel of unsorted buckets for the rest, so that the heap stays small however many
// events are pending.
#pragma once
#include <array>
#include <cstddef>
#include <cstdint>
#include <vector>

#include "sim/event.h"

namespace sim {

// A 4-ary heap halves the depth of a binary heap and keeps a node's four children side by
// side in memory (128 bytes), so a sift-down touches fewer cache lines. Sifts move a hole
// instead of swapping.
class EventHeap {
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

  // Removes the earliest event.
  void discard_top() {
    Event last = heap_.back();
    heap_.pop_back();
    if (!heap_.empty()) sift_down(last);
  }

  // Removes the earliest event and inserts e, with a single sift-down.
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

// Time is cut into slices of kSliceNs. The heap holds the pending events up to the end of the
// current slice; the next kSlices - 1 slices each have an unsorted bucket of a timing wheel;
// later events wait in a second heap (rare: they lie more than kSlices slices ahead). When
// the current slice runs out, the next non-empty bucket is moved into the heap. Every event in
// the heap is earlier than every event outside it, so events leave in exact (time, seq) order,
// the same order as from one heap; but a push or a hold costs a sift in a heap of one slice's
// events, not of every pending event (a million clients keep a million events pending).
// No allocation once the vectors have grown to their peak sizes.
class EventQueue {
 public:
  static constexpr Time kSliceNs = Time{1} << 20;  // about 1 ms
  static constexpr std::size_t kSlices = 4096;     // the wheel spans about 4.3 s

  bool empty() const { return size() == 0; }
  std::size_t size() const { return near_.size() + in_wheel_ + far_.size(); }
  void reserve(std::size_t n) { near_.reserve(n); }
  // The earliest event; the queue must not be empty.
  const Event& top() const { return near_.top(); }

  void push(const Event& e) {
    place(e);
    if (near_.empty()) refill();
  }

  Event pop() {
    Event result = top();
    discard_top();
    return result;
  }

  // Removes the earliest event.
  void discard_top() {
    near_.discard_top();
    if (near_.empty()) refill();
  }

  // Removes the earliest event and inserts e (e.time >= the earliest's): a single sift-down
  // when e is in the current slice. Otherwise e is placed first, so that moving on to a later
  // slice can never pass it.
  void replace_top(const Event& e) {
    if (e.time / kSliceNs <= slice_) return near_.replace_top(e);
    place(e);
    discard_top();
  }

 private:
  // Puts e where its slice says. An event before the current slice (scheduled before a run,
  // in any order) joins the heap too: it is earlier than everything outside it.
  void place(const Event& e) {
    const Time slice = e.time / kSliceNs;
    if (slice <= slice_) {
      near_.push(e);
    } else if (slice - slice_ < static_cast<Time>(kSlices)) {
      wheel_[static_cast<std::size_t>(slice) % kSlices].push_back(e);
      ++in_wheel_;
    } else {
      far_.push(e);
    }
  }

  // The heap is empty: moves on to the next slice holding events, and loads its bucket.
  void refill() {
    while (near_.empty() && (in_wheel_ > 0 || !far_.empty())) {
      slice_ = in_wheel_ > 0 ? slice_ + 1 : far_.top().time / kSliceNs;  // an empty wheel: jump
      std::vector<Event>& bucket = wheel_[static_cast<std::size_t>(slice_) % kSlices];
      in_wheel_ -= bucket.size();
      for (const Event& e : bucket) near_.push(e);
      bucket.clear();
      // Events that now fall within the wheel's span leave the far heap.
      while (!far_.empty() && far_.top().time / kSliceNs - slice_ < static_cast<Time>(kSlices)) {
        place(far_.top());
        far_.discard_top();
      }
    }
  }

  EventHeap near_;
  std::array<std::vector<Event>, kSlices> wheel_;
  std::size_t in_wheel_ = 0;
  EventHeap far_;
  Time slice_ = 0;  // the current slice: near_ holds its events
};

}  // namespace sim
