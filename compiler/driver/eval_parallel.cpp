#include "eval_parallel.h"

#include <fcntl.h>
#include <poll.h>
#include <sys/stat.h>
#include <sys/uio.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <climits>
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
#include "range_reader.h"

namespace gai::driver {

namespace {

constexpr size_t kChunkBytes = size_t(256) << 10;
constexpr size_t kChunkLines = 4096;
constexpr uint64_t kRangeBytes = uint64_t(256) << 10;
constexpr size_t kMaxBytesInFlight = size_t(32) << 20;  // streamed input lines
constexpr size_t kKeptInputBytes = size_t(2) << 20;     // a reused chunk's input buffer

struct Chunk {
  struct Error {
    size_t outOffset;  // where its JSON goes in `out`
    size_t line;       // index in `lines`
    std::string message;
  };
  uint64_t seq = 0;
  bool isRange = false;  // read by the worker: the lines starting in [rangeBegin, rangeEnd)
  uint64_t rangeBegin = 0, rangeEnd = 0;
  std::vector<char> input;  // streamed: the lines back to back (a range is read by its worker)
  std::vector<LineSpan> lines;  // streamed: the lines in `input`
  size_t lineCount = 0;         // the lines evaluated
  std::string out;              // the output lines, input errors left out (see Error)
  std::vector<Error> errors;
  std::string readError;

