// The JIT object cache (cache.h): key, file format, atomic store, validating load.
#include "codegen/cache.h"

#include <llvm/Support/BLAKE3.h>
#include <llvm/Support/FileSystem.h>

#include <dirent.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <chrono>
#include <cstdlib>
#include <cstring>
#include <deque>
#include <mutex>
#include <utility>
#include <vector>

namespace gai::codegen::cache {

namespace {

constexpr char kMagic[8] = {'G', 'A', 'I', 'J', 'I', 'T', 'O', '\0'};
// Header: magic, format version, flags (0), key, manifest bytes, object bytes, BLAKE3 of
// the payload (the manifest, then the object).
constexpr uint32_t kFormatVersion = 2;
constexpr const char* kSubdir = "/jit-v2";
constexpr const char* kOldSubdirs[] = {"/jit-v1"};
constexpr size_t kHeaderBytes = 8 + 4 + 4 + 32 + 8 + 8 + 32;
constexpr uint64_t kMaxObjectBytes = uint64_t(1) << 30;
constexpr size_t kMemoryEntries = 16;

using Checksum = std::array<uint8_t, 32>;

Checksum checksum(llvm::StringRef data) {
  llvm::BLAKE3 h;
  h.update(data);
  return h.final<32>();
}

template <typename T>
void put(std::string& out, const T& value) {
  out.append(reinterpret_cast<const char*>(&value), sizeof value);
}

template <typename T>
T get(const char* at) {
  T value;
  std::memcpy(&value, at, sizeof value);
  return value;
}

std::string errnoText(const char* what, const std::string& path) {
  return std::string(what) + " " + path + ": " + std::strerror(errno);
}

bool readAll(int fd, std::string& out, size_t size) {
  out.resize(size);
  size_t done = 0;
  while (done < size) {
    ssize_t n = ::read(fd, out.data() + done, size - done);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return false;
    done += size_t(n);
  }
  return true;
}

bool writeAll(int fd, llvm::StringRef data) {
  size_t done = 0;
  while (done < data.size()) {
    ssize_t n = ::write(fd, data.data() + done, data.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return false;
    done += size_t(n);
  }
  return true;
}

// Why `file` is not a valid entry for `key` ("" when it is).
std::string validate(const std::string& file, const Key& key) {
  if (file.size() < kHeaderBytes) return "truncated header";
  if (std::memcmp(file.data(), kMagic, sizeof kMagic) != 0) return "bad magic";
  if (get<uint32_t>(file.data() + 8) != kFormatVersion) return "other format version";
  if (std::memcmp(file.data() + 16, key.data(), key.size()) != 0) return "other key";
  uint64_t manifest = get<uint64_t>(file.data() + 48), object = get<uint64_t>(file.data() + 56);
  uint64_t payload = file.size() - kHeaderBytes;
  if (manifest > payload || object != payload - manifest) return "length mismatch (truncated?)";
  Checksum sum = checksum(llvm::StringRef(file).drop_front(kHeaderBytes));
  if (std::memcmp(file.data() + 64, sum.data(), sum.size()) != 0) return "checksum mismatch";
  return "";
}

std::string uniqueSuffix() {
  static std::atomic<uint64_t> counter{0};
  auto ticks = std::chrono::steady_clock::now().time_since_epoch().count();
  return ".tmp." + std::to_string(::getpid()) + "." + std::to_string(counter++) + "." +
         std::to_string(static_cast<uint64_t>(ticks));
}

}  // namespace

std::string hex(const Key& key) {
  static const char* digits = "0123456789abcdef";
  std::string out;
  for (uint8_t b : key) {
    out += digits[b >> 4];
    out += digits[b & 15];
  }
  return out;
}

Key makeKey(std::string_view prefix, std::string_view content) {
  llvm::BLAKE3 h;
  for (llvm::StringRef part : {llvm::StringRef(prefix), llvm::StringRef(content)}) {
    uint64_t n = part.size();
    h.update(llvm::ArrayRef<uint8_t>(reinterpret_cast<const uint8_t*>(&n), sizeof n));
    h.update(part);
  }
  return h.final<32>();
}

std::string defaultDir() {
  if (const char* dir = std::getenv("GAI_CACHE_DIR")) return dir;
  if (const char* xdg = std::getenv("XDG_CACHE_HOME"); xdg && *xdg) return std::string(xdg) + "/gai";
  if (const char* home = std::getenv("HOME"); home && *home) return std::string(home) + "/.cache/gai";
  return "";
}

std::string objectPath(const std::string& dir, const Key& key) {
  return dir + kSubdir + "/" + hex(key) + ".o";
}

std::shared_ptr<const Entry> load(const std::string& dir, const Key& key, std::string& why) {
  why.clear();
  std::string path = objectPath(dir, key);
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) {
    if (errno != ENOENT) why = errnoText("cannot open", path);
    return nullptr;
  }
  struct stat st;
  std::string file;
  bool ok = ::fstat(fd, &st) == 0 && S_ISREG(st.st_mode) && uint64_t(st.st_size) <= kMaxObjectBytes + kHeaderBytes &&
            readAll(fd, file, size_t(st.st_size));
  ::close(fd);
  if (!ok) {
    why = "cannot read " + path;
    return nullptr;
  }
  why = validate(file, key);
  if (!why.empty()) {
    why += ": " + path;
    return nullptr;
  }
  auto entry = std::make_shared<Entry>();
  size_t manifest = size_t(get<uint64_t>(file.data() + 48));
  entry->manifest.assign(file, kHeaderBytes, manifest);
  entry->object.assign(file, kHeaderBytes + manifest);
  ::utimensat(AT_FDCWD, path.c_str(), nullptr, 0);  // recently used: trimmed last
  return entry;
}

namespace {

struct CachedFile {
  std::string path;
  uint64_t bytes;
  int64_t mtimeNanos;
};

std::vector<CachedFile> cachedFiles(const std::string& sub) {
  std::vector<CachedFile> files;
  DIR* d = ::opendir(sub.c_str());
  if (!d) return files;
  while (dirent* e = ::readdir(d)) {
    std::string name = e->d_name;
    if (name.size() < 3 || name.compare(name.size() - 2, 2, ".o") != 0) continue;
    struct stat st;
    std::string path = sub + "/" + name;
    if (::stat(path.c_str(), &st) != 0 || !S_ISREG(st.st_mode)) continue;
    files.push_back({path, uint64_t(st.st_size), int64_t(st.st_mtim.tv_sec) * 1000000000 + st.st_mtim.tv_nsec});
  }
  ::closedir(d);
  return files;
}

// Objects of older formats are never read again.
void removeOldFormats(const std::string& dir) {
  for (const char* old : kOldSubdirs)
    for (const CachedFile& f : cachedFiles(dir + old)) ::unlink(f.path.c_str());
}

}  // namespace

size_t trim(const std::string& dir, const Limits& limits) {
  removeOldFormats(dir);
  std::vector<CachedFile> files = cachedFiles(dir + kSubdir);
  uint64_t total = 0;
  for (const CachedFile& f : files) total += f.bytes;
  if (total <= limits.maxBytes && files.size() <= limits.maxFiles) return 0;
  std::sort(files.begin(), files.end(),
            [](const CachedFile& a, const CachedFile& b) { return a.mtimeNanos < b.mtimeNanos; });
  // Down to three quarters of each limit, least recently used first, so that a full cache
  // is not trimmed again at every store. Another process may be reading a file removed
  // here: its open descriptor stays valid, and a later lookup is a miss.
  size_t removed = 0, left = files.size();
  for (const CachedFile& f : files) {
    if (total <= limits.maxBytes - limits.maxBytes / 4 && left <= limits.maxFiles - limits.maxFiles / 4) break;
    if (::unlink(f.path.c_str()) == 0) ++removed;
    total -= f.bytes;
    --left;
  }
  return removed;
}

bool store(const std::string& dir, const Key& key, const Entry& entry, std::string& why) {
  std::string sub = dir + kSubdir;
  if (std::error_code ec = llvm::sys::fs::create_directories(sub)) {
    why = "cannot create " + sub + ": " + ec.message();
    return false;
  }
  std::string header(kMagic, sizeof kMagic);
  put(header, kFormatVersion);
  put(header, uint32_t(0));
  header.append(reinterpret_cast<const char*>(key.data()), key.size());
  put(header, uint64_t(entry.manifest.size()));
  put(header, uint64_t(entry.object.size()));
  llvm::BLAKE3 h;
  h.update(entry.manifest);
  h.update(entry.object);
  Checksum sum = h.final<32>();
  header.append(reinterpret_cast<const char*>(sum.data()), sum.size());
  std::string path = objectPath(dir, key);
  std::string temp = path + uniqueSuffix();
  int fd = ::open(temp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
  if (fd < 0) {
    why = errnoText("cannot create", temp);
    return false;
  }
  bool ok = writeAll(fd, header) && writeAll(fd, entry.manifest) && writeAll(fd, entry.object) && ::fsync(fd) == 0;
  if (!ok) why = errnoText("cannot write", temp);
  if (::close(fd) != 0 && ok) {
    ok = false;
    why = errnoText("cannot write", temp);
  }
  if (ok && ::rename(temp.c_str(), path.c_str()) != 0) {
    ok = false;
    why = errnoText("cannot rename to", path);
  }
  if (!ok) ::unlink(temp.c_str());
  if (ok) trim(dir, Limits{});
  return ok;
}

namespace {

struct Memory {
  std::mutex mutex;
  std::deque<std::pair<Key, std::shared_ptr<const Entry>>> entries;  // most recent last
};

Memory& memory() {
  static Memory* m = new Memory;  // never destroyed: programs may outlive static destruction
  return *m;
}

}  // namespace

std::shared_ptr<const Entry> memoryFind(const Key& key) {
  Memory& m = memory();
  std::lock_guard<std::mutex> lock(m.mutex);
  for (auto& [k, object] : m.entries)
    if (k == key) return object;
  return nullptr;
}

void memoryPut(const Key& key, std::shared_ptr<const Entry> object) {
  Memory& m = memory();
  std::lock_guard<std::mutex> lock(m.mutex);
  for (auto& [k, existing] : m.entries)
    if (k == key) return;
  m.entries.emplace_back(key, std::move(object));
  if (m.entries.size() > kMemoryEntries) m.entries.pop_front();
}

}  // namespace gai::codegen::cache
