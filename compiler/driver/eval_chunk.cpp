#include "eval_chunk.h"

#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <climits>
#include <cstdio>
#include <cstring>

#include "core/decision.h"
#include "core/json_bind.h"

namespace gai::driver {

namespace {

std::string_view withoutCr(const char* data, size_t size) {
  if (size != 0 && data[size - 1] == '\r') --size;
  return std::string_view(data, size);
}

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

}  // namespace

void Chunk::reset() {
  if (input.capacity() > kKeptInputBytes) std::vector<char>().swap(input);
  if (out.capacity() > 2 * kKeptInputBytes) std::string().swap(out);
  input.clear();
  lines.clear();
  lineCount = 0;
  out.clear();
  errors.clear();
  readError.clear();
}

ChunkEvaluator::ChunkEvaluator(std::shared_ptr<const Policy> policy, const EntryType& entry,
                               const EvalOptions& options, int fd)
    : policy_(std::move(policy)), entry_(entry), options_(options), fd_(fd),
      tooLongMessage_(rt::inputTooLongMessage(options.maxInputBytes)) {}

void ChunkEvaluator::evaluate(Session& session, Chunk& chunk, const char* input, size_t inputBytes,
                              const std::vector<LineSpan>& lines) {
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
      PaddedJson json{withoutCr(input + line.offset, line.length), size_t(inputBytes - line.offset)};
      ok = session.evaluateJsonTo(entry_, json, options_, chunk.out, error);
    }
    if (!ok) chunk.errors.push_back(Chunk::Error{chunk.out.size(), i, error});
    chunk.out += '\n';
  }
}

// A line over kBigLineBytes (`data`, or when null read from the file now). False when it
// could not be read.
bool ChunkEvaluator::evaluateBig(const char* data, const LineSpan& line, std::string& out, bool& ok,
                                 std::string& error, std::string& readError) {
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

void ChunkWriter::write(const std::vector<std::unique_ptr<Chunk>>& ready) {
  try {
    splice(ready);
  } catch (...) {  // out of memory: nothing more is written
    writeErrno_ = ENOMEM;
    writeFailed_ = true;
    return;
  }
  if (!writeFailed_ && !writevAll(iov_)) {
    writeErrno_ = errno;
    writeFailed_ = true;
  }
}

void ChunkWriter::splice(const std::vector<std::unique_ptr<Chunk>>& ready) {
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
    if (!c->readError.empty()) {
      readError_ = c->readError;
      readFailed_ = true;
    }
  }
}

void ChunkWriter::addIov(const char* data, size_t size) {
  if (size != 0) iov_.push_back(iovec{const_cast<char*>(data), size});
}

int ChunkWriter::finish(std::string readError, bool outOfMemory) const {
  if (readError.empty()) readError = readError_;
  if (!readError.empty()) {
    std::fprintf(stderr, "gaic eval: reading input: %s\n", readError.c_str());
    return 1;
  }
  if (writeFailed_) {
    std::fprintf(stderr, "gaic eval: writing output: %s\n", std::strerror(writeErrno_));
    return 1;
  }
  if (outOfMemory) {
    std::fprintf(stderr, "gaic eval: out of memory\n");
    return 1;
  }
  return anyInputError_ ? 1 : 0;
}

}  // namespace gai::driver
