#include "eval_parallel.h"

#include <poll.h>

#include <atomic>
#include <cerrno>
#include <condition_variable>
#include <cstdio>
#include <cstring>
#include <deque>
#include <map>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "core/decision.h"
#include "line_reader.h"

namespace gai::driver {

namespace {

constexpr size_t kChunkBytes = size_t(256) << 10;
constexpr size_t kChunkLines = 4096;

struct Chunk {
  struct Line {
    size_t offset, length;
    bool tooLong;
  };
  uint64_t seq = 0;
  uint64_t firstLine = 1;  // the input line number of lines[0]
  std::string data;        // the lines back to back
  std::vector<Line> lines;
  std::string out;
  bool anyInputError = false;
};

class Pipeline {
 public:
  Pipeline(std::shared_ptr<const Policy> policy, const EntryType& entry, const EvalOptions& options, unsigned jobs)
      : policy_(std::move(policy)), entry_(entry), options_(options), maxInFlight_(2 * size_t(jobs) + 2) {
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

  // Queues `chunk`; while too many chunks are in flight, writes finished ones and waits.
  void submit(std::unique_ptr<Chunk> chunk) {
    std::unique_lock<std::mutex> lock(m_);
    for (;;) {
      if (writeReady(lock)) continue;
      if (inFlight_ < maxInFlight_) break;
      done_.wait(lock);
    }
    chunk->seq = submitted_++;
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

  // An empty chunk, reusing a written one's buffers when there is one (no page faults for
  // fresh buffers on every chunk).
  std::unique_ptr<Chunk> fresh() {
    std::lock_guard<std::mutex> lock(m_);
    if (spare_.empty()) return std::make_unique<Chunk>();
    std::unique_ptr<Chunk> chunk = std::move(spare_.back());
    spare_.pop_back();
    return chunk;
  }

  bool writeFailed() const { return writeFailed_; }
  bool anyInputError() const { return anyInputError_; }
  bool workerFailed() const { return workerFailed_; }

 private:
  // Writes the finished chunks that are next in order (unlocking meanwhile); false if none.
  bool writeReady(std::unique_lock<std::mutex>& lock) {
    std::vector<std::unique_ptr<Chunk>> ready;
    for (auto it = finished_.find(nextWrite_); it != finished_.end(); it = finished_.find(nextWrite_)) {
      ready.push_back(std::move(it->second));
      finished_.erase(it);
      ++nextWrite_;
    }
    if (ready.empty()) return false;
    lock.unlock();
    for (const std::unique_ptr<Chunk>& c : ready) {
      anyInputError_ = anyInputError_ || c->anyInputError;
      if (!writeFailed_ && !writeAll(c->out)) writeFailed_ = true;
    }
    lock.lock();
    for (std::unique_ptr<Chunk>& c : ready) {
      c->data.clear();
      c->lines.clear();
      c->out.clear();
      c->anyInputError = false;
      spare_.push_back(std::move(c));
    }
    inFlight_ -= nextWrite_ - written_;
    written_ = nextWrite_;
    return true;
  }

  void work() {
    Session session(policy_);
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
        evaluate(session, *chunk);
      } catch (...) {  // out of memory while appending output
        workerFailed_ = true;
      }
      {
        std::lock_guard<std::mutex> lock(m_);
        uint64_t seq = chunk->seq;
        finished_[seq] = std::move(chunk);
      }
      done_.notify_one();
    }
  }

  // Exactly what the single-threaded loop does per line.
  void evaluate(Session& session, Chunk& chunk) {
    std::string error;
    for (size_t i = 0; i < chunk.lines.size(); ++i) {
      const Chunk::Line& line = chunk.lines[i];
      bool ok = false;
      if (line.tooLong) {
        error = "input longer than " + std::to_string(options_.maxInputBytes) + " bytes";
      } else {
        std::string_view text(chunk.data.data() + line.offset, line.length);
        ok = session.evaluateJsonTo(entry_, text, options_, chunk.out, error);
      }
      if (!ok) {
        chunk.anyInputError = true;
        chunk.out += rt::inputErrorJson(chunk.firstLine + i, error);
      }
      chunk.out += '\n';
    }
  }

  std::shared_ptr<const Policy> policy_;
  const EntryType& entry_;
  const EvalOptions& options_;
  const size_t maxInFlight_;

  std::mutex m_;
  std::condition_variable work_, done_;
  std::deque<std::unique_ptr<Chunk>> queue_;
  std::map<uint64_t, std::unique_ptr<Chunk>> finished_;
  std::vector<std::unique_ptr<Chunk>> spare_;
  uint64_t submitted_ = 0, nextWrite_ = 0, written_ = 0;
  size_t inFlight_ = 0;
  bool closing_ = false;
  bool writeFailed_ = false, anyInputError_ = false;
  std::atomic<bool> workerFailed_{false};
  std::vector<std::thread> threads_;
};

// Whether a read of `fd` would return at once (always true for regular files).
bool inputReady(int fd) {
  pollfd p{fd, POLLIN, 0};
  return ::poll(&p, 1, 0) != 0;
}

}  // namespace

int evalLinesParallel(LineReader& reader, std::shared_ptr<const Policy> policy, const EntryType& entry,
                      const EvalOptions& options, unsigned jobs) {
  Pipeline pipeline(std::move(policy), entry, options, jobs);
  auto chunk = pipeline.fresh();
  auto submit = [&] {
    if (chunk->lines.empty()) return;
    uint64_t next = chunk->firstLine + chunk->lines.size();
    pipeline.submit(std::move(chunk));
    chunk = pipeline.fresh();
    chunk->firstLine = next;
  };
  auto beforeRead = [&] {
    if (inputReady(reader.fd())) return;
    submit();
    pipeline.drain();
  };
  std::string line;
  bool tooLong = false;
  while (!pipeline.writeFailed() && reader.next(line, tooLong, beforeRead)) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    chunk->lines.push_back(Chunk::Line{chunk->data.size(), tooLong ? 0 : line.size(), tooLong});
    if (!tooLong) chunk->data += line;
    if (chunk->data.size() >= kChunkBytes || chunk->lines.size() >= kChunkLines) submit();
  }
  submit();
  pipeline.drain();
  if (!reader.readError().empty()) {
    std::fprintf(stderr, "gaic eval: reading input: %s\n", reader.readError().c_str());
    return 1;
  }
  if (pipeline.writeFailed()) {
    std::fprintf(stderr, "gaic eval: writing output: %s\n", std::strerror(errno));
    return 1;
  }
  if (pipeline.workerFailed()) {
    std::fprintf(stderr, "gaic eval: out of memory\n");
    return 1;
  }
  return pipeline.anyInputError() ? 1 : 0;
}

}  // namespace gai::driver
