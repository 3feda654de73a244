#include "core/model/hop_processor.h"

#include <stdexcept>
#include <string>

namespace core {

HopProcessor::HopProcessor(const PacketFormat& format, int threads) : format_(format) {
  for (int i = 1; i < threads; ++i) workers_.emplace_back([this] { work(); });
}

HopProcessor::~HopProcessor() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_all();
  for (std::thread& t : workers_) t.join();  // a running job finishes; queued ones are dropped
}

void HopProcessor::build(PacketPool::Slot slot, std::span<std::uint8_t> bytes, const Route& route, std::uint32_t epoch,
                         std::uint64_t number, const sim::RandomStream& rng) {
  if (workers_.empty()) {
    sim::RandomStream own = rng;
    format_.build(route, epoch, number, bytes, own);
    return;
  }
  auto job = std::make_shared<Job>();
  job->bytes = bytes;
  job->node = route.first;
  job->epoch = epoch;
  job->number = number;
  job->build = true;
  job->route = route;
  job->rng = rng;
  submit(slot, std::move(job));
}

void HopProcessor::prefetch(PacketPool::Slot slot, std::span<std::uint8_t> bytes, NodeId node, std::uint32_t epoch) {
  if (workers_.empty()) return;
  auto job = std::make_shared<Job>();
  job->bytes = bytes;
  job->node = node;
  job->epoch = epoch;
  job->build = false;
  submit(slot, std::move(job));
}

void HopProcessor::submit(PacketPool::Slot slot, std::shared_ptr<Job> job) {
  if (slot >= pending_.size()) pending_.resize(slot + 1);
  pending_[slot] = job;
  {
    std::lock_guard lock(mutex_);
    queue_.push_back(std::move(job));
  }
  wake_.notify_one();
}

Processed HopProcessor::process(PacketPool::Slot slot, std::span<std::uint8_t> bytes, NodeId node, std::uint32_t epoch,
                                bool grace, EpochReplayCache& seen) {
  std::shared_ptr<Job> job = slot < pending_.size() ? std::move(pending_[slot]) : nullptr;
  Unwrapped u;
  std::uint32_t tried = epoch;
  if (job) {
    u = take(*job);
    tried = job->epoch;
    if (job->node != node)  // a prefetch names the packet's next hop: anything else is a model bug
      throw std::logic_error("packet unwrapped for node " + std::to_string(job->node) + " arrived at node " +
                             std::to_string(node));
  } else {
    u = format_.unwrap(node, epoch, bytes);
  }
  const bool candidate = tried == epoch || (epoch > 0 && tried == epoch - 1);
  if (u.early == DropReason::None && !candidate) return {DropReason::Mac, {}};  // only a key the node no longer has
  if (u.early == DropReason::Mac) {  // the bytes are untouched: try the keys the node holds, the current one first
    for (std::uint32_t e : {epoch, epoch - 1}) {
      if (e == tried || (e != epoch && epoch == 0)) continue;
      u = format_.unwrap(node, e, bytes);
      tried = e;
      if (u.early != DropReason::Mac) break;
    }
  }
  if (u.early == DropReason::None && tried != epoch && !grace) return {DropReason::Expired, {}};
  return decide(u, seen.of(tried));
}

void HopProcessor::forget(PacketPool::Slot slot) {
  if (slot >= pending_.size() || !pending_[slot]) return;
  const std::shared_ptr<Job> job = std::move(pending_[slot]);
  int expected = Queued;
  if (job->state.compare_exchange_strong(expected, Done, std::memory_order_acq_rel)) return;  // never started
  for (int s = job->state.load(std::memory_order_acquire); s != Done; s = job->state.load(std::memory_order_acquire))
    job->state.wait(s, std::memory_order_acquire);
}

void HopProcessor::execute(Job& job) const {
  try {
    if (job.build) format_.build(job.route, job.epoch, job.number, job.bytes, job.rng);
    job.result = format_.unwrap(job.node, job.epoch, job.bytes);
  } catch (...) {
    job.error = std::current_exception();
  }
}

Unwrapped HopProcessor::take(Job& job) {
  int expected = Queued;
  if (job.state.compare_exchange_strong(expected, Running, std::memory_order_acq_rel)) {
    execute(job);
    job.state.store(Done, std::memory_order_release);
  } else {
    for (int s = job.state.load(std::memory_order_acquire); s != Done; s = job.state.load(std::memory_order_acquire))
      job.state.wait(s, std::memory_order_acquire);
  }
  if (job.error) std::rethrow_exception(job.error);
  return job.result;
}

void HopProcessor::work() {
  for (;;) {
    std::shared_ptr<Job> job;
    {
      std::unique_lock lock(mutex_);
      wake_.wait(lock, [this] { return stopping_ || !queue_.empty(); });
      if (stopping_) return;
      job = std::move(queue_.front());
      queue_.pop_front();
    }
    int expected = Queued;
    if (!job->state.compare_exchange_strong(expected, Running, std::memory_order_acq_rel)) continue;
    execute(*job);
    job->state.store(Done, std::memory_order_release);
    job->state.notify_all();
  }
}

}  // namespace core
