// Writes TSBS cpu-only data (see tsbs_cpu_generator.h) to stdout:
//   quiver_tsbs_cpu_gen <hosts> <rows> [--csv]
// Rows are time-major (one row per host per 10 s epoch), as tsbs_generate_data emits
// them. With --csv the same rows are written as CSV with a header (tags, the 10 fields,
// then `time` as integer nanoseconds), for loading peers such as DuckDB.
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>

#include "lineproto/line_parser.h"
#include "tsbs_cpu_generator.h"

namespace {

// Converts TSBS line protocol (no escapes, fixed keys) to CSV rows.
void AppendCsv(std::string_view lines, std::string* out, bool header) {
  quiver::lineproto::LineProtocolParser parser;
  parser.Reset(lines);
  while (parser.Next()) {
    const auto& line = parser.line();
    if (header) {
      for (const auto& tag : line.tags) {
        out->append(tag.key);
        out->push_back(',');
      }
      for (const auto& field : line.fields) {
        out->append(field.key);
        out->push_back(',');
      }
      out->append("time\n");
      header = false;
    }
    for (const auto& tag : line.tags) {
      out->append(tag.value);
      out->push_back(',');
    }
    for (const auto& field : line.fields) {
      out->append(std::to_string(field.value.integer_value));
      out->push_back(',');
    }
    out->append(std::to_string(line.timestamp));
    out->push_back('\n');
  }
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 3 && !(argc == 4 && std::strcmp(argv[3], "--csv") == 0)) {
    std::fprintf(stderr, "usage: %s <hosts> <rows> [--csv]\n", argv[0]);
    return 2;
  }
  int hosts = std::atoi(argv[1]);
  long long rows = std::atoll(argv[2]);
  bool csv = argc == 4;
  if (hosts <= 0 || rows < 0) {
    std::fprintf(stderr, "hosts must be positive and rows non-negative\n");
    return 2;
  }
  quiver::bench::TsbsCpuGenerator generator(hosts);
  std::string chunk, converted;
  const long long kChunkRows = 100'000;
  for (long long done = 0; done < rows; done += kChunkRows) {
    chunk.clear();
    generator.AppendRows(static_cast<size_t>(std::min(kChunkRows, rows - done)), &chunk);
    if (csv) {
      converted.clear();
      AppendCsv(chunk, &converted, done == 0);
      std::fwrite(converted.data(), 1, converted.size(), stdout);
    } else {
      std::fwrite(chunk.data(), 1, chunk.size(), stdout);
    }
  }
  return 0;
}
