// Source files of a bundle and positions in them.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace gai {

using FileId = uint32_t;
constexpr FileId kNoFile = UINT32_MAX;

// A span of source text: byte offset and byte length within one file.
struct Loc {
  FileId file = kNoFile;
  uint32_t offset = 0;
  uint32_t length = 0;

  bool valid() const { return file != kNoFile; }
  uint32_t end() const { return offset + length; }
  // The smallest span covering both (same file assumed).
  static Loc cover(Loc a, Loc b);
};

// Line and column, both 1-based; the column counts code points.
struct LineCol {
  uint32_t line = 0;
  uint32_t column = 0;
};

class SourceFile {
 public:
  SourceFile(std::string path, std::string text);

  const std::string& path() const { return path_; }
  const std::string& text() const { return text_; }
  LineCol lineCol(uint32_t offset) const;
  // The text of a 1-based line, without its line terminator.
  std::string_view lineText(uint32_t line) const;
  uint32_t lineCount() const { return static_cast<uint32_t>(lineStarts_.size()); }

 private:
  std::string path_;  // as shown to users (relative to the bundle root when known)
  std::string text_;
  std::vector<uint32_t> lineStarts_;
};

// Owns every source file of a compilation. Locations refer into it by FileId.
class SourceManager {
 public:
  FileId add(std::string path, std::string text);
  const SourceFile& file(FileId id) const { return *files_[id]; }
  size_t size() const { return files_.size(); }
  LineCol lineCol(Loc loc) const { return file(loc.file).lineCol(loc.offset); }
  std::string_view textOf(Loc loc) const;

 private:
  std::vector<std::unique_ptr<SourceFile>> files_;
};

// Number of code points in a UTF-8 byte range; invalid bytes count one each.
uint32_t countCodePoints(std::string_view bytes);

}  // namespace gai
