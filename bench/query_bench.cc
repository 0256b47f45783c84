// Runs SQL queries against an in-memory Quiver over line-protocol data and times them:
//   quiver_query_bench <data.lp> <queries.txt> <repeat>
// Loads the data through the normal write path (parse, validate, WAL, buffer), then runs
// each query (one per line of queries.txt) `repeat` times after one warm-up run and prints
// one JSON object per query: {"query": i, "rows": n, "median_ms": m, "min_ms": m}.
// Used by tsbs_query_bench.py, which runs the same queries in DuckDB.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "db/quiver_db.h"

namespace {

double NowMs() {
  return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now().time_since_epoch()).count();
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 4) {
    std::fprintf(stderr, "usage: %s <data.lp> <queries.txt> <repeat>\n", argv[0]);
    return 2;
  }
  quiver::DbOptions options;
  options.object_store = "memory";
  options.buffer.memory_limit_bytes = int64_t{64} << 30;
  options.wal.max_buffer_bytes = uint64_t{1} << 30;
  auto db = quiver::QuiverDb::Open(options);
  if (!db.ok()) {
    std::fprintf(stderr, "%s\n", db.status().ToString().c_str());
    return 1;
  }
  std::ifstream data(argv[1]);
  std::string line, batch;
  int64_t lines = 0, total = 0;
  double load_start = NowMs();
  auto flush = [&]() -> bool {
    quiver::WriteRequest request;
    request.db = "benchmark";
    request.body = batch;
    request.no_sync = true;
    auto outcome = (*db)->Write(request);
    if (!outcome.ok() || !outcome->errors.empty()) {
      std::fprintf(stderr, "write failed: %s\n",
                   outcome.ok() ? outcome->errors[0].message.c_str() : outcome.status().ToString().c_str());
      return false;
    }
    batch.clear();
    lines = 0;
    return true;
  };
  while (std::getline(data, line)) {
    batch += line;
    batch += '\n';
    ++total;
    if (++lines == 10'000 && !flush()) return 1;
  }
  if (lines > 0 && !flush()) return 1;
  if (!(*db)->wal().Sync().ok()) return 1;
  std::fprintf(stderr, "loaded %lld rows in %.0f ms\n", static_cast<long long>(total), NowMs() - load_start);

  std::ifstream queries(argv[2]);
  int repeat = std::atoi(argv[3]);
  int index = 0;
  while (std::getline(queries, line)) {
    if (line.empty()) continue;
    std::vector<double> times;
    int64_t rows = 0;
    for (int r = 0; r <= repeat; ++r) {
      double start = NowMs();
      auto result = (*db)->QuerySql("benchmark", line, {});
      if (!result.ok()) {
        std::fprintf(stderr, "query %d failed: %s\n%s\n", index, result.status().ToString().c_str(), line.c_str());
        return 1;
      }
      rows = 0;
      while (true) {
        auto batch_result = (*result)->Next();
        if (!batch_result.ok()) {
          std::fprintf(stderr, "query %d failed: %s\n", index, batch_result.status().ToString().c_str());
          return 1;
        }
        if (!*batch_result) break;
        rows += (*batch_result)->num_rows();
      }
      if (r > 0) times.push_back(NowMs() - start);  // the first run warms up
    }
    std::sort(times.begin(), times.end());
    std::printf("{\"query\": %d, \"rows\": %lld, \"median_ms\": %.3f, \"min_ms\": %.3f}\n", index,
                static_cast<long long>(rows), times[times.size() / 2], times[0]);
    std::fflush(stdout);
    ++index;
  }
  return 0;
}
