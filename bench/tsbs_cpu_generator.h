#pragma once

#include <cstddef>
#include <cstdint>
#include <random>
#include <string>
#include <vector>

namespace quiver::bench {

// Deterministic generator of TSBS `cpu-only` line protocol, following
// shared/reference/performance-anchors.md (a): measurement `cpu`, 10 tags per host drawn
// once (hostname, region, datacenter, rack, os, arch, team, service, service_version,
// service_environment), 10 int64 fields (usage_user … usage_guest_nice), each a random
// walk clamped to [0, 100] with N(0, 1) steps and emitted truncated with an `i` suffix,
// ns timestamps from 2016-01-01T00:00:00Z every 10 s, time-major row order. About 345
// bytes per line. The PRNG differs from Go's, so values differ from real TSBS files,
// but the shape (sizes, distributions, cardinalities) is the same.
class TsbsCpuGenerator {
 public:
  static constexpr int64_t kStartNanos = 1451606400000000000;  // 2016-01-01T00:00:00Z
  static constexpr int64_t kIntervalNanos = 10'000'000'000;    // 10 s

  explicit TsbsCpuGenerator(int hosts, uint64_t seed = 123);

  // Appends the rows of the next epoch (one per host) and advances every host's walk.
  void AppendEpoch(std::string* out);

  // Appends `rows` rows (whole epochs first, then a partial one).
  void AppendRows(size_t rows, std::string* out);

  int hosts() const { return static_cast<int>(hosts_.size()); }

 private:
  struct Host {
    std::string series_key;  // "cpu,hostname=...,service_environment=..."
    double usage[10];
  };

  std::mt19937_64 rng_;
  std::vector<Host> hosts_;
  int64_t epoch_ = 0;
  size_t next_host_ = 0;
};

}  // namespace quiver::bench
