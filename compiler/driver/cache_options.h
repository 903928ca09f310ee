// The JIT object cache flags of the commands that JIT (eval, test).
#pragma once

#include <string>

namespace CLI {
class App;
}

namespace gai::driver {

// --cache-dir DIR (default: $GAI_CACHE_DIR, else $XDG_CACHE_HOME/gai, else ~/.cache/gai)
// and --no-cache.
void addCacheOptions(CLI::App& cmd, std::string& cacheDir, bool& noCache);

}  // namespace gai::driver
