// The canonical bytes of an ir::Module, its objects and symbolic addresses (module_key.h).
#include "codegen/module_key.h"

#include <llvm/Support/BLAKE3.h>

#include <elf.h>
#include <link.h>
#include <sys/stat.h>
#include <unistd.h>

#include <array>
#include <cstring>
#include <deque>

#include "core/layout.h"

namespace gai::codegen {

namespace {

class Writer {
 public:
  Writer(const ir::Module& m, ModuleObjects& objects) : m_(m), objects_(objects) {}

  // The BLAKE3 digest of the canonical bytes (32 bytes).
  std::string run(bool tests) {
    buf_.reserve(kFlush + 4096);
    str("gai-ir-canonical-v2");
    u64(tests);
    u64(m_.constants.size());
    for (const ir::Constant& c : m_.constants) {
      type(c.type);
      value(c.type, c.bytes);
    }
    typeList(m_.namedTypes);
    typeList(m_.entries);
    u64(m_.fns.size());
    for (const ir::Fn& f : m_.fns) fn(f);
    u64(m_.rules.size());
    for (const ir::RuleCode& r : m_.rules) rule(r);
    u64(m_.exceptions.size());
    for (const ir::RuleCode& r : m_.exceptions) rule(r);
    table(m_.table);
    u64(m_.tests.size());
    for (const ir::TestCode& t : m_.tests) test(t);
    u64(m_.terms.size());
    for (const gai_terms* t : m_.terms) objects_.objects.push_back(t);
    u64(m_.regexes.size());
    for (const gai_regex* r : m_.regexes) objects_.objects.push_back(r);
    for (size_t i = 0; i < typeQueue_.size(); ++i) typeBody(*typeQueue_[i]);  // grows while written
    flush();
    std::array<uint8_t, 32> digest = hash_.final<32>();
    return std::string(reinterpret_cast<const char*>(digest.data()), digest.size());
  }

 private:
  // The bytes go to the hash in blocks (no growing string of the whole module).
  static constexpr size_t kFlush = 1 << 16;
  void flush() {
    hash_.update(llvm::StringRef(buf_));
    buf_.clear();
  }
  void bytes(const char* p, size_t n) {
    if (buf_.size() + n > kFlush) flush();
    if (n > kFlush) return hash_.update(llvm::StringRef(p, n));
    buf_.append(p, n);
  }
  // LEB128: self-delimiting, so the byte string still decodes one way.
  void u64(uint64_t v) {
    if (buf_.size() > kFlush) flush();
    while (v >= 0x80) {
      buf_ += char(v | 0x80);
      v >>= 7;
    }
    buf_ += char(v);
  }
  void str(const std::string& s) {
    u64(s.size());
    bytes(s.data(), s.size());
  }
  void strs(const std::vector<std::string>& v) {
    u64(v.size());
    for (const std::string& s : v) str(s);
  }
  void u32s(const std::vector<uint32_t>& v) {
    u64(v.size());
    for (uint32_t x : v) u64(x);
  }
  void object(const void* p) {
    if (p) objects_.objects.push_back(p);
  }

  // A type by number; its body is written once, at the end.
  void type(const rt::Type* t) {
    if (!t) return u64(~uint64_t(0));
    auto [it, fresh] = typeIds_.emplace(t, typeQueue_.size());
    if (fresh) {
      typeQueue_.push_back(t);
      object(t);
    }
    u64(it->second);
  }
  void typeList(const std::vector<const rt::Type*>& v) {
    u64(v.size());
    for (const rt::Type* t : v) type(t);
  }
  void typeBody(const rt::Type& t) {
    u64(uint64_t(t.kind) | uint64_t(t.size) << 8 | uint64_t(t.align) << 40);
    str(t.name);
    str(t.qualifiedName);
    strs(t.members);
    u64(t.fields.size());
    for (const rt::Field& f : t.fields) {
      str(f.name);
      type(f.type);
      u64(f.offset);
      value(f.type, f.defaultValue);
    }
    type(t.element);
    u64(t.valueOffset);
  }

  // A value in the flat layout (layout.h), by content; null is "absent".
  void value(const rt::Type* t, const void* bytes) {
    if (!t || !bytes) return u64(~uint64_t(0));
    object(bytes);
    u64(1);
    content(*t, static_cast<const char*>(bytes));
  }
  void content(const rt::Type& t, const char* p) {
    using rt::Kind;
    switch (t.kind) {
      case Kind::String:
      case Kind::List:
      case Kind::Set: {
        if (t.isBitSet()) {
          bytes(p, 8);
          return;
        }
        rt::Slice s;
        std::memcpy(&s, p, sizeof s);
        object(s.data);
        u64(uint64_t(s.count));
        if (t.kind == Kind::String) {
          if (s.count > 0) bytes(static_cast<const char*>(s.data), size_t(s.count));
          return;
        }
        for (int64_t i = 0; i < s.count; ++i) content(*t.element, static_cast<const char*>(s.data) + i * t.element->size);
        return;
      }
      case Kind::Record:
        for (const rt::Field& f : t.fields) content(*f.type, p + f.offset);
        return;
      case Kind::Optional:
        u64(uint8_t(*p));
        if (*p) content(*t.element, p + t.valueOffset);
        return;
      default: bytes(p, t.size); return;
    }
  }