  // Empties it for reuse, keeping the buffers' capacity (no page faults on every chunk)
  // unless a long line grew them.
  void reset() {
    if (input.capacity() > kKeptInputBytes) std::vector<char>().swap(input);
    if (out.capacity() > 2 * kKeptInputBytes) std::string().swap(out);
    isRange = false;
    input.clear();
    lines.clear();
    lineCount = 0;
    out.clear();
    errors.clear();
    readError.clear();
  }
};

// Writes all of `iov` to standard output (it is consumed).
bool writevAll(std::vector<iovec>& iov) {
  size_t i = 0;
  while (i < iov.size()) {
    int count = int(std::min(iov.size() - i, size_t(IOV_MAX)));
    ssize_t n = ::writev(1, &iov[i], count);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return false;
    size_t left = size_t(n);
    while (i < iov.size() && left >= iov[i].iov_len) left -= iov[i++].iov_len;
    if (left == 0) continue;
    iov[i].iov_base = static_cast<char*>(iov[i].iov_base) + left;
    iov[i].iov_len -= left;
  }
  return true;
}

std::string_view withoutCr(const char* data, size_t size) {
  if (size != 0 && data[size - 1] == '\r') --size;
  return std::string_view(data, size);
}

class Pipeline {
 public:
  // `fd`: the file that range chunks and Big lines are read from.
  Pipeline(std::shared_ptr<const Policy> policy, const EntryType& entry, const EvalOptions& options,
           unsigned jobs, int fd, uint64_t base)
      : policy_(std::move(policy)), entry_(entry), options_(options), maxInFlight_(2 * size_t(jobs) + 2),
        fd_(fd), base_(base),
        tooLongMessage_("input longer than " + std::to_string(options.maxInputBytes) + " bytes") {
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

  // Queues `chunk`; while too many chunks (or streamed bytes) are in flight, writes
  // finished ones and waits.
  void submit(std::unique_ptr<Chunk> chunk) {
    size_t bytes = chunk->input.size();
    if (chunk->isRange) bytes = 0;
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

  // No more input is worth evaluating: the output failed or a read did.
  bool stopped() const { return writeFailed_ || !readError_.empty(); }
  bool anyInputError() const { return anyInputError_; }
  bool workerFailed() const { return workerFailed_; }
  int writeErrno() const { return writeErrno_; }
  const std::string& readError() const { return readError_; }

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
    write(ready_);
    for (std::unique_ptr<Chunk>& c : ready_) c->reset();
    lock.lock();
    for (std::unique_ptr<Chunk>& c : ready_) spare_.push_back(std::move(c));
    inFlight_ -= nextWrite_ - written_;
    written_ = nextWrite_;
    return true;
  }

  // One writev of the chunks' outputs with their input errors, numbered now, spliced in.
  void write(const std::vector<std::unique_ptr<Chunk>>& ready) {
    iov_.clear();
    rendered_.clear();
    size_t errors = 0;
    for (const std::unique_ptr<Chunk>& c : ready) errors += c->errors.size();
    rendered_.reserve(errors);  // no reallocation: iov_ points into these strings
    for (const std::unique_ptr<Chunk>& c : ready) {
      if (stopped()) break;
      size_t at = 0;
      for (const Chunk::Error& e : c->errors) {
        addIov(c->out.data() + at, e.outOffset - at);
        rendered_.push_back(rt::inputErrorJson(linesWritten_ + e.line + 1, e.message));
        addIov(rendered_.back().data(), rendered_.back().size());
        at = e.outOffset;
      }
      addIov(c->out.data() + at, c->out.size() - at);
      linesWritten_ += c->lineCount;
      anyInputError_ = anyInputError_ || !c->errors.empty();
      if (!c->readError.empty()) readError_ = c->readError;
    }
    if (!writeFailed_ && !writevAll(iov_)) {
      writeFailed_ = true;
      writeErrno_ = errno;
    }
  }

  void addIov(const char* data, size_t size) {
    if (size != 0) iov_.push_back(iovec{const_cast<char*>(data), size});
  }

  // A range is read into the worker's own buffer, reused for every range (it stays in
  // this core's cache) and needed only while the range is evaluated.
  void work() {
    Session session(policy_);
    std::vector<char> rangeInput;
    std::vector<LineSpan> rangeLines;
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
        if (chunk->isRange) {
          readRangeLines(fd_, base_, chunk->rangeBegin, chunk->rangeEnd, options_.maxInputBytes, rangeInput,
                         rangeLines, chunk->readError);
          evaluate(session, *chunk, rangeInput.data(), rangeLines);
        } else {
          evaluate(session, *chunk, chunk->input.data(), chunk->lines);
        }
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

  // Exactly what the single-threaded loop does per line, but for numbering input errors.
  // A Big line that cannot be read ends the chunk there (readError).
  void evaluate(Session& session, Chunk& chunk, const char* input, const std::vector<LineSpan>& lines) {
    std::string error;
    for (size_t i = 0; i < lines.size(); ++i, ++chunk.lineCount) {
      const LineSpan& line = lines[i];
      bool ok = false;
      if (line.kind == LineSpan::TooLong) {
        error = tooLongMessage_;
      } else if (line.kind == LineSpan::Big || line.length > kBigLineBytes) {
        const char* data = line.kind == LineSpan::Big ? nullptr : input + line.offset;
        if (!evaluateBig(data, line, chunk.out, ok, error, chunk.readError)) return;
      } else {
        ok = session.evaluateJsonTo(entry_, withoutCr(input + line.offset, line.length), options_, chunk.out,
                                    error);
      }
      if (!ok) chunk.errors.push_back(Chunk::Error{chunk.out.size(), i, error});
      chunk.out += '\n';
    }
  }

  // A line over kBigLineBytes (`data`, or when null read from the file now), evaluated by
  // the one Session for such lines, one at a time. False when it could not be read.
  bool evaluateBig(const char* data, const LineSpan& line, std::string& out, bool& ok, std::string& error,
                   std::string& readError) {
    std::lock_guard<std::mutex> lock(bigMutex_);
    std::string_view text;
    if (data) {
      text = withoutCr(data, line.length);
    } else {
      if (!preadExactly(fd_, line.offset, line.length, bigBuffer_, readError)) return false;
      text = withoutCr(bigBuffer_.data(), bigBuffer_.size());
    }
    if (!bigSession_) bigSession_ = std::make_unique<Session>(policy_);
    ok = bigSession_->evaluateJsonTo(entry_, text, options_, out, error);
    std::string().swap(bigBuffer_);
    return true;
  }

  std::shared_ptr<const Policy> policy_;
  const EntryType& entry_;
  const EvalOptions& options_;
  const size_t maxInFlight_;
  const int fd_;
  const uint64_t base_;
  const std::string tooLongMessage_;

  std::mutex m_;
  std::condition_variable work_, done_;
  std::deque<std::unique_ptr<Chunk>> queue_;
  std::map<uint64_t, std::unique_ptr<Chunk>> finished_;
  std::map<uint64_t, size_t> bytes_;  // the streamed input bytes of each chunk in flight
  std::vector<std::unique_ptr<Chunk>> spare_;
  uint64_t submitted_ = 0, nextWrite_ = 0, written_ = 0;
  size_t inFlight_ = 0, bytesInFlight_ = 0;
  bool closing_ = false;
  std::atomic<bool> workerFailed_{false};
  std::vector<std::thread> threads_;

  // Lines over kBigLineBytes.
  std::mutex bigMutex_;
  std::unique_ptr<Session> bigSession_;
  std::string bigBuffer_;

  // The writing thread's own.
  std::vector<std::unique_ptr<Chunk>> ready_;
  std::vector<iovec> iov_;
  std::vector<std::string> rendered_;
  uint64_t linesWritten_ = 0;
  bool writeFailed_ = false, anyInputError_ = false;
  int writeErrno_ = 0;
  std::string readError_;
};

// Whether a read of `fd` would return at once (always true for regular files).
bool inputReady(int fd) {
  pollfd p{fd, POLLIN, 0};
  return ::poll(&p, 1, 0) != 0;
}

// The calling thread reads lines into chunks (pipes, terminals).
void streamChunks(Pipeline& pipeline, int fd, const EvalOptions& options, std::string& readError) {
  LineReader reader(fd, options.maxInputBytes);
  auto chunk = pipeline.fresh();
  auto submit = [&] {
    if (chunk->lines.empty()) return;
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
  while (!pipeline.stopped() && reader.next(line, tooLong, beforeRead)) {
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
  readError = reader.readError();
}

uint64_t fileSize(int fd) {
  struct stat st;
  return ::fstat(fd, &st) == 0 ? uint64_t(st.st_size) : 0;
}

// The workers read byte ranges of a regular file from `base` on; a file that grew
// meanwhile is read to its new end.
void rangeChunks(Pipeline& pipeline, int fd, uint64_t base, uint64_t size) {
  for (uint64_t begin = base; !pipeline.stopped(); begin += kRangeBytes) {
    if (begin >= size && (size = fileSize(fd)) <= begin) break;
    auto chunk = pipeline.fresh();
    chunk->isRange = true;
    chunk->rangeBegin = begin;
    chunk->rangeEnd = begin + kRangeBytes;
    pipeline.submit(std::move(chunk));
  }
  pipeline.drain();
  ::lseek(fd, 0, SEEK_END);  // as if read to the end
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
  uint64_t base = 0, size = 0;
  bool ranges = regularFile(fd, base, size);
  if (ranges) ::posix_fadvise(fd, off_t(base), 0, POSIX_FADV_SEQUENTIAL);
  Pipeline pipeline(std::move(policy), entry, options, jobs, fd, base);
  std::string readError;
  if (ranges) rangeChunks(pipeline, fd, base, size);
  else streamChunks(pipeline, fd, options, readError);
  if (readError.empty()) readError = pipeline.readError();
  if (!readError.empty()) {
    std::fprintf(stderr, "gaic eval: reading input: %s\n", readError.c_str());
    return 1;
  }
  if (pipeline.stopped()) {
    std::fprintf(stderr, "gaic eval: writing output: %s\n", std::strerror(pipeline.writeErrno()));
    return 1;
  }
  if (pipeline.workerFailed()) {
    std::fprintf(stderr, "gaic eval: out of memory\n");
    return 1;
  }
  return pipeline.anyInputError() ? 1 : 0;
}

}  // namespace gai::driver
