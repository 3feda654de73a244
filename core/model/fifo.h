// A first-in first-out queue on one vector, for client send buffers and provider inboxes.
// Unlike std::deque it allocates nothing until the first push (a million empty queues are cheap).
#pragma once
#include <cstddef>
#include <vector>

namespace core {

template <class T>
class Fifo {
 public:
  bool empty() const { return head_ == items_.size(); }
  std::size_t size() const { return items_.size() - head_; }

  void push(const T& item) {
    if (head_ > 0 && head_ * 2 >= items_.size()) {  // reclaim the consumed prefix
      items_.erase(items_.begin(), items_.begin() + static_cast<std::ptrdiff_t>(head_));
      head_ = 0;
    }
    items_.push_back(item);
  }

  T pop() {
    T item = items_[head_++];
    if (head_ == items_.size()) {
      items_.clear();
      head_ = 0;
    }
    return item;
  }

  template <class F>
  void for_each(F&& f) const {
    for (std::size_t i = head_; i < items_.size(); ++i) f(items_[i]);
  }

 private:
  std::vector<T> items_;
  std::size_t head_ = 0;
};

}  // namespace core
