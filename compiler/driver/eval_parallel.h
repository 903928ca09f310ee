// `gaic eval -j N` (N >= 2), with the output of -j 1 (exactly one line per input line, in
// input order, byte-identical). A regular file is cut into byte ranges that N threads, the
// calling one among them, read and evaluate themselves (eval_ranges.h). Other input (a
// pipe, a terminal) is read by the calling thread into chunks of lines (about 256 KiB or
// 4,096 lines) that N worker threads evaluate while it writes their outputs (writev, in
// input order); before it blocks on input that is not ready, every line read so far is
// answered and written, so a host feeding lines one by one gets each answer at once.
// Input-error lines are numbered when their chunk is written (eval_chunk.h).
//
// Memory is bounded: at most 2N+2 chunks are in flight (for a file, up to 64 finished
// ranges, holding only their outputs, while those total under 8 MiB), a range keeps at
// most about 1.5 MiB of input, the streamed chunks in flight hold at most 32 MiB of lines between them
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
