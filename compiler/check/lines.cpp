#include "check/lines.h"

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <system_error>

namespace gai::check {

namespace fs = std::filesystem;

namespace {
bool within(const fs::path& root, const fs::path& path) {
  fs::path rel = path.lexically_relative(root);
  if (rel.empty()) return false;
  return *rel.begin() != "..";
}

bool isSpace(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\f' || c == '\v'; }

// The directory of the source file on disk.
fs::path sourceDir(const fs::path& root, const std::string& sourcePath) {
  std::error_code ec;
  fs::path p(sourcePath);
  if (p.is_absolute()) return p.parent_path();
  fs::path fromCwd = fs::absolute(p, ec).lexically_normal();
  if (!ec && fs::exists(fromCwd, ec)) {
    fs::path canon = fs::weakly_canonical(fromCwd, ec);
    if (!ec && within(root, canon)) return fromCwd.parent_path();
  }
  return (root / p).lexically_normal().parent_path();
}
}  // namespace

std::vector<std::string> splitKeywordLines(const std::string& content) {
  std::vector<std::string> out;
  size_t pos = content.compare(0, 3, "\xEF\xBB\xBF") == 0 ? 3 : 0;
  while (pos <= content.size()) {
    size_t end = content.find('\n', pos);
    if (end == std::string::npos) end = content.size();
    size_t b = pos, e = end;
    while (b < e && isSpace(content[b])) ++b;
    while (e > b && isSpace(content[e - 1])) --e;
    if (e > b && content[b] != '#') out.push_back(content.substr(b, e - b));
    pos = end + 1;
  }
  return out;
}

LinesResult readLinesFile(const std::string& rootDir, const std::string& sourcePath, const std::string& relPath) {
  LinesResult r;
  if (rootDir.empty()) {
    r.status = LinesResult::Status::Unreadable;
    r.message = "the bundle has no directory to read from";
    return r;
  }
  fs::path rel(relPath);
  if (rel.is_absolute()) {
    r.status = LinesResult::Status::Outside;
    r.message = "the path must be relative to the file";
    return r;
  }
  std::error_code ec;
  fs::path root = fs::weakly_canonical(fs::path(rootDir), ec);
  if (ec) root = fs::path(rootDir).lexically_normal();
  fs::path dir = sourceDir(root, sourcePath);
  fs::path lexical = (fs::absolute(dir, ec) / rel).lexically_normal();
  if (relPath.empty() || !within(root, lexical)) {
    r.status = LinesResult::Status::Outside;
    r.message = "the path leaves the bundle's root directory";
    return r;
  }
  if (!fs::exists(lexical, ec)) {
    r.status = LinesResult::Status::Unreadable;
    r.message = "no such file";
    return r;
  }
  fs::path canon = fs::canonical(lexical, ec);
  if (ec || !within(root, canon)) {
    r.status = LinesResult::Status::Outside;
    r.message = "it resolves through a symbolic link to a file outside the bundle's root directory";
    return r;
  }
  if (fs::is_directory(canon, ec)) {
    r.status = LinesResult::Status::Unreadable;
    r.message = "it is a directory";
    return r;
  }
  std::ifstream in(canon, std::ios::binary);
  if (!in) {
    r.status = LinesResult::Status::Unreadable;
    r.message = std::strerror(errno);
    return r;
  }
  std::ostringstream buf;
  buf << in.rdbuf();
  r.lines = splitKeywordLines(buf.str());
  return r;
}

}  // namespace gai::check
