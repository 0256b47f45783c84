#include "exec/group_table.h"

#include "base/hash.h"

namespace quiver {

GroupTable::GroupTable(int num_keys)
    : num_keys_(num_keys), slots_(1024, 0), codes_(static_cast<size_t>(num_keys)), nulls_(static_cast<size_t>(num_keys)) {}

uint64_t GroupTable::Hash(const uint64_t* codes, const uint8_t* nulls) const {
  uint64_t h = 0x9ae16a3b2f90404fULL;
  for (int k = 0; k < num_keys_; ++k) h = HashCombine(h, nulls[k] ? 0x5bd1e995u : codes[k]);
  return h;
}

bool GroupTable::Equal(uint32_t group, const uint64_t* codes, const uint8_t* nulls) const {
  for (int k = 0; k < num_keys_; ++k) {
    if (nulls_[k][group] != nulls[k]) return false;
    if (!nulls[k] && codes_[k][group] != codes[k]) return false;
  }
  return true;
}

void GroupTable::Grow() {
  std::vector<uint32_t> slots(slots_.size() * 2, 0);
  size_t mask = slots.size() - 1;
  for (uint32_t g = 0; g < num_groups_; ++g) {
    size_t pos = hashes_[g] & mask;
    while (slots[pos] != 0) pos = (pos + 1) & mask;
    slots[pos] = g + 1;
  }
  slots_ = std::move(slots);
}

uint32_t GroupTable::FindOrInsert(const uint64_t* codes, const uint8_t* nulls) {
  uint64_t hash = Hash(codes, nulls);
  size_t mask = slots_.size() - 1;
  size_t pos = hash & mask;
  while (slots_[pos] != 0) {
    uint32_t g = slots_[pos] - 1;
    if (hashes_[g] == hash && Equal(g, codes, nulls)) return g;
    pos = (pos + 1) & mask;
  }
  uint32_t g = num_groups_++;
  slots_[pos] = g + 1;
  hashes_.push_back(hash);
  for (int k = 0; k < num_keys_; ++k) {
    codes_[k].push_back(nulls[k] ? 0 : codes[k]);
    nulls_[k].push_back(nulls[k]);
  }
  if (static_cast<size_t>(num_groups_) * 2 > slots_.size()) Grow();
  return g;
}

void GroupTable::Insert(std::span<const uint64_t* const> codes, std::span<const uint8_t* const> nulls,
                        int64_t rows, uint32_t* group_ids) {
  if (num_keys_ == 0) {
    if (num_groups_ == 0) FindOrInsert(nullptr, nullptr);
    std::fill(group_ids, group_ids + rows, 0);
    return;
  }
  uint64_t row_codes[16];
  uint8_t row_nulls[16];
  std::vector<uint64_t> big_codes;
  std::vector<uint8_t> big_nulls;
  uint64_t* rc = row_codes;
  uint8_t* rn = row_nulls;
  if (num_keys_ > 16) {
    big_codes.resize(static_cast<size_t>(num_keys_));
    big_nulls.resize(static_cast<size_t>(num_keys_));
    rc = big_codes.data();
    rn = big_nulls.data();
  }
  // Consecutive rows often repeat the previous key (sorted or clustered input).
  uint32_t last_group = UINT32_MAX;
  for (int64_t i = 0; i < rows; ++i) {
    for (int k = 0; k < num_keys_; ++k) {
      rc[k] = codes[k][i];
      rn[k] = nulls[k] ? nulls[k][i] : 0;
    }
    if (last_group != UINT32_MAX && Equal(last_group, rc, rn)) {
      group_ids[i] = last_group;
      continue;
    }
    last_group = FindOrInsert(rc, rn);
    group_ids[i] = last_group;
  }
}

}  // namespace quiver
