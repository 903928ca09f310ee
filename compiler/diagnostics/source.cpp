#include "source.h"

#include <algorithm>

namespace gai {

Loc Loc::cover(Loc a, Loc b) {
  if (!a.valid()) return b;
  if (!b.valid() || a.file != b.file) return a;
  uint32_t begin = std::min(a.offset, b.offset);
  uint32_t end = std::max(a.end(), b.end());
  return Loc{a.file, begin, end - begin};
}

SourceFile::SourceFile(std::string path, std::string text)
    : path_(std::move(path)), text_(std::move(text)) {
  lineStarts_.push_back(0);
  for (uint32_t i = 0; i < text_.size(); ++i) {
    if (text_[i] == '\n') lineStarts_.push_back(i + 1);
  }
}

LineCol SourceFile::lineCol(uint32_t offset) const {
  offset = std::min<uint32_t>(offset, static_cast<uint32_t>(text_.size()));
  auto it = std::upper_bound(lineStarts_.begin(), lineStarts_.end(), offset);
  uint32_t lineIndex = static_cast<uint32_t>(it - lineStarts_.begin()) - 1;
  uint32_t start = lineStarts_[lineIndex];
  std::string_view prefix(text_.data() + start, offset - start);
  return LineCol{lineIndex + 1, countCodePoints(prefix) + 1};
}

std::string_view SourceFile::lineText(uint32_t line) const {
  if (line == 0 || line > lineStarts_.size()) return {};
  uint32_t start = lineStarts_[line - 1];
  uint32_t end = line < lineStarts_.size() ? lineStarts_[line] : static_cast<uint32_t>(text_.size());
  std::string_view text(text_.data() + start, end - start);
  while (!text.empty() && (text.back() == '\n' || text.back() == '\r')) text.remove_suffix(1);
  return text;
}

FileId SourceManager::add(std::string path, std::string text) {
  files_.push_back(std::make_unique<SourceFile>(std::move(path), std::move(text)));
  return static_cast<FileId>(files_.size() - 1);
}

std::string_view SourceManager::textOf(Loc loc) const {
  const std::string& text = file(loc.file).text();
  if (loc.offset >= text.size()) return {};
  return std::string_view(text).substr(loc.offset, loc.length);
}

uint32_t countCodePoints(std::string_view bytes) {
  uint32_t count = 0;
  for (unsigned char c : bytes) {
    if ((c & 0xC0) != 0x80) ++count;  // every byte that is not a continuation byte
  }
  return count;
}

}  // namespace gai
