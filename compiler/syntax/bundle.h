// A bundle: the .gai files compiled together, parsed, in path order.
#pragma once

#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "diagnostics/diagnostic.h"
#include "syntax/ast.h"
#include "syntax/parse.h"

namespace gai::syntax {

struct BundleRoot {
  std::string dir;  // absolute, canonical directory; lines() may not leave it
};

struct Bundle {
  SourceManager sources;
  std::vector<BundleRoot> roots;
  // Parsed files in path order (byte order of paths relative to their root; roots in the
  // order given). Each file's FileId indexes `sources`; `fileRoot[i]` indexes `roots`.
  std::vector<std::unique_ptr<ast::File>> files;
  std::vector<uint32_t> fileRoot;
  uint64_t sourceBytes = 0;  // of all files read, against ParseLimits::maxBundleBytes
};

// Loads every .gai file under each path (a directory, searched recursively, or a single
// file, whose directory becomes its root). All paths form one program. Paths shown in
// diagnostics are as given on the command line joined with the relative path.
// I/O problems are diagnostics (E0601, E0602); never throws.
std::unique_ptr<Bundle> loadBundle(const std::vector<std::string>& paths, DiagnosticSink& diags,
                                   const ParseLimits& limits = {});

// An in-memory bundle: (path, text) pairs; `rootDir` is used for lines() (may be empty:
// then lines() is an error).
std::unique_ptr<Bundle> parseBundle(std::vector<std::pair<std::string, std::string>> sources,
                                    const std::string& rootDir, DiagnosticSink& diags,
                                    const ParseLimits& limits = {});

}  // namespace gai::syntax
