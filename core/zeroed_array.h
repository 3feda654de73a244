// A fixed-size array of zeroed memory taken straight from the operating system: no memset
// (pages are backed when first touched), and a large array asks for transparent huge pages,
// which spare the TLB misses of random access over many megabytes.
#pragma once
#include <sys/mman.h>

#include <cstddef>
#include <new>
#include <type_traits>
#include <utility>

namespace core {

template <class T>
class ZeroedArray {
  static_assert(std::is_trivially_copyable_v<T>, "the elements start as zero bytes");

 public:
  explicit ZeroedArray(std::size_t n) : size_(n) {
    if (n == 0) return;
    void* p = mmap(nullptr, bytes(), PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (p == MAP_FAILED) throw std::bad_alloc();
#ifdef MADV_HUGEPAGE
    if (bytes() >= kHugePage) madvise(p, bytes(), MADV_HUGEPAGE);  // advice only: failure is harmless
#endif
    data_ = static_cast<T*>(p);
  }
  ~ZeroedArray() {
    if (data_) munmap(data_, bytes());
  }
  ZeroedArray(ZeroedArray&& other) noexcept
      : data_(std::exchange(other.data_, nullptr)), size_(std::exchange(other.size_, 0)) {}
  ZeroedArray& operator=(ZeroedArray&& other) noexcept {
    std::swap(data_, other.data_);
    std::swap(size_, other.size_);
    return *this;
  }

  std::size_t size() const { return size_; }
  T& operator[](std::size_t i) { return data_[i]; }
  const T& operator[](std::size_t i) const { return data_[i]; }
  T* begin() { return data_; }
  T* end() { return data_ + size_; }

 private:
  static constexpr std::size_t kHugePage = std::size_t{2} << 20;
  std::size_t bytes() const { return size_ * sizeof(T); }

  T* data_ = nullptr;
  std::size_t size_ = 0;
};

}  // namespace core