  void node(const ir::Node* n) {
    if (!n) return u64(~uint64_t(0));
    auto [it, fresh] = nodeIds_.emplace(n, nodeIds_.size());
    u64(it->second);
    if (!fresh) return;
    object(n);
    u64(uint64_t(n->op) | uint64_t(n->cmp) << 8 | uint64_t(n->iter) << 16);
    type(n->type);
    u64(n->index);
    u64(n->offset);
    u64(n->slot);
    u64(uint64_t(int64_t(n->prepared)));
    u64(uint64_t(n->imm));
    uint64_t bits;
    std::memcpy(&bits, &n->fimm, sizeof bits);
    u64(bits);
    u32s(n->fieldIndexes);
    u64(n->updates.size());
    for (const ir::WithUpdate& u : n->updates) {
      u32s(u.path);
      strs(u.names);
    }
    u64(n->kids.size());
    for (const ir::Node* k : n->kids) node(k);
  }
  void nodes(const std::vector<const ir::Node*>& v) {
    u64(v.size());
    for (const ir::Node* n : v) node(n);
  }

  void fn(const ir::Fn& f) {
    str(f.name);
    u32s(f.paramSlots);
    typeList(f.paramTypes);
    u64(f.frameSize);
    node(f.body);
  }
  void rule(const ir::RuleCode& r) {
    str(r.name);
    u64(r.isException);
    u64(r.entry);
    u64(r.paramSlot);
    u64(r.frameSize);
    u64(uint64_t(r.fromMicros));
    u64(uint64_t(r.untilMicros));
    node(r.when);
    u32s(r.exceptedBy);
    u64(r.targets.size());
    for (auto [isEx, i] : r.targets) u64(uint64_t(isEx) << 32 | i);
    nodes(r.slots);
  }
  void effective(const rt::EffectiveRange& e) {
    u64(uint64_t(e.hasFrom) | uint64_t(e.hasUntil) << 1);
    u64(uint64_t(int64_t(e.from)));
    u64(uint64_t(int64_t(e.until)));
  }
  void optText(const std::optional<std::string>& s) {
    u64(s.has_value());
    if (s) str(*s);
  }
  void templ(const std::optional<rt::MessageTemplate>& t) {
    u64(t.has_value());
    if (!t) return;
    strs(t->parts);
    u32s(t->slots);
  }
  void table(const rt::RuleTable& t) {
    u64(t.rules.size());
    for (const rt::RuleInfo& r : t.rules) {
      str(r.name);
      optText(r.titleEn);
      optText(r.titleZh);
      u64(uint64_t(r.severity));
      strs(r.cites);
      u64(r.effects.size());
      for (const rt::EffectInfo& e : r.effects) {
        u64(uint64_t(e.kind));
        str(e.action);
        u32s(e.argSlots);
      }
      templ(r.messageEn);
      templ(r.messageZh);
      typeList(r.slotTypes);
      u64(r.order);
      effective(r.effective);
    }
    u64(t.exceptions.size());
    for (const rt::ExceptionInfo& e : t.exceptions) {
      str(e.name);
      u64(e.order);
      effective(e.effective);
    }
  }
  void test(const ir::TestCode& t) {
    str(t.name);
    u64(t.nowMicros.has_value());
    u64(uint64_t(t.nowMicros.value_or(0)));
    type(t.givenType);
    value(t.givenType, t.given);
    u64(uint64_t(int64_t(t.entry)));
    u64(t.givenSlot);
    u64(t.frameSize);
    nodes(t.asserts);
    u64(t.requireArgs.size());
    for (const auto& args : t.requireArgs) nodes(args);
  }

