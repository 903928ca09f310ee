// Preparing source bytes for ANTLR and mapping its code point indexes back to bytes.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "diagnostics/diagnostic.h"

namespace gai::syntax::detail {

struct PreparedText {
  std::string text;   // what the lexer sees: BOM removed, invalid bytes and NULs replaced
  uint32_t base = 0;  // byte offset in the file of text[0]
};

// Reports the first invalid UTF-8 sequence (E0006) and the first NUL byte (E0007), and
// replaces each offending byte by a space so the rest of the file still parses.
PreparedText prepareSource(std::string_view fileText, FileId file, DiagnosticSink& diags);

// Length of the valid UTF-8 sequence at s[i], or 0 when the bytes there are invalid.
size_t utf8SequenceLength(std::string_view s, size_t i);

// Maps code point indexes of a UTF-8 text (as ANTLR counts them) to file byte offsets.
class OffsetMap {
 public:
  OffsetMap(std::string_view text, uint32_t base);
  uint32_t base() const { return base_; }
  uint32_t byteOf(size_t codePointIndex) const {
    if (ascii_) return base_ + static_cast<uint32_t>(std::min(codePointIndex, size_));
    return base_ + table_[std::min(codePointIndex, table_.size() - 1)];
  }

 private:
  uint32_t base_;
  size_t size_;
  bool ascii_ = true;
  std::vector<uint32_t> table_;  // only for non-ASCII text; one entry per code point + end
};

}  // namespace gai::syntax::detail
