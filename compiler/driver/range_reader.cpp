#include "range_reader.h"

#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>

#include "gai/gai.hpp"

namespace gai::driver {

namespace {

constexpr size_t kFirstExtendBytes = size_t(4) << 10;
constexpr size_t kMaxExtendBytes = size_t(256) << 10;
constexpr size_t kScanBytes = size_t(64) << 10;

class RangeReader {
 public:
  RangeReader(int fd, uint64_t offset, size_t maxLineBytes, std::vector<char>& buffer,
              std::vector<LineSpan>& lines, std::string& error)
      : fd_(fd), start_(offset), readAt_(offset), maxLineBytes_(maxLineBytes),
        keepBytes_(std::min(maxLineBytes, kBigLineBytes)), buffer_(buffer), lines_(lines), error_(error) {}

  // Reads `span` bytes; lines start at 0 (`startsAtLine`) or after the first '\n', below `span`.
  bool run(size_t span, bool startsAtLine) {
    lines_.clear();
    most_ = span + keepBytes_ + kMaxExtendBytes;
    if (!fill(span)) return false;
    size_t pos = 0;
    if (!startsAtLine) {
      const char* nl = find(0);
      if (!nl) return true;  // no line starts in the range
      pos = size_t(nl - buffer_.data()) + 1;
    }
    while (pos < span && pos < size_) {
      const char* nl = find(pos);
      if (!nl) return finishLast(pos);
      size_t end = size_t(nl - buffer_.data());
      add(pos, end - pos);
      pos = end + 1;
    }
    return true;
  }

 private:
  const char* find(size_t from) const {
    return static_cast<const char*>(std::memchr(buffer_.data() + from, '\n', size_ - from));
  }

  void add(size_t offset, size_t length) {
    if (length > maxLineBytes_) lines_.push_back(LineSpan{offset, 0, LineSpan::TooLong});
    else lines_.push_back(LineSpan{offset, length, LineSpan::Kept});
  }

  // The line at `pos` runs past the bytes read: reads on to its '\n' or the end of the file,
  // keeping at most keepBytes_ of it.
  bool finishLast(size_t pos) {
    size_t grow = kFirstExtendBytes;
    for (;;) {
      if (eof_) {
        add(pos, size_ - pos);
        return true;
      }
      if (size_ - pos > keepBytes_) return leaveLong(pos);
      size_t had = size_;
      if (!fill(grow)) return false;
      grow = std::min(grow * 2, kMaxExtendBytes);
      if (const char* nl = find(had)) {
        add(pos, size_t(nl - buffer_.data()) - pos);
        return true;
      }
    }
  }

  // The line at `pos` is longer than the buffer keeps: its bytes are dropped and the rest
  // is scanned for its end in small blocks; then it is flagged too long or left in the file.
  bool leaveLong(size_t pos) {
    uint64_t lineStart = start_ + pos;
    uint64_t length = size_ - pos;
    size_ = pos;
    while (!eof_) {
      size_t got = 0;
      if (!scan(pos, got)) return false;
      const char* block = buffer_.data() + pos;
      if (const char* nl = static_cast<const char*>(std::memchr(block, '\n', got))) {
        length += uint64_t(nl - block);
        break;
      }
      length += got;
    }
    if (length > maxLineBytes_) lines_.push_back(LineSpan{pos, 0, LineSpan::TooLong});
    else lines_.push_back(LineSpan{lineStart, size_t(length), LineSpan::Big});
    return true;
  }

  // Reads up to kScanBytes into the buffer at `at` without keeping them (size_ stays).
  bool scan(size_t at, size_t& got) {
    reserve(at + kScanBytes);
    for (;;) {
      ssize_t n = ::pread(fd_, buffer_.data() + at, kScanBytes, off_t(readAt_));
      if (n < 0 && errno == EINTR) continue;
      if (n < 0) {
        error_ = std::strerror(errno);
        eof_ = true;
        return false;
      }
      eof_ = n == 0;
      got = size_t(n);
      readAt_ += got;
      return true;
    }
  }

  // Room for `need` bytes and kJsonPadding after them.
  void reserve(size_t need) {
    need += kJsonPadding;
    if (buffer_.capacity() < need) buffer_.reserve(std::max(need, std::min(2 * buffer_.capacity(), most_)));
    if (buffer_.size() < need) buffer_.resize(need);
  }

  // Appends up to `want` bytes from the file to the buffer; sets eof_ on a short read.
  bool fill(size_t want) {
    reserve(size_ + want);
    size_t got = 0;
    while (got < want) {
      ssize_t n = ::pread(fd_, buffer_.data() + size_ + got, want - got, off_t(readAt_ + got));
      if (n < 0 && errno == EINTR) continue;
      if (n < 0) {
        error_ = std::strerror(errno);
        eof_ = true;
        size_ += got;
        return false;
      }
      if (n == 0) {
        eof_ = true;
        break;
      }
      got += size_t(n);
    }
    size_ += got;
    readAt_ += got;
    return true;
  }

  int fd_;
  uint64_t start_;   // the file offset of buffer_[0]
  uint64_t readAt_;  // the file offset of the next read
  size_t maxLineBytes_, keepBytes_;
  std::vector<char>& buffer_;
  std::vector<LineSpan>& lines_;
  std::string& error_;
  size_t size_ = 0;  // bytes of buffer_ holding file data
  size_t most_ = 0;
  bool eof_ = false;
};

}  // namespace

bool readRangeLines(int fd, uint64_t base, uint64_t begin, uint64_t end, size_t maxLineBytes,
                    std::vector<char>& buffer, std::vector<LineSpan>& lines, std::string& error) {
  // Byte begin-1 says whether a line starts at `begin`.
  bool atBase = begin <= base;
  uint64_t from = atBase ? base : begin - 1;
  RangeReader reader(fd, from, maxLineBytes, buffer, lines, error);
  return reader.run(size_t(end - from), atBase);
}

bool preadExactly(int fd, uint64_t offset, size_t size, std::string& out, std::string& error) {
  out.resize(size);
  size_t got = 0;
  while (got < size) {
    ssize_t n = ::pread(fd, out.data() + got, size - got, off_t(offset + got));
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) {
      error = n < 0 ? std::strerror(errno) : "the input file shrank while it was read";
      return false;
    }
    got += size_t(n);
  }
  return true;
}

}  // namespace gai::driver
