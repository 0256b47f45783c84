// Line-protocol parser throughput (issue 3 item 8(a), performance-anchors.md B6).
// See bench/README.md for how to run it and the recorded numbers.
#include <benchmark/benchmark.h>

#include <atomic>
#include <cstdlib>
#include <cstring>
#include <new>
#include <string>
#include <string_view>
#include <vector>

#include "lineproto/line_parser.h"
#include "lineproto/utf8.h"
#include "tsbs_cpu_generator.h"

// GCC flags the free() in the replaced operator delete against the replaced operator new.
#pragma GCC diagnostic ignored "-Wmismatched-new-delete"

// Counts heap allocations so the benchmark can report allocations per line (the goal
// is zero in steady state).
namespace {
std::atomic<uint64_t> g_allocations{0};
}  // namespace

void* operator new(std::size_t size) {
  g_allocations.fetch_add(1, std::memory_order_relaxed);
  if (void* p = std::malloc(size == 0 ? 1 : size)) return p;
  throw std::bad_alloc();
}
void operator delete(void* p) noexcept { std::free(p); }
void operator delete(void* p, std::size_t) noexcept { std::free(p); }

namespace quiver::bench {
namespace {

using lineproto::LineProtocolParser;
using lineproto::ParseOptions;
using lineproto::SimdLevel;

constexpr size_t kBatchLines = 10'000;  // tsbs_load_influx's default batch size

// One TSBS batch (10,000 lines from 100 hosts), generated once.
const std::string& TsbsBatch() {
  static const std::string batch = [] {
    TsbsCpuGenerator generator(100);
    std::string out;
    generator.AppendRows(kBatchLines, &out);
    return out;
  }();
  return batch;
}

// D0 (scale 100 x 1 day = 864,000 lines, ~298 MB) cut into 10,000-line bodies.
// QUIVER_BENCH_TSBS_ROWS overrides the row count.
const std::vector<std::string>& TsbsStream() {
  static const std::vector<std::string> bodies = [] {
    size_t rows = 864'000;
    if (const char* env = std::getenv("QUIVER_BENCH_TSBS_ROWS"))
      rows = std::strtoull(env, nullptr, 10);
    TsbsCpuGenerator generator(100);
    std::vector<std::string> out;
    for (size_t done = 0; done < rows; done += kBatchLines) {
      std::string body;
      body.reserve(kBatchLines * 350);
      generator.AppendRows(std::min(kBatchLines, rows - done), &body);
      out.push_back(std::move(body));
    }
    return out;
  }();
  return bodies;
}

// A mixed workload: escapes, strings, floats, booleans, CRLF and comments.
const std::string& MixedBatch() {
  static const std::string batch = [] {
    std::string out;
    for (size_t i = 0; i < kBatchLines; ++i) {
      out += "weather,city=Oslo\\ Nord,station=s" + std::to_string(i % 97) +
             " temp=" + std::to_string(i % 40) + ".25,ok=t,n=" + std::to_string(i) +
             "i,note=\"cold \\\"today\\\" " + std::to_string(i) + "\" " +
             std::to_string(1700000000000000000 + static_cast<int64_t>(i)) + "\r\n";
      if (i % 100 == 0) out += "# comment line\n";
    }
    return out;
  }();
  return batch;
}

// What a consumer does at minimum: touch every value.
struct Sink {
  int64_t sum = 0;
  size_t tags = 0;
  size_t lines = 0;
  size_t errors = 0;
};

inline void ParseBody(LineProtocolParser& parser, std::string_view body, Sink& sink) {
  parser.Reset(body);
  while (parser.Next()) {
    if (!parser.ok()) {
      ++sink.errors;
      continue;
    }
    const lineproto::ParsedLine& line = parser.line();
    ++sink.lines;
    sink.tags += line.tags.size() + line.measurement.size();
    for (const auto& field : line.fields) sink.sum += field.value.integer_value;
    sink.sum ^= line.timestamp;
  }
}

SimdLevel LevelArg(int64_t arg) {
  switch (arg) {
    case 0:
      return SimdLevel::kScalar;
    case 1:
      return SimdLevel::kAvx2;
    default:
      return SimdLevel::kAvx512;
  }
}

bool LevelSupported(SimdLevel level) {
  SimdLevel best = lineproto::DetectSimdLevel();
  if (level == SimdLevel::kAvx512) return best == SimdLevel::kAvx512;
  if (level == SimdLevel::kAvx2) return best != SimdLevel::kScalar;
  return true;
}

void ReportCounters(benchmark::State& state, size_t bytes, size_t lines, uint64_t allocations) {
  state.SetBytesProcessed(static_cast<int64_t>(bytes));
  state.SetItemsProcessed(static_cast<int64_t>(lines));
  state.counters["allocs_per_line"] =
      lines ? static_cast<double>(allocations) / static_cast<double>(lines) : 0.0;
  state.SetLabel(std::string(lineproto::SimdLevelName(LevelArg(state.range(0)))));
}

// One 10,000-line TSBS body (~3.4 MB) parsed over and over (hot in L2/L3, like a body
// just received and gunzipped by the server).
void BM_ParseTsbsBatch(benchmark::State& state) {
  SimdLevel level = LevelArg(state.range(0));
  if (!LevelSupported(level)) return state.SkipWithError("CPU lacks this SIMD level");
  const std::string& body = TsbsBatch();
  ParseOptions options;
  options.precision = lineproto::Precision::kNanosecond;
  options.default_time_ns = 1700000000000000000;
  LineProtocolParser parser(options, level);
  Sink sink;
  ParseBody(parser, body, sink);  // warm up vectors
  if (sink.errors != 0) return state.SkipWithError("TSBS batch did not parse");
  sink = {};
  uint64_t allocations_before = g_allocations.load();
  for (auto _ : state) {
    ParseBody(parser, body, sink);
    benchmark::DoNotOptimize(sink);
  }
  ReportCounters(state, body.size() * state.iterations(), sink.lines,
                 g_allocations.load() - allocations_before);
  state.counters["bytes_per_line"] = static_cast<double>(body.size()) / kBatchLines;
}
BENCHMARK(BM_ParseTsbsBatch)->Arg(0)->Arg(1)->Arg(2)->Unit(benchmark::kMillisecond);

// The same with UTF-8 validation of the body first (what the v3 write path does).
void BM_ParseTsbsBatchWithUtf8(benchmark::State& state) {
  SimdLevel level = LevelArg(state.range(0));
  if (!LevelSupported(level)) return state.SkipWithError("CPU lacks this SIMD level");
  const std::string& body = TsbsBatch();
  LineProtocolParser parser({}, level);
  Sink sink;
  uint64_t allocations_before = g_allocations.load();
  for (auto _ : state) {
    if (!lineproto::ValidateUtf8(body).ok()) return state.SkipWithError("not UTF-8");
    ParseBody(parser, body, sink);
    benchmark::DoNotOptimize(sink);
  }
  ReportCounters(state, body.size() * state.iterations(), sink.lines,
                 g_allocations.load() - allocations_before);
}
BENCHMARK(BM_ParseTsbsBatchWithUtf8)->Arg(2)->Unit(benchmark::kMillisecond);

// D0 (~298 MB) streamed from memory in 10,000-line bodies.
void BM_ParseTsbsStream(benchmark::State& state) {
  SimdLevel level = LevelArg(state.range(0));
  if (!LevelSupported(level)) return state.SkipWithError("CPU lacks this SIMD level");
  const auto& bodies = TsbsStream();
  size_t bytes = 0;
  for (const auto& b : bodies) bytes += b.size();
  LineProtocolParser parser({}, level);
  Sink sink;
  uint64_t allocations_before = g_allocations.load();
  for (auto _ : state) {
    for (const auto& body : bodies) ParseBody(parser, body, sink);
    benchmark::DoNotOptimize(sink);
  }
  ReportCounters(state, bytes * state.iterations(), sink.lines,
                 g_allocations.load() - allocations_before);
}
BENCHMARK(BM_ParseTsbsStream)->Arg(2)->Unit(benchmark::kMillisecond)->Iterations(3);

// Escapes, strings, floats, booleans, CRLF and comments.
void BM_ParseMixedBatch(benchmark::State& state) {
  SimdLevel level = LevelArg(state.range(0));
  if (!LevelSupported(level)) return state.SkipWithError("CPU lacks this SIMD level");
  const std::string& body = MixedBatch();
  LineProtocolParser parser({}, level);
  Sink sink;
  ParseBody(parser, body, sink);
  if (sink.errors != 0) return state.SkipWithError("mixed batch did not parse");
  sink = {};
  uint64_t allocations_before = g_allocations.load();
  for (auto _ : state) {
    ParseBody(parser, body, sink);
    benchmark::DoNotOptimize(sink);
  }
  ReportCounters(state, body.size() * state.iterations(), sink.lines,
                 g_allocations.load() - allocations_before);
}
BENCHMARK(BM_ParseMixedBatch)->Arg(0)->Arg(2)->Unit(benchmark::kMillisecond);

// Byte classification alone (the SIMD part), for each level.
void BM_ClassifyBytes(benchmark::State& state) {
  SimdLevel level = LevelArg(state.range(0));
  if (!LevelSupported(level)) return state.SkipWithError("CPU lacks this SIMD level");
  const std::string& body = TsbsBatch();
  size_t blocks = body.size() / 64;
  std::vector<uint64_t> structural(blocks);
  std::vector<uint64_t> special(blocks);
  for (auto _ : state) {
    lineproto::ClassifyBlocks(level, body.data(), blocks, structural.data(), special.data());
    benchmark::DoNotOptimize(structural.data());
  }
  state.SetBytesProcessed(static_cast<int64_t>(blocks * 64 * state.iterations()));
  state.SetLabel(std::string(lineproto::SimdLevelName(level)));
}
BENCHMARK(BM_ClassifyBytes)->Arg(0)->Arg(1)->Arg(2);

void BM_ValidateUtf8(benchmark::State& state) {
  const std::string& body = TsbsBatch();
  for (auto _ : state) benchmark::DoNotOptimize(lineproto::ValidateUtf8(body).ok());
  state.SetBytesProcessed(static_cast<int64_t>(body.size() * state.iterations()));
}
BENCHMARK(BM_ValidateUtf8);

// Reference points measured in the same run (the anchors of performance-anchors.md):
// a naive scalar tokenizer (no escapes, no quotes, no validation; ints parsed) and
// memchr line splitting.
void BM_NaiveTokenizer(benchmark::State& state) {
  const std::string& body = TsbsBatch();
  int64_t sum = 0;
  size_t lines = 0;
  for (auto _ : state) {
    const char* p = body.data();
    const char* end = p + body.size();
    while (p < end) {
      const char* eol = static_cast<const char*>(std::memchr(p, '\n', end - p));
      if (!eol) eol = end;
      // measurement,tags  fields  timestamp
      const char* q = p;
      size_t tokens = 0;
      while (q < eol && *q != ' ') tokens += (*q++ == ',');
      ++q;
      while (q < eol && *q != ' ') {
        while (*q != '=') ++q;
        ++q;
        int64_t v = 0;
        while (*q >= '0' && *q <= '9') v = v * 10 + (*q++ - '0');
        sum += v;
        if (*q == 'i') ++q;
        if (*q == ',') ++q;
      }
      ++q;
      int64_t ts = 0;
      while (q < eol) ts = ts * 10 + (*q++ - '0');
      sum ^= ts + static_cast<int64_t>(tokens);
      ++lines;
      p = eol + 1;
    }
    benchmark::DoNotOptimize(sum);
  }
  state.SetBytesProcessed(static_cast<int64_t>(body.size() * state.iterations()));
  state.SetItemsProcessed(static_cast<int64_t>(lines));
}
BENCHMARK(BM_NaiveTokenizer)->Unit(benchmark::kMillisecond);

void BM_MemchrLines(benchmark::State& state) {
  const std::string& body = TsbsBatch();
  size_t lines = 0;
  for (auto _ : state) {
    const char* p = body.data();
    const char* end = p + body.size();
    while (const char* eol = static_cast<const char*>(std::memchr(p, '\n', end - p))) {
      ++lines;
      p = eol + 1;
    }
    benchmark::DoNotOptimize(lines);
  }
  state.SetBytesProcessed(static_cast<int64_t>(body.size() * state.iterations()));
  state.SetItemsProcessed(static_cast<int64_t>(lines));
}
BENCHMARK(BM_MemchrLines)->Unit(benchmark::kMicrosecond);

}  // namespace
}  // namespace quiver::bench
