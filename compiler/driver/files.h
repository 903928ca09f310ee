// File-system helpers of the driver.
#pragma once

#include <string>
#include <vector>

namespace gai::driver {

// Reads a whole file; on failure returns false and sets `error` to the reason.
bool readFile(const std::string& path, std::string& text, std::string& error);

// Replaces a file's contents through a temporary file beside it and a rename, keeping
// the file's permissions (through a symlink, its target is rewritten). On failure returns
// false and sets `error`.
bool writeFileAtomically(const std::string& path, const std::string& text, std::string& error);

// Reads standard input to its end.
std::string readStdin();

// The .gai files a path names: the file itself, or every .gai file under a directory,
// recursively, in byte order of their paths. Returns false with `error` set when the path
// cannot be read.
bool gaiFilesOf(const std::string& path, std::vector<std::string>& files, std::string& error);

}  // namespace gai::driver
