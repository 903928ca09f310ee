// A bump arena: bound inputs, their strings and slices, evaluation temporaries and
// constants live here. Allocation is a pointer bump inside a chunk; reset() rewinds without
// freeing so one arena serves evaluation after evaluation. Growth is bounded: past
// `maxBytes` allocate() returns null (callers report "input too large" and never crash).
// Not thread-safe; use one arena per thread.
#pragma once

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <memory>
#include <string_view>
#include <vector>

namespace gai::rt {

class Arena {
 public:
  static constexpr size_t kDefaultChunk = 16 * 1024;
  static constexpr size_t kDefaultMax = size_t(1) << 30;

  explicit Arena(size_t maxBytes = kDefaultMax, size_t firstChunk = kDefaultChunk)
      : maxBytes_(maxBytes), nextChunk_(firstChunk) {}
  Arena(const Arena&) = delete;
  Arena& operator=(const Arena&) = delete;
  Arena(Arena&&) = default;
  Arena& operator=(Arena&&) = default;

  // `align` must be a power of two <= 16. Returns null when the bound would be exceeded.
  // Zero-size requests return a valid non-null pointer.
  void* allocate(size_t size, size_t align = 8) {
    uintptr_t p = (cur_ + (align - 1)) & ~uintptr_t(align - 1);
    if (cur_ != 0 && p + size <= end_) {
      cur_ = p + size;
      return reinterpret_cast<void*>(p);
    }
    return allocateSlow(size, align);
  }

  // Zero-filled.
  void* allocateZeroed(size_t size, size_t align = 8) {
    void* p = allocate(size, align);
    if (p) std::memset(p, 0, size);
    return p;
  }

  // A copy of `text`, NUL-terminated (the terminator is not part of the view).
  const char* copyString(std::string_view text) {
    char* p = static_cast<char*>(allocate(text.size() + 1, 1));
    if (!p) return nullptr;
    if (!text.empty()) std::memcpy(p, text.data(), text.size());
    p[text.size()] = '\0';
    return p;
  }

  // Rewinds to empty. Keeps the chunks up to `retainBytes` in total (the rest is freed),
  // so a burst of large input does not pin memory forever.
  void reset(size_t retainBytes = size_t(4) << 20) {
    size_t kept = 0, n = 0;
    while (n < chunks_.size() && kept + chunks_[n].size <= retainBytes) kept += chunks_[n++].size;
    chunks_.resize(n);
    reserved_ = kept;
    used_ = 0;
    active_ = 0;
    if (chunks_.empty()) {
      cur_ = end_ = 0;
    } else {
      cur_ = reinterpret_cast<uintptr_t>(chunks_[0].data.get());
      end_ = cur_ + chunks_[0].size;
    }
  }

  // A position to rewind to: rewind(mark()) gives back what was allocated after the mark
  // (chunks added since are kept for reuse).
  struct Mark {
    size_t active;
    uintptr_t cur, end;
    size_t used;
  };
  Mark mark() const { return Mark{active_, cur_, end_, used_}; }
  void rewind(const Mark& m) {
    if (m.cur == 0) {
      reset(reserved_);
      return;
    }
    active_ = m.active;
    cur_ = m.cur;
    end_ = m.end;
    used_ = m.used;
  }

  // Bytes handed out since the last reset (including alignment padding in closed chunks).
  size_t bytesUsed() const { return used_ + (cur_ ? cur_ - chunkStart() : 0); }
  size_t bytesReserved() const { return reserved_; }
  // Where the next allocation would start (0 before the first chunk): unchanged since an
  // earlier call means nothing was allocated in between (a cheap "was it used?" test).
  uintptr_t cursor() const { return cur_; }
  size_t maxBytes() const { return maxBytes_; }

 private:
  struct Chunk {
    std::unique_ptr<char[]> data;
    size_t size;
  };

  uintptr_t chunkStart() const { return reinterpret_cast<uintptr_t>(chunks_[active_].data.get()); }

  void* allocateSlow(size_t size, size_t align) {
    if (size > maxBytes_) return nullptr;
    // Move to the next retained chunk that fits, else add one.
    if (cur_) used_ += cur_ - chunkStart();
    while (active_ + 1 < chunks_.size()) {
      ++active_;
      const Chunk& c = chunks_[active_];
      if (c.size >= size + align) return placeIn(active_, size, align);
      used_ += c.size;  // skipped chunk counts as used until reset
    }
    size_t want = size + align;
    size_t chunk = nextChunk_ > want ? nextChunk_ : want;
    if (reserved_ + chunk > maxBytes_) {
      if (reserved_ + want > maxBytes_) return nullptr;
      chunk = want;
    }
    Chunk c{std::unique_ptr<char[]>(new (std::nothrow) char[chunk]), chunk};
    if (!c.data) return nullptr;
    reserved_ += chunk;
    if (nextChunk_ < (size_t(8) << 20)) nextChunk_ *= 2;
    chunks_.push_back(std::move(c));
    active_ = chunks_.size() - 1;
    return placeIn(active_, size, align);
  }

  void* placeIn(size_t index, size_t size, size_t align) {
    uintptr_t start = reinterpret_cast<uintptr_t>(chunks_[index].data.get());
    uintptr_t p = (start + (align - 1)) & ~uintptr_t(align - 1);
    cur_ = p + size;
    end_ = start + chunks_[index].size;
    return reinterpret_cast<void*>(p);
  }

  std::vector<Chunk> chunks_;
  size_t active_ = 0;
  uintptr_t cur_ = 0;
  uintptr_t end_ = 0;
  size_t used_ = 0;
  size_t reserved_ = 0;
  size_t maxBytes_;
  size_t nextChunk_;
};

}  // namespace gai::rt
