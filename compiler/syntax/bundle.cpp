#include "syntax/bundle.h"

#include <algorithm>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>

namespace gai::syntax {

namespace fs = std::filesystem;

namespace {

struct FoundFile {
  std::string relative;  // to the root, '/'-separated; the sort key
  std::string display;   // as shown in diagnostics
  fs::path path;
};

bool isInside(const fs::path& root, const fs::path& p) {
  auto r = root.begin();
  auto q = p.begin();
  for (; r != root.end(); ++r, ++q)
    if (q == p.end() || *r != *q) return false;
  return true;
}

std::string joinDisplay(const std::string& given, const std::string& relative) {
  if (given.empty() || given == ".") return relative;
  return given.back() == '/' ? given + relative : given + "/" + relative;
}

// Every regular *.gai file under `root`; directory symlinks are not followed, file
// symlinks only when they stay inside the root.
std::vector<FoundFile> walk(const fs::path& root, const std::string& given, DiagnosticSink& diags) {
  std::vector<FoundFile> found;
  std::error_code ec;
  fs::recursive_directory_iterator it(root, fs::directory_options::skip_permission_denied, ec);
  if (ec) {
    diags.emit(DiagId::CannotRead, Loc{}, given, ec.message());
    return found;
  }
  for (fs::recursive_directory_iterator end; it != end; it.increment(ec)) {
    if (ec) {
      diags.emit(DiagId::CannotRead, Loc{}, given, ec.message());
      break;
    }
    const fs::directory_entry& entry = *it;
    if (entry.path().extension() != ".gai") continue;
    std::error_code fec;
    if (!entry.is_regular_file(fec)) continue;
    if (entry.is_symlink(fec)) {
      fs::path target = fs::weakly_canonical(entry.path(), fec);
      if (fec || !isInside(root, target)) continue;
    }
    std::string relative = entry.path().lexically_relative(root).generic_string();
    found.push_back(FoundFile{relative, joinDisplay(given, relative), entry.path()});
  }
  std::sort(found.begin(), found.end(), [](const FoundFile& a, const FoundFile& b) { return a.relative < b.relative; });
  return found;
}

bool readFile(const fs::path& path, const std::string& display, std::string& text, DiagnosticSink& diags) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    diags.emit(DiagId::CannotRead, Loc{}, display, std::strerror(errno));
    return false;
  }
  std::ostringstream buffer;
  buffer << in.rdbuf();
  if (in.bad()) {
    diags.emit(DiagId::CannotRead, Loc{}, display, "read error");
    return false;
  }
  text = buffer.str();
  return true;
}

// Reports E0904 once, at the first file that would take the bundle past its limit.
bool withinBundleLimit(Bundle& bundle, const std::string& display, uint64_t size, DiagnosticSink& diags,
                       const ParseLimits& limits) {
  if (bundle.sourceBytes + size <= limits.maxBundleBytes) return true;
  if (bundle.sourceBytes <= limits.maxBundleBytes) {
    FileId id = bundle.sources.add(display, "");
    diags.emit(DiagId::BundleTooLarge, Loc{id, 0, 0}, limits.maxBundleBytes)
        .withHelp("raise the limit with --max-bundle-bytes (CompileOptions::maxBundleBytes)");
    bundle.sourceBytes = limits.maxBundleBytes + 1;
  }
  return false;
}

void addFile(Bundle& bundle, uint32_t root, const FoundFile& f, DiagnosticSink& diags, const ParseLimits& limits) {
  std::error_code ec;
  uintmax_t size = fs::file_size(f.path, ec);
  if (!ec && size > limits.maxSourceBytes) {
    FileId id = bundle.sources.add(f.display, "");
    diags.emit(DiagId::SourceTooLarge, Loc{id, 0, 0}, static_cast<uint64_t>(size), limits.maxSourceBytes);
    return;
  }
  if (!ec && !withinBundleLimit(bundle, f.display, size, diags, limits)) return;
  std::string text;
  if (!readFile(f.path, f.display, text, diags)) return;
  if (!withinBundleLimit(bundle, f.display, text.size(), diags, limits)) return;
  bundle.sourceBytes += text.size();
  FileId id = bundle.sources.add(f.display, std::move(text));
  bundle.files.push_back(parseFile(bundle.sources, id, diags, limits));
  bundle.fileRoot.push_back(root);
}

void loadPath(Bundle& bundle, const std::string& given, DiagnosticSink& diags, const ParseLimits& limits) {
  std::error_code ec;
  fs::path path(given);
  fs::file_status status = fs::status(path, ec);
  if (ec || !fs::exists(status)) {
    diags.emit(DiagId::CannotRead, Loc{}, given, ec ? ec.message() : "no such file or directory");
    return;
  }
  if (fs::is_directory(status)) {
    fs::path root = fs::canonical(path, ec);
    if (ec) {
      diags.emit(DiagId::CannotRead, Loc{}, given, ec.message());
      return;
    }
    std::vector<FoundFile> files = walk(root, given, diags);
    if (files.empty()) {
      diags.emit(DiagId::NoSources, Loc{}, given);
      return;
    }
    auto rootIndex = static_cast<uint32_t>(bundle.roots.size());
    bundle.roots.push_back(BundleRoot{root.string()});
    for (const FoundFile& f : files) addFile(bundle, rootIndex, f, diags, limits);
    return;
  }
  fs::path canonical = fs::canonical(path, ec);
  if (ec) {
    diags.emit(DiagId::CannotRead, Loc{}, given, ec.message());
    return;
  }
  auto rootIndex = static_cast<uint32_t>(bundle.roots.size());
  bundle.roots.push_back(BundleRoot{canonical.parent_path().string()});
  addFile(bundle, rootIndex, FoundFile{canonical.filename().string(), given, path}, diags, limits);
}

}  // namespace

std::unique_ptr<Bundle> loadBundle(const std::vector<std::string>& paths, DiagnosticSink& diags,
                                   const ParseLimits& limits) {
  auto bundle = std::make_unique<Bundle>();
  try {
    for (const std::string& p : paths) loadPath(*bundle, p, diags, limits);
  } catch (std::exception& e) {
    diags.emit(DiagId::CannotRead, Loc{}, paths.empty() ? "" : paths.front(), e.what());
  }
  return bundle;
}

std::unique_ptr<Bundle> parseBundle(std::vector<std::pair<std::string, std::string>> sources,
                                    const std::string& rootDir, DiagnosticSink& diags, const ParseLimits& limits) {
  auto bundle = std::make_unique<Bundle>();
  bundle->roots.push_back(BundleRoot{rootDir});
  std::stable_sort(sources.begin(), sources.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
  for (auto& [path, text] : sources) {
    if (!withinBundleLimit(*bundle, path, text.size(), diags, limits)) continue;
    bundle->sourceBytes += text.size();
    FileId id = bundle->sources.add(path, std::move(text));
    bundle->files.push_back(parseFile(bundle->sources, id, diags, limits));
    bundle->fileRoot.push_back(0);
  }
  return bundle;
}

}  // namespace gai::syntax
