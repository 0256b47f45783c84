// libFuzzer target for the line-protocol parser (src/lineproto/).
//
// For arbitrary bytes it checks that
//   1. parsing never crashes, hangs or reads out of bounds (run under ASan/UBSan);
//   2. every SIMD level gives the same lines and the same errors;
//   3. line boundaries agree with the reference splitter (SplitLines);
//   4. every successfully parsed line, re-encoded with LineBuilder, parses back to
//      exactly the same measurement, tags, typed field values and timestamp.
// A violated property aborts with a message (libFuzzer records the input).
//
// Built two ways: with clang + -fsanitize=fuzzer (fuzz/CMakeLists.txt, QUIVER_BUILD_FUZZ)
// and with any compiler together with fuzz_corpus_main.cc, which replays
// fuzz/corpus/lineproto/ as a CTest regression test.
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>
#include <vector>

#include "lineproto/line_builder.h"
#include "lineproto/line_parser.h"
#include "lineproto/line_splitter.h"
#include "lineproto/owned_line.h"
#include "lineproto/utf8.h"

namespace {

using quiver::lineproto::LineBuilder;
using quiver::lineproto::LineProtocolParser;
using quiver::lineproto::OwnedLine;
using quiver::lineproto::ParseOptions;
using quiver::lineproto::Precision;
using quiver::lineproto::SimdLevel;

[[noreturn]] void Fail(const char* what, std::string_view detail = {}) {
  std::fprintf(stderr, "lineproto_fuzz: %s\n%.*s\n", what, static_cast<int>(detail.size()),
               detail.data());
  std::abort();
}

// One parse, remembered for comparison across SIMD levels.
struct Outcome {
  std::vector<OwnedLine> lines;
  std::vector<std::string> errors;
  std::vector<std::string_view> texts;  // raw text of every reported line, in order
  std::vector<size_t> physical;         // its physical line number
};

Outcome Parse(std::string_view body, const ParseOptions& options, SimdLevel level) {
  Outcome out;
  LineProtocolParser parser(options, level);
  parser.Reset(body);
  while (parser.Next()) {
    if (parser.ok()) {
      out.lines.push_back(OwnedLine::From(parser.line()));
      out.texts.push_back(parser.line().text);
      out.physical.push_back(parser.line().physical_line_number);
    } else {
      out.errors.push_back(parser.error().message);
      out.texts.push_back(parser.error().original_line);
      out.physical.push_back(parser.error().physical_line_number);
    }
  }
  return out;
}

void CheckRoundTrip(std::string_view body) {
  ParseOptions options;
  options.precision = Precision::kNanosecond;
  options.default_time_ns = 42;
  LineProtocolParser parser(options);
  parser.Reset(body);
  LineProtocolParser reparser(options);
  while (parser.Next()) {
    if (!parser.ok()) continue;
    LineBuilder builder;
    quiver::Status status = builder.AppendLine(parser.line(), /*always_write_timestamp=*/true);
    if (!status.ok()) Fail("a parsed line cannot be re-encoded", status.message());
    const std::string& text = builder.text();
    reparser.Reset(text);
    if (!reparser.Next()) Fail("re-encoded line vanished", text);
    if (!reparser.ok())
      Fail("re-encoded line does not parse", reparser.error().message + "\n" + text);
    OwnedLine original = OwnedLine::From(parser.line());
    OwnedLine again = OwnedLine::From(reparser.line());
    original.has_timestamp = true;  // the builder always wrote it
    if (!original.SameContent(again)) Fail("re-encoded line differs", text);
    if (reparser.Next()) Fail("re-encoded line became two lines", text);
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view body(reinterpret_cast<const char*>(data), size);

  (void)quiver::lineproto::ValidateUtf8(body);

  // 2 + 3: SIMD levels agree with each other and with the reference splitter.
  ParseOptions options;
  options.precision = Precision::kNanosecond;
  options.default_time_ns = 42;
  Outcome best = Parse(body, options, SimdLevel::kBest);
  Outcome scalar = Parse(body, options, SimdLevel::kScalar);
  if (best.errors != scalar.errors) Fail("SIMD and scalar errors differ");
  if (best.lines.size() != scalar.lines.size()) Fail("SIMD and scalar line counts differ");
  for (size_t i = 0; i < best.lines.size(); ++i) {
    if (!best.lines[i].SameContent(scalar.lines[i])) Fail("SIMD and scalar lines differ");
  }
  std::vector<std::string_view> reference = quiver::lineproto::SplitLines(body);
  for (size_t i = 0; i < best.texts.size(); ++i) {
    size_t physical = best.physical[i];
    if (physical == 0 || physical > reference.size()) Fail("physical line number out of range");
    std::string_view raw = reference[physical - 1];
    if (!raw.empty() && raw.back() == '\r') raw.remove_suffix(1);
    if (best.texts[i] != raw) Fail("line text differs from the reference splitter");
  }

  // Other precisions and a tiny string limit only need to be safe.
  options.precision = Precision::kAuto;
  (void)Parse(body, options, SimdLevel::kBest);
  options.precision = Precision::kSecond;
  options.max_string_bytes = 4;
  (void)Parse(body, options, SimdLevel::kBest);

  // 4: round trip through LineBuilder.
  CheckRoundTrip(body);
  return 0;
}
