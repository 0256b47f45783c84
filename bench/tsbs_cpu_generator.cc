#include "tsbs_cpu_generator.h"

#include <algorithm>
#include <charconv>

namespace quiver::bench {
namespace {

struct Region {
  const char* name;
  std::vector<const char*> zones;
};

const std::vector<Region>& Regions() {
  static const std::vector<Region> regions = {
      {"us-east-1", {"us-east-1a", "us-east-1b", "us-east-1c", "us-east-1e"}},
      {"us-west-1", {"us-west-1a", "us-west-1b"}},
      {"us-west-2", {"us-west-2a", "us-west-2b", "us-west-2c"}},
      {"eu-west-1", {"eu-west-1a", "eu-west-1b", "eu-west-1c"}},
      {"eu-central-1", {"eu-central-1a", "eu-central-1b"}},
      {"ap-southeast-1", {"ap-southeast-1a", "ap-southeast-1b"}},
      {"ap-southeast-2", {"ap-southeast-2a", "ap-southeast-2b"}},
      {"ap-northeast-1", {"ap-northeast-1a", "ap-northeast-1c"}},
      {"sa-east-1", {"sa-east-1a", "sa-east-1b", "sa-east-1c"}},
  };
  return regions;
}

constexpr const char* kOs[] = {"Ubuntu16.10", "Ubuntu16.04LTS", "Ubuntu15.10"};
constexpr const char* kArch[] = {"x64", "x86"};
constexpr const char* kTeam[] = {"SF", "NYC", "LON", "CHI"};
constexpr const char* kEnvironment[] = {"production", "staging", "test"};
constexpr const char* kFieldNames[] = {
    "usage_user", "usage_system",  "usage_idle",  "usage_nice",  "usage_iowait",
    "usage_irq",  "usage_softirq", "usage_steal", "usage_guest", "usage_guest_nice"};

}  // namespace

TsbsCpuGenerator::TsbsCpuGenerator(int hosts, uint64_t seed) : rng_(seed) {
  auto pick = [this](size_t n) { return static_cast<size_t>(rng_() % n); };
  std::uniform_real_distribution<double> start(0.0, 100.0);
  hosts_.resize(static_cast<size_t>(hosts));
  for (int i = 0; i < hosts; ++i) {
    Host& host = hosts_[static_cast<size_t>(i)];
    // Draw order as in TSBS: region, datacenter, rack, arch, os, service,
    // service_version, service_environment, team.
    const Region& region = Regions()[pick(Regions().size())];
    const char* datacenter = region.zones[pick(region.zones.size())];
    int rack = static_cast<int>(pick(100));
    const char* arch = kArch[pick(2)];
    const char* os = kOs[pick(3)];
    int service = static_cast<int>(pick(20));
    int service_version = static_cast<int>(pick(2));
    const char* environment = kEnvironment[pick(3)];
    const char* team = kTeam[pick(4)];
    host.series_key = "cpu,hostname=host_" + std::to_string(i) + ",region=" + region.name +
                      ",datacenter=" + datacenter + ",rack=" + std::to_string(rack) + ",os=" + os +
                      ",arch=" + arch + ",team=" + team + ",service=" + std::to_string(service) +
                      ",service_version=" + std::to_string(service_version) +
                      ",service_environment=" + environment;
    for (double& u : host.usage) u = start(rng_);
  }
}

void TsbsCpuGenerator::AppendEpoch(std::string* out) {
  AppendRows(hosts_.size() - next_host_, out);
}

void TsbsCpuGenerator::AppendRows(size_t rows, std::string* out) {
  std::normal_distribution<double> step(0.0, 1.0);
  char buffer[32];
  for (size_t r = 0; r < rows; ++r) {
    Host& host = hosts_[next_host_];
    out->append(host.series_key);
    for (int f = 0; f < 10; ++f) {
      out->push_back(f == 0 ? ' ' : ',');
      out->append(kFieldNames[f]);
      out->push_back('=');
      auto end =
          std::to_chars(buffer, buffer + sizeof(buffer), static_cast<int64_t>(host.usage[f])).ptr;
      out->append(buffer, end);
      out->push_back('i');
    }
    out->push_back(' ');
    auto end =
        std::to_chars(buffer, buffer + sizeof(buffer), kStartNanos + epoch_ * kIntervalNanos).ptr;
    out->append(buffer, end);
    out->push_back('\n');
    if (++next_host_ == hosts_.size()) {
      // The epoch is complete: advance every host's walks.
      next_host_ = 0;
      ++epoch_;
      for (Host& h : hosts_) {
        for (double& u : h.usage) u = std::clamp(u + step(rng_), 0.0, 100.0);
      }
    }
  }
}

}  // namespace quiver::bench
