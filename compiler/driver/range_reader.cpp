#include "range_reader.h"

#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>

namespace gai::driver {

namespace {

constexpr size_t kFirstExtendBytes = size_t(4) << 10;
constexpr size_t kMaxExtendBytes = size_t(1) << 20;

class RangeReader {
 public:
  RangeReader(int fd, uint64_t offset, size_t maxLineBytes, std::vector<char>& buffer,
              std::vector<LineSpan>& lines, std::string& error)
      : fd_(fd), readAt_(offset), maxLineBytes_(maxLineBytes), buffer_(buffer), lines_(lines), error_(error) {}

  // Reads `span` bytes; lines start at `first` (0, or after the first '\n') below `span`.
  bool run(size_t span, bool startsAtLine) {
    lines_.clear();
    most_ = span + maxLineBytes_ + kMaxExtendBytes;  // no doubling past what a range can need
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
    bool tooLong = length > maxLineBytes_;
    lines_.push_back(LineSpan{offset, tooLong ? 0 : length, tooLong});
  }

  // The line at `pos` runs past the bytes read: reads on to its '\n' or the end of the file.
  bool finishLast(size_t pos) {
    size_t grow = kFirstExtendBytes;
    for (;;) {
      if (eof_) {
        add(pos, size_ - pos);
        return true;
      }
      if (size_ - pos > maxLineBytes_) return skipLong(pos);
      size_t had = size_;
      if (!fill(grow)) return false;
      grow = std::min(grow * 2, kMaxExtendBytes);
      if (const char* nl = find(had)) {
        add(pos, size_t(nl - buffer_.data()) - pos);
        return true;
      }
    }
  }

  // The line at `pos` is longer than the limit: flagged, and read to its end without keeping it.
  bool skipLong(size_t pos) {
    lines_.push_back(LineSpan{pos, 0, true});
    for (;;) {
      size_ = pos;
      if (eof_) return true;
      if (!fill(kMaxExtendBytes)) return false;
      if (find(pos)) return true;
    }
  }

  // Appends up to `want` bytes from the file to the buffer; sets eof_ on a short read.
  bool fill(size_t want) {
    size_t need = size_ + want;
    if (buffer_.capacity() < need) buffer_.reserve(std::max(need, std::min(2 * buffer_.capacity(), most_)));
    if (buffer_.size() < need) buffer_.resize(need);
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
  uint64_t readAt_;
  size_t maxLineBytes_;
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

}  // namespace gai::driver
