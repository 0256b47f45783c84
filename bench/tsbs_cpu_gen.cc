// Writes TSBS cpu-only line protocol (see tsbs_cpu_generator.h) to stdout:
//   quiver_tsbs_cpu_gen <hosts> <rows>
// Rows are time-major (one row per host per 10 s epoch), as tsbs_generate_data emits them.
#include <cstdio>
#include <cstdlib>
#include <string>

#include "tsbs_cpu_generator.h"

int main(int argc, char** argv) {
  if (argc != 3) {
    std::fprintf(stderr, "usage: %s <hosts> <rows>\n", argv[0]);
    return 2;
  }
  int hosts = std::atoi(argv[1]);
  long long rows = std::atoll(argv[2]);
  if (hosts <= 0 || rows < 0) {
    std::fprintf(stderr, "hosts must be positive and rows non-negative\n");
    return 2;
  }
  quiver::bench::TsbsCpuGenerator generator(hosts);
  std::string chunk;
  const long long kChunkRows = 100'000;
  for (long long done = 0; done < rows; done += kChunkRows) {
    chunk.clear();
    generator.AppendRows(static_cast<size_t>(std::min(kChunkRows, rows - done)), &chunk);
    std::fwrite(chunk.data(), 1, chunk.size(), stdout);
  }
  return 0;
}
