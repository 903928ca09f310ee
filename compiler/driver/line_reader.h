// Reading JSON lines for `gaic eval`: lines of any length from a file descriptor in fixed
// blocks, a line kept only up to the binder's document limit.
#pragma once

#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <string>
#include <vector>

namespace gai::driver {

constexpr size_t kBlockBytes = 1 << 16;
constexpr size_t kMaxLineBytes = size_t(16) << 20;  // the binder's document limit
constexpr size_t kFlushBytes = 1 << 16;

class LineReader {
 public:
  // Lines longer than `maxLineBytes` are cut (next() says `tooLong`).
  explicit LineReader(int fd, size_t maxLineBytes = kMaxLineBytes)
      : fd_(fd), maxLineBytes_(maxLineBytes), block_(kBlockBytes) {}

  // The next line without its '\n' (a final line without one counts). False at the end or
  // on a read error (readError() then says why). `tooLong` when the line exceeded
  // the reader's limit: `line` then holds only its start. `beforeRead()` runs before each read.
  template <typename BeforeRead>
  bool next(std::string& line, bool& tooLong, BeforeRead beforeRead) {
    line.clear();
    tooLong = false;
    bool any = false;
    for (;;) {
      if (pos_ == end_) {
        if (eof_) return any;
        beforeRead();
        if (!fill()) return any;
        continue;
      }
      any = true;
      const char* start = block_.data() + pos_;
      const char* nl = static_cast<const char*>(std::memchr(start, '\n', end_ - pos_));
      size_t n = nl ? size_t(nl - start) : end_ - pos_;
      append(line, tooLong, start, n);
      pos_ += n;
      if (nl) {
        ++pos_;
        return true;
      }
    }
  }

  const std::string& readError() const { return readError_; }
  int fd() const { return fd_; }

 private:
  void append(std::string& line, bool& tooLong, const char* data, size_t n) const {
    if (tooLong) return;
    if (line.size() + n > maxLineBytes_) {
      tooLong = true;
      return;
    }
    line.append(data, n);
  }

  bool fill() {
    for (;;) {
      ssize_t got = ::read(fd_, block_.data(), block_.size());
      if (got < 0 && errno == EINTR) continue;
      if (got < 0) readError_ = std::strerror(errno);
      if (got <= 0) {
        eof_ = true;
        return false;
      }
      pos_ = 0;
      end_ = size_t(got);
      return true;
    }
  }

  int fd_;
  size_t maxLineBytes_;
  std::vector<char> block_;
  size_t pos_ = 0, end_ = 0;
  bool eof_ = false;
  std::string readError_;
};

// Writes all of `out` to standard output.
bool writeAll(const std::string& out);

}  // namespace gai::driver
