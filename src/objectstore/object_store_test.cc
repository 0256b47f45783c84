// Conformance tests every ObjectStore backend must pass: LocalObjectStore over the real
// file system and over MemFileSystem, and MemoryObjectStore.
#include "objectstore/object_store.h"

#include <gtest/gtest.h>

#include <atomic>
#include <memory>
#include <thread>
#include <vector>

#include "io/mem_file_system.h"
#include "io/path.h"
#include "io/posix_file_system.h"
#include "objectstore/local_object_store.h"
#include "objectstore/memory_object_store.h"
#include "testing/status_matchers.h"
#include "testing/temp_dir.h"

namespace quiver {
namespace {

enum class Backend { kLocalPosix, kLocalMem, kMemory };

std::string BackendName(const ::testing::TestParamInfo<Backend>& info) {
  switch (info.param) {
    case Backend::kLocalPosix:
      return "LocalPosix";
    case Backend::kLocalMem:
      return "LocalMem";
    case Backend::kMemory:
      return "Memory";
  }
  return "Unknown";
}

std::vector<std::string> Keys(const std::vector<ObjectMeta>& objects) {
  std::vector<std::string> keys;
  for (const ObjectMeta& object : objects) keys.push_back(object.key);
  return keys;
}

class ObjectStoreTest : public ::testing::TestWithParam<Backend> {
 protected:
  void SetUp() override {
    switch (GetParam()) {
      case Backend::kLocalPosix: {
        ASSERT_OK_AND_ASSIGN(store_, LocalObjectStore::Make(PosixFileSystem::Default(),
                                                            JoinPath(dir_.path(), "root")));
        break;
      }
      case Backend::kLocalMem: {
        ASSERT_OK_AND_ASSIGN(store_, LocalObjectStore::Make(&mem_fs_, "/data"));
        break;
      }
      case Backend::kMemory:
        store_ = std::make_unique<MemoryObjectStore>();
        break;
    }
  }

