// The manifest of a cached object (jit_manifest.h).
#include "codegen/jit_manifest.h"

#include <cstring>
#include <unordered_set>

namespace gai::codegen {

namespace {

constexpr uint64_t kManifestMagic = 0x32764d4a49544147;  // "GAITJMv2"

void put(std::string& out, uint64_t v) { out.append(reinterpret_cast<const char*>(&v), sizeof v); }

void putStrings(std::string& out, const std::vector<std::string>& v) {
  put(out, v.size());
  for (const std::string& s : v) {
    put(out, s.size());
    out += s;
  }
}

struct Reader {
  const std::string& in;
  size_t pos = 0;
  bool ok = true;

  uint64_t u64() {
    if (!ok || in.size() - pos < 8) return ok = false, 0;
    uint64_t v;
    std::memcpy(&v, in.data() + pos, sizeof v);
    pos += 8;
    return v;
  }
  // A count that must equal `want` (when given) and fit in what is left.
  size_t count(size_t want = SIZE_MAX) {
    uint64_t n = u64();
    if (n > in.size() - pos || (want != SIZE_MAX && n != want)) ok = false;
    return ok ? size_t(n) : 0;
  }
  std::vector<std::string> strings(size_t want = SIZE_MAX) {
    std::vector<std::string> v(count(want));
    for (std::string& s : v) {
      size_t n = count();
      if (!ok) break;
      s.assign(in, pos, n);
      pos += n;
    }
    return v;
  }
};

std::unordered_set<const void*> testNodes(const ir::Module& ir) {
  std::unordered_set<const void*> nodes;
  for (const ir::TestCode& t : ir.tests) {
    nodes.insert(t.asserts.begin(), t.asserts.end());
    for (const auto& args : t.requireArgs) nodes.insert(args.begin(), args.end());
  }
  nodes.erase(nullptr);
  return nodes;
}

}  // namespace

bool writeManifest(const EmitResult& r, const std::vector<std::string>& decideFns, AddressCodec& codec,
                   std::string& out) {
  out.clear();
  put(out, kManifestMagic);
  put(out, codec.objectCount());
  putStrings(out, r.ruleFns);
  putStrings(out, r.ruleReasons);
  putStrings(out, r.exceptionFns);
  putStrings(out, r.exceptionReasons);
  put(out, r.slotFns.size());
  for (const auto& slots : r.slotFns) putStrings(out, slots);
  putStrings(out, r.slotReasons);
  put(out, r.exprTotal);
  std::vector<const void*> exprNodes;
  std::vector<std::string> exprNames;
  for (const auto& [node, name] : r.exprFns) exprNodes.push_back(node), exprNames.push_back(name);
  putStrings(out, exprNames);
  if (!codec.encode(exprNodes, out)) return false;
  putStrings(out, decideFns);
  put(out, r.addresses.size());
  return codec.encode(r.addresses, out);
}

bool readManifest(const std::string& in, const ir::Module& ir, const AddressCodec& codec, EmitResult& r,
                  std::vector<std::string>& decideFns, std::string& why) {
  Reader rd{in};
  if (rd.u64() != kManifestMagic) return why = "manifest: bad magic", false;
  if (rd.u64() != codec.objectCount()) return why = "manifest: not of this program", false;
  r.ruleFns = rd.strings(ir.rules.size());
  r.ruleReasons = rd.strings(ir.rules.size());
  r.exceptionFns = rd.strings(ir.exceptions.size());
  r.exceptionReasons = rd.strings(ir.exceptions.size());
  r.slotFns.resize(rd.count(ir.rules.size()));
  for (size_t i = 0; i < r.slotFns.size() && rd.ok; ++i) r.slotFns[i] = rd.strings(ir.rules[i].slots.size());
  r.slotReasons = rd.strings(ir.rules.size());
  r.exprTotal = size_t(rd.u64());
  std::vector<std::string> exprNames = rd.strings();
  std::vector<const void*> exprNodes;
  if (rd.ok && (r.exprTotal < exprNames.size() || !codec.decode(in, rd.pos, exprNames.size(), exprNodes)))
    rd.ok = false;
  decideFns = rd.strings(ir.entries.size());
  size_t addresses = rd.count();
  if (rd.ok && !codec.decode(in, rd.pos, addresses, r.addresses)) rd.ok = false;
  if (!rd.ok || rd.pos != in.size()) return why = "manifest: malformed or not of this program", false;
  std::unordered_set<const void*> tests = testNodes(ir);
  r.exprFns.clear();
  for (size_t i = 0; i < exprNames.size(); ++i) {
    if (!tests.count(exprNodes[i])) return why = "manifest: a test expression not of this program", false;
    r.exprFns.emplace_back(static_cast<const ir::Node*>(exprNodes[i]), exprNames[i]);
  }
  return true;
}

}  // namespace gai::codegen
