#include "eval_parallel.h"

#include <fcntl.h>
#include <poll.h>
#include <sys/stat.h>
#include <unistd.h>

#include <atomic>
#include <condition_variable>
#include <deque>
#include <map>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "eval_chunk.h"
#include "eval_ranges.h"
#include "line_reader.h"

namespace gai::driver {

namespace {

constexpr size_t kChunkBytes = size_t(256) << 10;
constexpr size_t kChunkLines = 4096;
constexpr size_t kMaxBytesInFlight = size_t(32) << 20;  // streamed input lines

// N worker threads evaluate the chunks the calling thread reads and submits; the calling
// thread writes them.
class Pipeline {
 public:
  Pipeline(ChunkEvaluator& evaluator, ChunkWriter& writer, unsigned jobs)
      : evaluator_(evaluator), writer_(writer), maxInFlight_(2 * size_t(jobs) + 2) {
    for (unsigned i = 0; i < jobs; ++i) threads_.emplace_back([this] { work(); });
  }

  ~Pipeline() {
    {
      std::lock_guard<std::mutex> lock(m_);
      closing_ = true;
    }
    work_.notify_all();
    for (std::thread& t : threads_) t.join();
  }

  // Queues `chunk`; while too many chunks (or bytes) are in flight, writes finished ones
  // and waits.
  void submit(std::unique_ptr<Chunk> chunk) {
    size_t bytes = chunk->input.size();
    std::unique_lock<std::mutex> lock(m_);
    for (;;) {
      if (writeReady(lock)) continue;
      bool roomForBytes = inFlight_ == 0 || bytesInFlight_ + bytes <= kMaxBytesInFlight;
      if (inFlight_ < maxInFlight_ && roomForBytes) break;
      done_.wait(lock);
    }
    chunk->seq = submitted_++;
    bytesInFlight_ += bytes;
    bytes_[chunk->seq] = bytes;
    queue_.push_back(std::move(chunk));
    ++inFlight_;
    lock.unlock();
    work_.notify_one();
  }

  // Writes every submitted chunk, in order.
  void drain() {
    std::unique_lock<std::mutex> lock(m_);
    while (nextWrite_ < submitted_)
      if (!writeReady(lock)) done_.wait(lock);
  }

  // An empty chunk, reusing a written one's buffers when there is one.
  std::unique_ptr<Chunk> fresh() {
    std::lock_guard<std::mutex> lock(m_);
    if (spare_.empty()) return std::make_unique<Chunk>();
    std::unique_ptr<Chunk> chunk = std::move(spare_.back());
    spare_.pop_back();
    return chunk;
  }

  bool workerFailed() const { return workerFailed_; }

 private:
  // Writes the finished chunks that are next in order (unlocking meanwhile); false if none.
  bool writeReady(std::unique_lock<std::mutex>& lock) {
    ready_.clear();
    for (auto it = finished_.find(nextWrite_); it != finished_.end(); it = finished_.find(nextWrite_)) {
      ready_.push_back(std::move(it->second));
      finished_.erase(it);
      bytesInFlight_ -= bytes_[nextWrite_];
      bytes_.erase(nextWrite_);
      ++nextWrite_;
    }
    if (ready_.empty()) return false;
    lock.unlock();
    writer_.write(ready_);
    for (std::unique_ptr<Chunk>& c : ready_) c->reset();
    lock.lock();
    for (std::unique_ptr<Chunk>& c : ready_) spare_.push_back(std::move(c));
    inFlight_ -= nextWrite_ - written_;
    written_ = nextWrite_;
    return true;
  }

  void work() {
    Session session(evaluator_.policy());
    for (;;) {
      std::unique_ptr<Chunk> chunk;
      {
        std::unique_lock<std::mutex> lock(m_);
        work_.wait(lock, [&] { return closing_ || !queue_.empty(); });
        if (queue_.empty()) return;
        chunk = std::move(queue_.front());
        queue_.pop_front();
      }
      try {
        evaluator_.evaluate(session, *chunk, chunk->input.data(), chunk->input.size(), chunk->lines);
      } catch (...) {  // out of memory
        workerFailed_ = true;
      }
      bool next = false;  // the writer waits only for the next chunk in order
      {
        std::lock_guard<std::mutex> lock(m_);
        uint64_t seq = chunk->seq;
        next = seq == nextWrite_;
        finished_[seq] = std::move(chunk);
      }
      if (next) done_.notify_one();
    }
  }