  testing::TempDir dir_;
  MemFileSystem mem_fs_;
  std::unique_ptr<ObjectStore> store_;
};

TEST_P(ObjectStoreTest, PutGetHeadDelete) {
  ASSERT_OK(store_->Put("node0/catalog/v3/snapshot", "catalog bytes"));
  ASSERT_OK_AND_ASSIGN(std::string bytes, store_->Get("node0/catalog/v3/snapshot"));
  EXPECT_EQ(bytes, "catalog bytes");
  ASSERT_OK_AND_ASSIGN(ObjectMeta meta, store_->Head("node0/catalog/v3/snapshot"));
  EXPECT_EQ(meta.key, "node0/catalog/v3/snapshot");
  EXPECT_EQ(meta.size, 13u);
  EXPECT_GT(meta.last_modified_nanos, 0);

  ASSERT_OK(store_->Put("node0/catalog/v3/snapshot", "v2"));
  ASSERT_OK_AND_ASSIGN(bytes, store_->Get("node0/catalog/v3/snapshot"));
  EXPECT_EQ(bytes, "v2");

  ASSERT_OK(store_->Delete("node0/catalog/v3/snapshot"));
  ASSERT_OK(store_->Delete("node0/catalog/v3/snapshot"));  // idempotent
  Result<std::string> missing = store_->Get("node0/catalog/v3/snapshot");
  ASSERT_RAISES(kNotFound, missing);
  EXPECT_EQ(missing.status().message(), "object not found: node0/catalog/v3/snapshot");
  ASSERT_RAISES(kNotFound, store_->Head("node0/catalog/v3/snapshot"));
  // A "directory" is not an object.
  ASSERT_RAISES(kNotFound, store_->Get("node0/catalog"));
}

TEST_P(ObjectStoreTest, EmptyAndBinaryObjects) {
  ASSERT_OK(store_->Put("empty", ""));
  ASSERT_OK_AND_ASSIGN(std::string bytes, store_->Get("empty"));
  EXPECT_EQ(bytes, "");
  std::string binary("\0\1\2\xff\0", 5);
  ASSERT_OK(store_->Put("bin", binary));
  ASSERT_OK_AND_ASSIGN(bytes, store_->Get("bin"));
  EXPECT_EQ(bytes, binary);
}

TEST_P(ObjectStoreTest, PutIfAbsentCreatesOnlyOnce) {
  ASSERT_OK(store_->PutIfAbsent("n/logs/1", "first"));
  Status second = store_->PutIfAbsent("n/logs/1", "second");
  ASSERT_RAISES(kAlreadyExists, second);
  EXPECT_EQ(second.message(), "object already exists: n/logs/1");
  ASSERT_OK_AND_ASSIGN(std::string bytes, store_->Get("n/logs/1"));
  EXPECT_EQ(bytes, "first");
  ASSERT_OK_AND_ASSIGN(auto objects, store_->List("n/"));
  EXPECT_EQ(Keys(objects), std::vector<std::string>{"n/logs/1"});  // no temp file left
}

TEST_P(ObjectStoreTest, ConcurrentPutIfAbsentHasExactlyOneWinner) {
  constexpr int kThreads = 8;
  std::atomic<int> winners{0};
  std::atomic<int> losers{0};
  std::vector<std::thread> threads;
  for (int thread_index = 0; thread_index < kThreads; ++thread_index) {
    threads.emplace_back([&, thread_index] {
      Status status = store_->PutIfAbsent("n/logs/7", "writer " + std::to_string(thread_index));
      if (status.ok()) ++winners;
      if (status.IsAlreadyExists()) ++losers;
    });
  }
  for (auto& thread : threads) thread.join();
  EXPECT_EQ(winners.load(), 1);
  EXPECT_EQ(losers.load(), kThreads - 1);
}

TEST_P(ObjectStoreTest, GetRange) {
  ASSERT_OK(store_->Put("r", "0123456789"));
  ASSERT_OK_AND_ASSIGN(std::string bytes, store_->GetRange("r", 2, 3));
  EXPECT_EQ(bytes, "234");
  ASSERT_OK_AND_ASSIGN(bytes, store_->GetRange("r", 7, 100));
  EXPECT_EQ(bytes, "789");
  ASSERT_OK_AND_ASSIGN(bytes, store_->GetRange("r", 10, 1));
  EXPECT_EQ(bytes, "");
  ASSERT_RAISES(kOutOfRange, store_->GetRange("r", 11, 1));
  ASSERT_RAISES(kNotFound, store_->GetRange("missing", 0, 1));
}

TEST_P(ObjectStoreTest, ListIsSortedAndFiltersByStringPrefix) {
  for (std::string_view key : {"n/wal/2", "n/wal/10", "n/walrus", "n/dbs/1/3/a.parquet",
                               "n/dbs/1/30/b.parquet", "other/x"}) {
    ASSERT_OK(store_->Put(key, std::string(key.size(), 'x')));
  }
  ASSERT_OK_AND_ASSIGN(auto all, store_->List(""));
  EXPECT_EQ(Keys(all), (std::vector<std::string>{"n/dbs/1/3/a.parquet", "n/dbs/1/30/b.parquet",
                                                 "n/wal/10", "n/wal/2", "n/walrus", "other/x"}));
  ASSERT_OK_AND_ASSIGN(auto wal, store_->List("n/wal/"));
  EXPECT_EQ(Keys(wal), (std::vector<std::string>{"n/wal/10", "n/wal/2"}));
  EXPECT_EQ(wal[0].size, 8u);
  ASSERT_OK_AND_ASSIGN(auto partial, store_->List("n/wal"));
  EXPECT_EQ(Keys(partial), (std::vector<std::string>{"n/wal/10", "n/wal/2", "n/walrus"}));
  ASSERT_OK_AND_ASSIGN(auto table3, store_->List("n/dbs/1/3/"));
  EXPECT_EQ(Keys(table3), std::vector<std::string>{"n/dbs/1/3/a.parquet"});
  ASSERT_OK_AND_ASSIGN(auto table3x, store_->List("n/dbs/1/3"));
  EXPECT_EQ(Keys(table3x),
            (std::vector<std::string>{"n/dbs/1/3/a.parquet", "n/dbs/1/30/b.parquet"}));
  ASSERT_OK_AND_ASSIGN(auto none, store_->List("nothing/here/"));
  EXPECT_TRUE(none.empty());
  ASSERT_OK_AND_ASSIGN(auto exact, store_->List("other/x"));
  EXPECT_EQ(Keys(exact), std::vector<std::string>{"other/x"});
}

TEST_P(ObjectStoreTest, InvalidKeysAreRejectedWithTheKeyNamed) {
  for (std::string_view key : {"../escape", "/etc/passwd", "a//b", "a/../../b", "", "a/"}) {
    SCOPED_TRACE(key);
    Status put = store_->Put(key, "x");
    ASSERT_RAISES(kInvalidArgument, put);
    if (!key.empty()) {
      EXPECT_NE(put.message().find(key), std::string::npos) << put.message();
    }
    ASSERT_RAISES(kInvalidArgument, store_->PutIfAbsent(key, "x"));
    ASSERT_RAISES(kInvalidArgument, store_->Get(key));
    ASSERT_RAISES(kInvalidArgument, store_->GetRange(key, 0, 1));
    ASSERT_RAISES(kInvalidArgument, store_->Head(key));
    ASSERT_RAISES(kInvalidArgument, store_->Delete(key));
  }
  ASSERT_RAISES(kInvalidArgument, store_->List("../"));
  ASSERT_RAISES(kInvalidArgument, store_->List("/abs"));
}

TEST_P(ObjectStoreTest, ConcurrentPutsAndGets) {
  constexpr int kThreads = 4;
  constexpr int kObjects = 50;
  std::vector<std::thread> threads;
  std::atomic<int> failures{0};
  for (int thread_index = 0; thread_index < kThreads; ++thread_index) {
    threads.emplace_back([&, thread_index] {
      for (int i = 0; i < kObjects; ++i) {
        std::string key = fmt::format("t{}/obj{:03}", thread_index, i);
        if (!store_->Put(key, key).ok()) ++failures;
        Result<std::string> back = store_->Get(key);
        if (!back.ok() || *back != key) ++failures;
      }
    });
  }
  for (auto& thread : threads) thread.join();
  EXPECT_EQ(failures.load(), 0);
  ASSERT_OK_AND_ASSIGN(auto all, store_->List(""));
  EXPECT_EQ(all.size(), static_cast<size_t>(kThreads * kObjects));
}

INSTANTIATE_TEST_SUITE_P(AllBackends, ObjectStoreTest,
                         ::testing::Values(Backend::kLocalPosix, Backend::kLocalMem,
                                           Backend::kMemory),
                         BackendName);

}  // namespace
}  // namespace quiver
