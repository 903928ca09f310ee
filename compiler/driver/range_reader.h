// Reading the lines of a byte range of a regular file for `gaic eval -j N`: each worker reads
// its own range with pread, so the calling thread neither reads nor copies lines. A line
// belongs to the range it starts in (it starts at the file's first byte or after a '\n');
// the last one is read on past the range's end to its '\n' or the end of the file. Every
// byte of the file thus belongs to exactly one range's lines, and the lines are those
// LineReader gives: a final line without '\n' counts, a line longer than the limit is
// flagged. Memory per range is bounded whatever the file holds: a line is kept in the
// buffer only up to kBigLineBytes; a longer one is scanned to its end in small blocks, then
// either flagged too long or left in the file (Big: the caller reads it when it needs it).
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

namespace gai::driver {

constexpr size_t kBigLineBytes = size_t(1) << 20;

struct LineSpan {
  enum Kind : uint8_t { Kept, TooLong, Big };
  uint64_t offset;  // Kept: in the chunk's buffer; Big: in the file
  size_t length;    // the bytes before its '\n' (a CR included); 0 when TooLong
  Kind kind;
};

// The lines of `fd` (a regular file, read with pread from `base` on) that start in
// [begin, end), into `buffer` (grown as needed, its size never shrunk) and `lines` (cleared
// first). The buffer holds at least kJsonPadding bytes after every line (gai::PaddedJson:
// a line is parsed in place). False on a read error (`error` says why); the lines read
// before it stay.
bool readRangeLines(int fd, uint64_t base, uint64_t begin, uint64_t end, size_t maxLineBytes,
                    std::vector<char>& buffer, std::vector<LineSpan>& lines, std::string& error);

// Reads `size` bytes at `offset` of `fd` into `out` (resized); false on an error or a short
// read (`error` says why).
bool preadExactly(int fd, uint64_t offset, size_t size, std::string& out, std::string& error);

}  // namespace gai::driver
