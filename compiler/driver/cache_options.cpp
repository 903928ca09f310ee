#include "cache_options.h"

#include <CLI/CLI.hpp>

namespace gai::driver {

void addCacheOptions(CLI::App& cmd, std::string& cacheDir, bool& noCache) {
  CLI::Option* dir = cmd.add_option(
      "--cache-dir", cacheDir,
      "JIT object cache directory (default: $GAI_CACHE_DIR, else $XDG_CACHE_HOME/gai, else ~/.cache/gai)");
  cmd.add_flag("--no-cache", noCache, "Do not read or write the JIT object cache")->excludes(dir);
}

}  // namespace gai::driver
