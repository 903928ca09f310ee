// Text and JUnit reports of a test run.
#include <algorithm>
#include <cstdio>

#include "testing/runner.h"

namespace gai::testing {

namespace {

void appendList(std::string& out, const char* label, const std::vector<std::string>& items) {
  out += "    ";
  out += label;
  if (items.empty()) {
    out += "(none)\n";
    return;
  }
  std::string pad(std::string(label).size() + 4, ' ');
  for (size_t i = 0; i < items.size(); ++i) out += (i ? pad : std::string()) + items[i] + "\n";
}

std::string location(const TestResult& t) {
  return t.file + ":" + std::to_string(t.pos.line) + ":" + std::to_string(t.pos.column);
}

std::string xmlEscape(const std::string& s) {
  std::string out;
  out.reserve(s.size());
  for (char c : s) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&apos;"; break;
      default:
        if (static_cast<unsigned char>(c) < 0x20 && c != '\n' && c != '\t' && c != '\r') out += '?';
        else out += c;
    }
  }
  return out;
}

std::string seconds(double s) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.3f", s);
  return buf;
}

// The failures of a test without its decision: the body of a JUnit <failure>.
std::string failureLines(const TestResult& t) {
  std::string out;
  for (const Failure& f : t.failures) {
    out += "  " + (f.where.empty() ? f.what : f.where + ": " + f.what) + "\n";
    out += "    expected: " + f.expected + "\n";
    out += "    actual:   " + f.actual + "\n";
  }
  return out;
}

std::string decisionLines(const TestResult& t) {
  std::string out = "  decision: effect ";
  out += t.deny ? "deny" : "allow";
  if (!t.evaluated) out += t.hasGiven ? " (no rule takes the given's type)" : " (the test has no given)";
  out += "\n";
  appendList(out, "fired:    ", t.findings);
  appendList(out, "excepted: ", t.excepted);
  appendList(out, "errors:   ", t.errors);
  return out;
}

}  // namespace

std::string formatFailure(const TestResult& t) {
  return "FAIL " + location(t) + ": test \"" + t.name + "\"\n" + failureLines(t) + decisionLines(t);
}

std::string formatSummary(const RunResult& r) {
  return std::to_string(r.passed) + " passed, " + std::to_string(r.failed) + " failed\n";
}

std::string junitXml(const RunResult& r) {
  std::vector<std::string> packages;  // in order of first test
  for (const TestResult& t : r.tests)
    if (std::find(packages.begin(), packages.end(), t.package) == packages.end()) packages.push_back(t.package);
  double total = 0;
  for (const TestResult& t : r.tests) total += t.seconds;
  std::string out = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";
  out += "<testsuites name=\"gaic test\" tests=\"" + std::to_string(r.tests.size()) + "\" failures=\"" +
         std::to_string(r.failed) + "\" errors=\"0\" time=\"" + seconds(total) + "\">\n";
  for (const std::string& pkg : packages) {
    size_t count = 0, failed = 0;
    double time = 0;
    for (const TestResult& t : r.tests) {
      if (t.package != pkg) continue;
      ++count;
      failed += t.passed() ? 0 : 1;
      time += t.seconds;
    }
    std::string name = pkg.empty() ? "(root)" : pkg;
    out += "  <testsuite name=\"" + xmlEscape(name) + "\" tests=\"" + std::to_string(count) + "\" failures=\"" +
           std::to_string(failed) + "\" errors=\"0\" skipped=\"0\" time=\"" + seconds(time) + "\">\n";
    for (const TestResult& t : r.tests) {
      if (t.package != pkg) continue;
      out += "    <testcase name=\"" + xmlEscape(t.name) + "\" classname=\"" + xmlEscape(name) + "\" file=\"" +
             xmlEscape(t.file) + "\" line=\"" + std::to_string(t.pos.line) + "\" time=\"" + seconds(t.seconds) + "\"";
      if (t.passed()) {
        out += "/>\n";
        continue;
      }
      const Failure& first = t.failures.front();
      std::string message = (first.where.empty() ? "" : first.where + ": ") + first.what + ": expected " +
                            first.expected + ", actual " + first.actual;
      out += ">\n      <failure message=\"" + xmlEscape(message) + "\" type=\"expectation\">" +
             xmlEscape(location(t) + ": test \"" + t.name + "\"\n" + failureLines(t) + decisionLines(t)) +
             "</failure>\n    </testcase>\n";
    }
    out += "  </testsuite>\n";
  }
  out += "</testsuites>\n";
  return out;
}

}  // namespace gai::testing
