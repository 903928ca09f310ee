// `gaic eval -j N` (N >= 2): N worker threads, each with its own Session, evaluate chunks of
// input lines; the calling thread reads and writes. Output is in input order, exactly one
// line per input line, byte-identical to -j 1. Memory is bounded: at most 2N+2 chunks (each
// about 256 KiB of lines, plus their output) exist at once. Before blocking on input that
// is not ready (a pipe), every line read so far is answered and written, so a host feeding
// lines one by one gets each answer at once.
#pragma once

#include <memory>

#include "gai/gai.hpp"

namespace gai::driver {

class LineReader;

// Evaluates every line of `reader`; returns the exit code (0, or 1 when a line was an input
// error, the input could not be read or the output not written).
int evalLinesParallel(LineReader& reader, std::shared_ptr<const Policy> policy, const EntryType& entry,
                      const EvalOptions& options, unsigned jobs);

}  // namespace gai::driver
