// Reading the lines of a byte range of a regular file for `gaic eval -j N`: each worker reads
// its own range with pread, so the calling thread neither reads nor copies lines. A line
// belongs to the range it starts in (it starts at the file's first byte or after a '\n');
// the last one is read on past the range's end to its '\n' or the end of the file. Every
// byte of the file thus belongs to exactly one range's lines, and the lines are those
// LineReader gives: a final line without '\n' counts, a line longer than the limit is
// skipped to its end and flagged.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

namespace gai::driver {

struct LineSpan {
  size_t offset, length;  // within the chunk's buffer; length 0 when tooLong
  bool tooLong;
};

// The lines of `fd` (a regular file, read with pread from `base` on) that start in
// [begin, end), into `buffer` (grown as needed, never shrunk) and `lines` (cleared first).
// False on a read error (`error` says why); the lines read before it stay.
bool readRangeLines(int fd, uint64_t base, uint64_t begin, uint64_t end, size_t maxLineBytes,
                    std::vector<char>& buffer, std::vector<LineSpan>& lines, std::string& error);

}  // namespace gai::driver
