#include "format/writer.h"

#include <algorithm>

#include "diagnostics/source.h"

namespace gai::format {

// East Asian wide and fullwidth characters (Chinese text, most emoji) take two columns.
static bool wide(uint32_t cp) {
  return (cp >= 0x1100 && cp <= 0x115F) || (cp >= 0x2E80 && cp <= 0x303E) || (cp >= 0x3041 && cp <= 0x33FF) ||
         (cp >= 0x3400 && cp <= 0x4DBF) || (cp >= 0x4E00 && cp <= 0x9FFF) || (cp >= 0xA000 && cp <= 0xA4CF) ||
         (cp >= 0xAC00 && cp <= 0xD7A3) || (cp >= 0xF900 && cp <= 0xFAFF) || (cp >= 0xFE30 && cp <= 0xFE4F) ||
         (cp >= 0xFF00 && cp <= 0xFF60) || (cp >= 0xFFE0 && cp <= 0xFFE6) || (cp >= 0x1F300 && cp <= 0x1F64F) ||
         (cp >= 0x1F900 && cp <= 0x1F9FF) || (cp >= 0x20000 && cp <= 0x3FFFD);
}

int width(std::string_view text) {
  int columns = 0;
  for (size_t i = 0; i < text.size();) {
    auto c = static_cast<unsigned char>(text[i]);
    int length = c < 0x80 ? 1 : (c >> 5) == 0x6 ? 2 : (c >> 4) == 0xE ? 3 : (c >> 3) == 0x1E ? 4 : 1;
    if (i + length > text.size()) length = 1;
    uint32_t cp = c;
    if (length > 1) {
      cp = c & (0x7F >> length);
      for (int k = 1; k < length; ++k) cp = (cp << 6) | (static_cast<unsigned char>(text[i + k]) & 0x3F);
    }
    columns += wide(cp) ? 2 : 1;
    i += static_cast<size_t>(length);
  }
  return columns;
}

void append(Lines& head, Lines tail) {
  if (tail.empty()) return;
  if (head.empty()) {
    head = std::move(tail);
    return;
  }
  Line& last = head.back();
  last.text += tail.front().text;
  last.from = std::min(last.from, tail.front().from);
  last.to = std::max(last.to, tail.front().to);
  for (size_t i = 1; i < tail.size(); ++i) head.push_back(std::move(tail[i]));
}

void append(Lines& head, std::string_view text) {
  if (head.empty()) head.emplace_back();
  head.back().text += text;
}

Lines prefixed(std::string_view text, Lines lines) {
  if (lines.empty()) lines.emplace_back();
  lines.front().text.insert(0, text);
  return lines;
}

Writer::Writer(std::string_view source, const std::vector<ast::Comment>& comments)
    : source_(source) {
  for (const ast::Comment& comment : comments) comments_.push_back(&comment);
  std::sort(comments_.begin(), comments_.end(),
                   [](const ast::Comment* a, const ast::Comment* b) { return a->loc.offset < b->loc.offset; });
}

static bool isSpace(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\f'; }

bool Writer::ownLine(const ast::Comment& comment) const {
  uint32_t i = std::min<uint32_t>(comment.loc.offset, static_cast<uint32_t>(source_.size()));
  while (i > 0) {
    char c = source_[i - 1];
    if (c == '\n') return true;
    if (c != ' ' && c != '\t' && c != '\r' && c != '\f') return source_.substr(0, i) == "\xEF\xBB\xBF";
    --i;
  }
  return true;
}

bool Writer::blankBefore(uint32_t offset) const {
  uint32_t i = std::min<uint32_t>(offset, static_cast<uint32_t>(source_.size()));
  int newlines = 0;
  while (i > 0 && isSpace(source_[i - 1])) {
    if (source_[i - 1] == '\n') ++newlines;
    --i;
  }
  return newlines >= 2 && i > 0;
}

uint32_t Writer::skipTrivia(uint32_t offset) const {
  size_t i = offset;
  while (i < source_.size()) {
    if (isSpace(source_[i])) {
      ++i;
    } else if (source_.compare(i, 2, "//") == 0) {
      while (i < source_.size() && source_[i] != '\n') ++i;
    } else if (source_.compare(i, 2, "/*") == 0) {
      size_t end = source_.find("*/", i + 2);
      i = end == std::string_view::npos ? source_.size() : end + 2;
    } else {
      break;
    }
  }
  return static_cast<uint32_t>(i);
}

bool Writer::hasCommentIn(uint32_t from, uint32_t to) const {
  auto it = std::lower_bound(comments_.begin(), comments_.end(), from,
                             [](const ast::Comment* c, uint32_t at) { return c->loc.offset < at; });
  return it != comments_.end() && (*it)->loc.offset < to;
}

bool Writer::hasLineCommentIn(uint32_t from, uint32_t to) const {
  auto it = std::lower_bound(comments_.begin(), comments_.end(), from,
                             [](const ast::Comment* c, uint32_t at) { return c->loc.offset < at; });
  for (; it != comments_.end() && (*it)->loc.offset < to; ++it) {
    if ((*it)->kind != ast::Comment::Kind::Block) return true;
  }
  return false;
}

std::string Writer::commentText(const ast::Comment& comment) const {
  std::string text = comment.text;
  if (comment.kind != ast::Comment::Kind::Block) {
    while (!text.empty() && isSpace(text.back())) text.pop_back();
  }
  return text;
}

bool Writer::canTrail() const {
  if (out_.empty() || out_.back().code.empty()) return false;
  const Out& last = out_.back();
  const std::string& end = last.trailing.empty() ? last.code : last.trailing.back();
  if (end.compare(0, 2, "//") == 0) return false;
  return last.trailing.empty() || last.code.find('\n') == std::string::npos;
}

void Writer::trailOrOwnLine(const ast::Comment& comment, int col, bool ownLine) {
  if (!ownLine && canTrail()) {
    out_.back().trailing.push_back(commentText(comment));
    return;
  }
  if (blankBefore(comment.loc.offset)) blankLine();
  out_.push_back(Out{col, commentText(comment), {}});
}

void Writer::flushBefore(uint32_t offset, int col) {
  while (next_ < comments_.size() && comments_[next_]->loc.offset < offset) {
    const ast::Comment& comment = *comments_[next_++];
    trailOrOwnLine(comment, col, ownLine(comment));
  }
}

void Writer::flushTrailing(uint32_t offset) {
  while (next_ < comments_.size() && comments_[next_]->loc.offset < offset) {
    const ast::Comment& comment = *comments_[next_];
    if (ownLine(comment) || !canTrail()) return;
    out_.back().trailing.push_back(commentText(comment));
    ++next_;
  }
}

void Writer::blankLine() {
  if (out_.empty() || out_.back().code.empty()) return;
  const Out& last = out_.back();
  char end = last.code.back();
  if (end == '{' || end == '(' || end == '[') return;
  out_.push_back(Out{});
}

void Writer::emit(const Line& line, bool keepBlank) {
  uint32_t anchor = skipTrivia(line.from);
  flushBefore(anchor, line.commentCol < 0 ? line.col : line.commentCol);
  if (keepBlank && blankBefore(anchor)) blankLine();
  out_.push_back(Out{line.col, line.text, {}});
  while (next_ < comments_.size() && comments_[next_]->loc.offset < line.to) {
    trailOrOwnLine(*comments_[next_++], line.col, false);
  }
}

void Writer::emitAll(const Lines& lines, bool keepBlank) {
  for (size_t i = 0; i < lines.size(); ++i) emit(lines[i], keepBlank && i == 0);
}

// Trailing comments of consecutive lines start in one column.
void Writer::alignTrailing() {
  size_t i = 0;
  while (i < out_.size()) {
    auto alignable = [&](const Out& o) {
      return !o.trailing.empty() && o.code.find('\n') == std::string::npos &&
             o.trailing.front().find('\n') == std::string::npos;
    };
    if (!alignable(out_[i])) {
      ++i;
      continue;
    }
    size_t j = i;
    int column = 0;
    while (j < out_.size() && alignable(out_[j])) {
      column = std::max(column, out_[j].col + width(out_[j].code));
      ++j;
    }
    for (size_t k = i; k < j; ++k) {
      int pad = column - out_[k].col - width(out_[k].code);
      out_[k].code.append(static_cast<size_t>(pad), ' ');
    }
    i = j;
  }
}

std::string Writer::finish() {
  while (next_ < comments_.size()) {
    const ast::Comment& comment = *comments_[next_++];
    trailOrOwnLine(comment, 0, ownLine(comment));
  }
  while (!out_.empty() && out_.back().code.empty()) out_.pop_back();
  alignTrailing();
  std::string result;
  for (const Out& line : out_) {
    if (!line.code.empty()) {
      result.append(static_cast<size_t>(line.col), ' ');
      result += line.code;
      for (const std::string& comment : line.trailing) result += "  " + comment;
    }
    result += '\n';
  }
  return result;
}

}  // namespace gai::format