  ChunkEvaluator& evaluator_;
  ChunkWriter& writer_;
  const size_t maxInFlight_;

  std::mutex m_;
  std::condition_variable work_, done_;
  std::deque<std::unique_ptr<Chunk>> queue_;
  std::map<uint64_t, std::unique_ptr<Chunk>> finished_;
  std::map<uint64_t, size_t> bytes_;  // the input bytes of each chunk in flight
  std::vector<std::unique_ptr<Chunk>> spare_;
  uint64_t submitted_ = 0, nextWrite_ = 0, written_ = 0;
  size_t inFlight_ = 0, bytesInFlight_ = 0;
  bool closing_ = false;
  std::atomic<bool> workerFailed_{false};
  std::vector<std::thread> threads_;
  std::vector<std::unique_ptr<Chunk>> ready_;  // the writing thread's own
};

// Whether a read of `fd` would return at once (always true for regular files).
bool inputReady(int fd) {
  pollfd p{fd, POLLIN, 0};
  return ::poll(&p, 1, 0) != 0;
}

// The calling thread reads lines into chunks (pipes, terminals); returns its read error.
std::string streamChunks(Pipeline& pipeline, const ChunkWriter& writer, int fd, const EvalOptions& options) {
  LineReader reader(fd, options.maxInputBytes);
  auto chunk = pipeline.fresh();
  auto submit = [&] {
    if (chunk->lines.empty()) return;
    chunk->input.resize(chunk->input.size() + kJsonPadding);  // every line is parsed in place
    pipeline.submit(std::move(chunk));
    chunk = pipeline.fresh();
  };
  auto beforeRead = [&] {
    if (inputReady(fd)) return;
    submit();
    pipeline.drain();
  };
  std::string line;
  bool tooLong = false;
  while (!writer.stopped() && reader.next(line, tooLong, beforeRead)) {
    if (tooLong) {
      chunk->lines.push_back(LineSpan{chunk->input.size(), 0, LineSpan::TooLong});
    } else {
      chunk->lines.push_back(LineSpan{chunk->input.size(), line.size(), LineSpan::Kept});
      chunk->input.insert(chunk->input.end(), line.begin(), line.end());
    }
    if (line.capacity() > kBigLineBytes) std::string().swap(line);
    if (chunk->input.size() >= kChunkBytes || chunk->lines.size() >= kChunkLines) submit();
  }
  submit();
  pipeline.drain();
  return reader.readError();
}

// Whether `fd` is a regular file with data from `base` on (a file /proc lists as empty is
// streamed).
bool regularFile(int fd, uint64_t& base, uint64_t& size) {
  struct stat st;
  if (::fstat(fd, &st) != 0 || !S_ISREG(st.st_mode) || st.st_size <= 0) return false;
  off_t at = ::lseek(fd, 0, SEEK_CUR);
  if (at < 0) return false;
  base = uint64_t(at);
  size = uint64_t(st.st_size);
  return true;
}

}  // namespace

int evalLinesParallel(int fd, std::shared_ptr<const Policy> policy, const EntryType& entry,
                      const EvalOptions& options, unsigned jobs) {
  ChunkEvaluator evaluator(std::move(policy), entry, options, fd);
  ChunkWriter writer;
  uint64_t base = 0, size = 0;
  if (regularFile(fd, base, size)) {
    ::posix_fadvise(fd, off_t(base), 0, POSIX_FADV_SEQUENTIAL);
    bool outOfMemory = evalRanges(evaluator, writer, fd, base, size, jobs);
    ::lseek(fd, 0, SEEK_END);  // as if read to the end
    return writer.finish("", outOfMemory);
  }
  Pipeline pipeline(evaluator, writer, jobs);
  std::string readError = streamChunks(pipeline, writer, fd, options);
  return writer.finish(readError, pipeline.workerFailed());
}

}  // namespace gai::driver
