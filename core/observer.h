// The observer interface: every send, arrival, departure, delivery, fetch and drop in the
// network is reported as one HopRecord, in simulated-time order.
#pragma once
#include <cstdint>
#include <vector>

#include "core/vocabulary.h"
#include "sim/time.h"

namespace core {

struct HopRecord {
  sim::Time time = 0;         // when it happened
  sim::Time sent = 0;         // when the packet's originator sent it
  std::uint64_t packet = 0;   // packet id
  std::uint64_t message = 0;  // message id
  NodeId node = kNoNode;      // where it happened
  NodeId peer = kNoNode;      // the other end: previous hop (Arrive), next hop (Send, Depart), provider (Fetch)
  HopEvent event = HopEvent::Send;
  TrafficKind kind = TrafficKind::Payload;  // ground truth, for analysis only
  DropReason reason = DropReason::None;     // for Drop
};

class Observer {
 public:
  virtual ~Observer() = default;
  virtual void on_hop(const HopRecord& record) = 0;
};

// Forwards every record to each observer added, in the order they were added.
class ObserverList final : public Observer {
 public:
  void add(Observer& o) { observers_.push_back(&o); }
  void on_hop(const HopRecord& record) override {
    for (Observer* o : observers_) o->on_hop(record);
  }

 private:
  std::vector<Observer*> observers_;
};

}  // namespace core
