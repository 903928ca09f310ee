// `gaic eval -j N` of a regular file: the file is cut into byte ranges of kRangeBytes
// (range_reader.h: a line belongs to the range it starts in). N threads, the calling one
// among them, each with its own Session and input buffer, claim the next range in order,
// read it with pread, evaluate its lines, and hand in the output; whichever thread hands in
// the range that is next to be written writes it, and every finished one after it, with
// one writev. No thread only waits on the others: a thread sleeps only when it is too far
// ahead of the next range to write (2N+2 ranges, or up to 64 while the outputs waiting
// total under 8 MiB), or at the end. Output and exit code are those of -j 1.
#pragma once

#include <cstdint>

#include "eval_chunk.h"

namespace gai::driver {

constexpr uint64_t kRangeBytes = uint64_t(256) << 10;

// Evaluates the lines of `fd` from `base` on (`size` bytes when started; a file that grew
// meanwhile is read to its new end) on `jobs` threads. True when a thread ran out of memory.
bool evalRanges(ChunkEvaluator& evaluator, ChunkWriter& writer, int fd, uint64_t base, uint64_t size, unsigned jobs);

}  // namespace gai::driver
