// lines("path"): reading a keyword file at compile time, confined to the bundle root.
#pragma once

#include <string>
#include <vector>

namespace gai::check {

struct LinesResult {
  enum class Status : uint8_t { Ok, Outside, Unreadable } status = Status::Ok;
  std::string message;             // why, for Outside and Unreadable
  std::vector<std::string> lines;  // Ok: trimmed, without empty and `#` lines, in file order
};

// `relPath` is relative to the directory of the source file `sourcePath` (as shown in
// diagnostics: absolute, relative to the working directory, or relative to `rootDir`).
// Absolute paths, paths whose normal form leaves `rootDir`, and paths that resolve
// (through symbolic links) outside it are Outside. An empty `rootDir` reads nothing.
LinesResult readLinesFile(const std::string& rootDir, const std::string& sourcePath, const std::string& relPath);

// Splits file content into lines: a leading UTF-8 BOM skipped, LF or CRLF, each line
// trimmed of ASCII white space, empty lines and lines starting with '#' dropped.
std::vector<std::string> splitKeywordLines(const std::string& content);

}  // namespace gai::check
