#pragma once

#include <cstdint>
#include <span>
#include <vector>

namespace quiver {

// Assigns dense group ids (0, 1, 2, ...) to tuples of `num_keys` 64-bit key codes, each
// with a null flag. An open-addressing hash table keeps the keys column-major so the
// aggregate's output can be built straight from them. Not thread-safe (one per worker).
class GroupTable {
 public:
  explicit GroupTable(int num_keys);

  int num_keys() const { return num_keys_; }
  uint32_t num_groups() const { return num_groups_; }

  // codes[k][i] / nulls[k][i] (nulls[k] may be null: no nulls) for rows i < rows; writes
  // each row's group id.
  void Insert(std::span<const uint64_t* const> codes, std::span<const uint8_t* const> nulls,
              int64_t rows, uint32_t* group_ids);
  // The id of one key tuple (inserting it if new).
  uint32_t FindOrInsert(const uint64_t* codes, const uint8_t* nulls);

  // Per key column, one entry per group.
  const std::vector<uint64_t>& key_codes(int k) const { return codes_[k]; }
  const std::vector<uint8_t>& key_nulls(int k) const { return nulls_[k]; }

 private:
  uint64_t Hash(const uint64_t* codes, const uint8_t* nulls) const;
  bool Equal(uint32_t group, const uint64_t* codes, const uint8_t* nulls) const;
  void Grow();

  const int num_keys_;
  uint32_t num_groups_ = 0;
  std::vector<uint32_t> slots_;   // group id + 1; 0 = empty
  std::vector<uint64_t> hashes_;  // per group
  std::vector<std::vector<uint64_t>> codes_;
  std::vector<std::vector<uint8_t>> nulls_;
};

}  // namespace quiver
