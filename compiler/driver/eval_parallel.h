// `gaic eval -j N` (N >= 2): N worker threads, each with its own Session, evaluate chunks of
// input lines; the calling thread hands out chunks and writes their outputs (writev, in
// input order, exactly one line per input line, byte-identical to -j 1). A regular file is
// cut into byte ranges of 256 KiB that the workers read themselves (range_reader.h): the
// calling thread neither reads nor copies input. Other input (a pipe, a terminal) is read
// by the calling thread into chunks of lines (about 256 KiB or 4,096 lines), and before it
// blocks on input that is not ready, every line read so far is answered and written, so a
// host feeding lines one by one gets each answer at once. Input-error lines are numbered
// when their chunk is written.
//
// Memory is bounded: at most 2N+2 chunks are in flight, a range chunk keeps at most about
// 1.5 MiB of input, the streamed chunks in flight hold at most 32 MiB of lines between them
// (one longer line may be in flight alone), and lines over 1 MiB (kBigLineBytes) are
// evaluated one at a time by one extra Session, so that only one JSON parser and one arena
// grow to the size of the longest line, not one per worker.
#pragma once

#include <memory>

#include "gai/gai.hpp"

namespace gai::driver {

// Evaluates every line of `fd`; returns the exit code (0, or 1 when a line was an input
// error, the input could not be read or the output not written).
int evalLinesParallel(int fd, std::shared_ptr<const Policy> policy, const EntryType& entry,
                      const EvalOptions& options, unsigned jobs);

}  // namespace gai::driver