  const ir::Module& m_;
  ModuleObjects& objects_;
  llvm::BLAKE3 hash_;
  std::string buf_;
  std::unordered_map<const rt::Type*, uint64_t> typeIds_;
  std::deque<const rt::Type*> typeQueue_;
  std::unordered_map<const ir::Node*, uint64_t> nodeIds_;
};

// The loaded image (executable or shared library) holding this code.
struct Image {
  uintptr_t base = 0;
  std::vector<std::pair<uintptr_t, uintptr_t>> segments;  // [begin, end) of PT_LOAD
  std::string identity;
};

std::string buildId(const dl_phdr_info& info) {
  for (int i = 0; i < info.dlpi_phnum; ++i) {
    const ElfW(Phdr)& ph = info.dlpi_phdr[i];
    if (ph.p_type != PT_NOTE) continue;
    const char* p = reinterpret_cast<const char*>(info.dlpi_addr + ph.p_vaddr);
    const char* end = p + ph.p_memsz;
    while (p + sizeof(ElfW(Nhdr)) <= end) {
      ElfW(Nhdr) nh;
      std::memcpy(&nh, p, sizeof nh);
      const char* name = p + sizeof nh;
      const char* desc = name + ((nh.n_namesz + 3) & ~3u);
      if (desc + nh.n_descsz > end) break;
      if (nh.n_type == NT_GNU_BUILD_ID && nh.n_namesz == 4 && std::memcmp(name, "GNU", 4) == 0 && nh.n_descsz)
        return "build-id " + std::string(desc, nh.n_descsz);
      p = desc + ((nh.n_descsz + 3) & ~3u);
    }
  }
  return "";
}

std::string fileIdentity(const char* name) {
  std::string path = name && *name ? name : "/proc/self/exe";
  struct stat st;
  if (::stat(path.c_str(), &st) != 0) return "";
  return "file " + path + " " + std::to_string(st.st_size) + " " + std::to_string(st.st_ino) + " " +
         std::to_string(st.st_mtim.tv_sec) + "." + std::to_string(st.st_mtim.tv_nsec);
}

int findImage(dl_phdr_info* info, size_t, void* data) {
  auto* image = static_cast<Image*>(data);
  auto self = reinterpret_cast<uintptr_t>(&findImage);
  bool mine = false;
  std::vector<std::pair<uintptr_t, uintptr_t>> segments;
  for (int i = 0; i < info->dlpi_phnum; ++i) {
    const ElfW(Phdr)& ph = info->dlpi_phdr[i];
    if (ph.p_type != PT_LOAD) continue;
    uintptr_t begin = info->dlpi_addr + ph.p_vaddr;
    segments.emplace_back(begin, begin + ph.p_memsz);
    mine = mine || (self >= begin && self < begin + ph.p_memsz);
  }
  if (!mine) return 0;
  image->base = info->dlpi_addr;
  image->segments = std::move(segments);
  image->identity = buildId(*info);
  if (image->identity.empty()) image->identity = fileIdentity(info->dlpi_name);
  return 1;
}

const Image& image() {
  static const Image* img = [] {
    auto* i = new Image;
    dl_iterate_phdr(findImage, i);
    return i;
  }();
  return *img;
}

bool inImage(uintptr_t a) {
  for (auto [begin, end] : image().segments)
    if (a >= begin && a < end) return true;
  return false;
}

}  // namespace

std::string canonicalModule(const ir::Module& module, bool tests, ModuleObjects& objects) {
  objects.objects.clear();
  return Writer(module, objects).run(tests);
}

static std::string& identityOverride() {
  static std::string* s = new std::string;
  return *s;
}

const std::string& imageIdentity() { return identityOverride().empty() ? image().identity : identityOverride(); }

void setImageIdentityForTesting(const std::string& identity) { identityOverride() = identity; }

bool AddressCodec::encode(const std::vector<const void*>& addresses, std::string& out) {
  if (ids_.empty())
    for (size_t i = objects_.objects.size(); i-- > 0;) ids_[objects_.objects[i]] = uint32_t(i);  // first wins
  for (const void* p : addresses) {
    uint64_t word;
    if (auto it = ids_.find(p); it != ids_.end()) {
      word = uint64_t(it->second) << 1;
    } else if (auto a = reinterpret_cast<uintptr_t>(p); inImage(a) && !imageIdentity().empty()) {
      word = uint64_t(a - image().base) << 1 | 1;
    } else {
      return false;
    }
    out.append(reinterpret_cast<const char*>(&word), sizeof word);
  }
  return true;
}

bool AddressCodec::decode(const std::string& in, size_t& pos, size_t count, std::vector<const void*>& addresses) const {
  if (count > (in.size() - pos) / 8) return false;
  addresses.clear();
  addresses.reserve(count);
  for (size_t k = 0; k < count; ++k, pos += 8) {
    uint64_t word;
    std::memcpy(&word, in.data() + pos, sizeof word);
    if (word & 1) {
      uintptr_t a = image().base + uintptr_t(word >> 1);
      if (!inImage(a)) return false;
      addresses.push_back(reinterpret_cast<const void*>(a));
    } else {
      if ((word >> 1) >= objects_.objects.size()) return false;
      addresses.push_back(objects_.objects[word >> 1]);
    }
  }
  return true;
}

}  // namespace gai::codegen
