// What `gaic eval -j N`'s two ways of feeding threads share (eval_parallel.cpp: chunks of
// lines read from a pipe; eval_ranges.cpp: byte ranges of a regular file): a chunk of
// lines and its output, evaluating a chunk's lines exactly as -j 1 does, and writing
// finished chunks in input order with their input errors numbered then.
#pragma once

#include <sys/uio.h>

#include <atomic>
#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "gai/gai.hpp"
#include "range_reader.h"

namespace gai::driver {

constexpr size_t kKeptInputBytes = size_t(2) << 20;  // a reused chunk's input buffer

struct Chunk {
  struct Error {
    size_t outOffset;  // where its JSON goes in `out`
    size_t line;       // index in the chunk's lines
    std::string message;
  };
  uint64_t seq = 0;
  uint64_t rangeBegin = 0, rangeEnd = 0;  // a range: the lines starting in [rangeBegin, rangeEnd)
  std::vector<char> input;                // streamed: the lines back to back
  std::vector<LineSpan> lines;            // streamed: the lines in `input`
  size_t lineCount = 0;                   // the lines evaluated
  std::string out;                        // the output lines, input errors left out (see Error)
  std::vector<Error> errors;
  std::string readError;

  // Empties it for reuse, keeping the buffers' capacity (no page faults on every chunk)
  // unless a long line grew them.
  void reset();
};

// Evaluates the lines of chunks; shared by the threads, each with its own Session. Lines
// over kBigLineBytes are evaluated by one extra Session, one at a time.
class ChunkEvaluator {
 public:
  // `fd`: the file Big lines are read from.
  ChunkEvaluator(std::shared_ptr<const Policy> policy, const EntryType& entry, const EvalOptions& options, int fd);

  const std::shared_ptr<const Policy>& policy() const { return policy_; }
  const EvalOptions& options() const { return options_; }

  // Exactly what the single-threaded loop does per line, but for numbering input errors.
  // `inputBytes` are readable from `input`: a line followed by kJsonPadding of them is
  // parsed where it is. A Big line that cannot be read ends the chunk there
  // (chunk.readError). Throws only std::bad_alloc.
  void evaluate(Session& session, Chunk& chunk, const char* input, size_t inputBytes,
                const std::vector<LineSpan>& lines);

 private:
  bool evaluateBig(const char* data, const LineSpan& line, std::string& out, bool& ok, std::string& error,
                   std::string& readError);

  std::shared_ptr<const Policy> policy_;
  const EntryType& entry_;
  const EvalOptions& options_;
  const int fd_;
  const std::string tooLongMessage_;

  std::mutex bigMutex_;
  std::unique_ptr<Session> bigSession_;
  std::string bigBuffer_;
};

// Writes finished chunks to standard output, in input order, one thread at a time.
class ChunkWriter {
 public:
  // One writev of the chunks' outputs with their input errors, numbered now, spliced in.
  // Out of memory counts as a failed write. Throws nothing.
  void write(const std::vector<std::unique_ptr<Chunk>>& ready);

  // No more input is worth evaluating: the output failed or a read did.
  bool stopped() const { return writeFailed_ || readFailed_; }
  // The exit code once every chunk was written; `readError` (a streamed read's) or a
  // chunk's read error, a failed write or `outOfMemory` is reported on stderr.
  int finish(std::string readError, bool outOfMemory) const;

 private:
  void splice(const std::vector<std::unique_ptr<Chunk>>& ready);
  void addIov(const char* data, size_t size);

  std::vector<iovec> iov_;
  std::vector<std::string> rendered_;
  uint64_t linesWritten_ = 0;
  bool anyInputError_ = false;
  int writeErrno_ = 0;
  std::string readError_;
  std::atomic<bool> writeFailed_{false}, readFailed_{false};
};

}  // namespace gai::driver
