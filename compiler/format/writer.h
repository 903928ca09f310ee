// Output lines of the formatter and the placement of comments between them.
//
// Every element printed on a line carries the source span it came from. Comments that
// end before a line's span are flushed before it: a comment that followed code on its
// source line trails the previous output line, any other comment gets a line of its own.
// Comments inside a line's span trail that line. Whatever is left is flushed at the end,
// so each comment is printed exactly once, in source order.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "syntax/ast.h"

namespace gai::format {

// One output line (or, inside a layout, a piece of one).
struct Line {
  int col = 0;          // indentation
  std::string text;
  uint32_t from = 0;    // source span of what the line prints
  uint32_t to = 0;
  int commentCol = -1;  // indentation of comments flushed before it; -1: `col`
};
using Lines = std::vector<Line>;

// Width in columns (code points).
int width(std::string_view text);

// Appends `tail` to the last line of `head` (its first line continues that line).
void append(Lines& head, Lines tail);
void append(Lines& head, std::string_view text);
Lines prefixed(std::string_view text, Lines lines);

class Writer {
 public:
  Writer(std::string_view source, const std::vector<ast::Comment>& comments);

  // Emits `line` after the comments that precede it; with `keepBlank`, one blank line
  // is kept when the source had one before it.
  void emit(const Line& line, bool keepBlank);
  void emitAll(const Lines& lines, bool keepBlank);
  // Comments before `offset` that followed code on their line: they trail the last line.
  void flushTrailing(uint32_t offset);
  // At most one blank line; never first, never right after a line that opens a block.
  void blankLine();
  // True when a comment starts in [from, to).
  bool hasCommentIn(uint32_t from, uint32_t to) const;
  // True when a `//` or `///` comment starts in [from, to).
  bool hasLineCommentIn(uint32_t from, uint32_t to) const;
  // The first offset at or after `offset` that is not white space or a comment.
  uint32_t skipTrivia(uint32_t offset) const;
  std::string finish();
  std::string_view source() const { return source_; }

 private:
  struct Out {
    int col = 0;
    std::string code;                   // empty: a blank line
    std::vector<std::string> trailing;  // comments after the code
  };

  void flushBefore(uint32_t offset, int col);
  void trailOrOwnLine(const ast::Comment& comment, int col, bool ownLine);
  bool ownLine(const ast::Comment& comment) const;
  bool blankBefore(uint32_t offset) const;
  bool canTrail() const;
  std::string commentText(const ast::Comment& comment) const;
  void alignTrailing();

  std::string_view source_;
  std::vector<const ast::Comment*> comments_;  // sorted by offset
  size_t next_ = 0;
  std::vector<Out> out_;
};

}  // namespace gai::format
