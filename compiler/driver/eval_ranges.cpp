#include "eval_ranges.h"

#include <sys/stat.h>

#include <algorithm>
#include <atomic>
#include <condition_variable>
#include <mutex>
#include <new>
#include <thread>
#include <vector>

namespace gai::driver {

namespace {

// How far past the next range to write the threads may run, so that a thread descheduled
// while it holds that range (the machine is shared) does not stop the others at once.
// Finished ranges hold only their output: beyond the first 2N+2 of them, a range is
// claimed only while the outputs waiting total under kMaxHeldBytes.
constexpr size_t kMaxRangesAhead = 64;
constexpr size_t kMaxHeldBytes = size_t(8) << 20;

uint64_t fileSize(int fd) {
  struct stat st;
  return ::fstat(fd, &st) == 0 ? uint64_t(st.st_size) : 0;
}

class RangeRun {
 public:
  RangeRun(ChunkEvaluator& evaluator, ChunkWriter& writer, int fd, uint64_t base, uint64_t size, unsigned jobs)
      : evaluator_(evaluator), writer_(writer), fd_(fd), base_(base), minAhead_(2 * size_t(jobs) + 2),
        keptSpares_(minAhead_ + jobs), size_(size), slots_(std::max(kMaxRangesAhead, minAhead_)) {
    spare_.reserve(keptSpares_);
    ready_.reserve(slots_.size());
  }

  // Runs `jobs` threads, the calling one among them, until every range is written.
  void run(unsigned jobs) {
    std::vector<std::thread> helpers;
    try {
      for (unsigned i = 1; i < jobs; ++i) helpers.emplace_back([this] { work(); });
    } catch (...) {  // fewer threads
    }
    work();
    for (std::thread& t : helpers) t.join();
  }

  bool outOfMemory() const { return outOfMemory_; }

 private:
  void work() {
    Session session(evaluator_.policy());
    std::vector<char> input;  // reused for every range: it stays in this core's cache
    std::vector<LineSpan> lines;
    std::unique_ptr<Chunk> chunk;
    while (claim(chunk)) {
      try {
        readRangeLines(fd_, base_, chunk->rangeBegin, chunk->rangeEnd, evaluator_.options().maxInputBytes, input,
                       lines, chunk->readError);
        evaluator_.evaluate(session, *chunk, input.data(), input.size(), lines);
      } catch (...) {
        outOfMemory_ = true;
      }
      handIn(std::move(chunk));
    }
  }

  // The next range, in a chunk; false at the end or once the output failed. Waits while
  // the ranges in flight are at the bound.
  bool claim(std::unique_ptr<Chunk>& chunk) {
    std::unique_lock<std::mutex> lock(m_);
    while (!end_ && !writer_.stopped() && !roomFor(next_)) {
      ++waiting_;
      room_.wait(lock);
      --waiting_;
    }
    if (end_ || writer_.stopped()) return false;
    uint64_t begin = base_ + next_ * kRangeBytes;
    if (begin >= size_ && (size_ = fileSize(fd_)) <= begin) {
      end_ = true;
      room_.notify_all();
      return false;
    }
    if (spare_.empty()) {
      chunk.reset(new (std::nothrow) Chunk);
      if (!chunk) {
        outOfMemory_ = true;  // this thread stops; the others go on
        return false;
      }
    } else {
      chunk = std::move(spare_.back());
      spare_.pop_back();
    }
    chunk->seq = next_++;
    chunk->rangeBegin = begin;
    chunk->rangeEnd = begin + kRangeBytes;
    return true;
  }

  bool roomFor(uint64_t seq) const {
    if (seq < written_ + minAhead_) return true;
    return seq < written_ + slots_.size() && heldBytes_ < kMaxHeldBytes;
  }

  // Files the evaluated `chunk`; unless another thread is writing, writes it and every
  // finished chunk after it in order (the lock released meanwhile).
  void handIn(std::unique_ptr<Chunk> chunk) {
    std::unique_lock<std::mutex> lock(m_);
    heldBytes_ += chunk->out.size();
    slots_[chunk->seq % slots_.size()] = std::move(chunk);
    if (writing_) return;  // that thread writes it
    writing_ = true;
    while (takeReady()) {
      lock.unlock();
      writer_.write(ready_);
      for (std::unique_ptr<Chunk>& c : ready_) c->reset();
      lock.lock();
      for (std::unique_ptr<Chunk>& c : ready_)
        if (spare_.size() < keptSpares_) spare_.push_back(std::move(c));
      written_ += ready_.size();
      if (waiting_ != 0) room_.notify_all();
    }
    writing_ = false;
  }

  // Moves the finished chunks next in order to ready_; false if there are none.
  bool takeReady() {
    ready_.clear();
    while (ready_.size() < slots_.size()) {
      std::unique_ptr<Chunk>& slot = slots_[(written_ + ready_.size()) % slots_.size()];
      if (!slot) break;
      heldBytes_ -= slot->out.size();
      ready_.push_back(std::move(slot));
    }
    return !ready_.empty();
  }

  ChunkEvaluator& evaluator_;
  ChunkWriter& writer_;
  const int fd_;
  const uint64_t base_;
  const size_t minAhead_, keptSpares_;

  std::mutex m_;
  std::condition_variable room_;
  uint64_t size_;
  uint64_t next_ = 0, written_ = 0;  // ranges claimed, written
  std::vector<std::unique_ptr<Chunk>> slots_;  // finished, not written: seq % size
  std::vector<std::unique_ptr<Chunk>> spare_;
  std::vector<std::unique_ptr<Chunk>> ready_;  // the writing thread's
  size_t heldBytes_ = 0;  // the outputs in slots_
  unsigned waiting_ = 0;
  bool end_ = false, writing_ = false;
  std::atomic<bool> outOfMemory_{false};
};

}  // namespace

bool evalRanges(ChunkEvaluator& evaluator, ChunkWriter& writer, int fd, uint64_t base, uint64_t size,
                unsigned jobs) {
  RangeRun run(evaluator, writer, fd, base, size, jobs);
  run.run(jobs);
  return run.outOfMemory();
}

}  // namespace gai::driver
