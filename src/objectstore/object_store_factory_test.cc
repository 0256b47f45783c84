#include "objectstore/object_store_factory.h"

#include <gtest/gtest.h>

#include "io/mem_file_system.h"
#include "testing/status_matchers.h"

namespace quiver {
namespace {

TEST(ObjectStoreFactoryTest, File) {
  MemFileSystem fs;
  ASSERT_OK_AND_ASSIGN(auto store, MakeObjectStore({"file", "/var/quiver", &fs}));
  EXPECT_EQ(store->Describe(), "file:///var/quiver");
  ASSERT_OK(store->Put("node0/x", "y"));
  ASSERT_OK_AND_ASSIGN(std::string bytes, fs.ReadFile("/var/quiver/node0/x"));
  EXPECT_EQ(bytes, "y");
}

TEST(ObjectStoreFactoryTest, FileNeedsDataDir) {
  Result<std::unique_ptr<ObjectStore>> store = MakeObjectStore({"file", "", nullptr});
  ASSERT_RAISES(kInvalidArgument, store);
  EXPECT_NE(store.status().message().find("--data-dir"), std::string::npos);
}

TEST(ObjectStoreFactoryTest, Memory) {
  ASSERT_OK_AND_ASSIGN(auto store, MakeObjectStore({"memory", "", nullptr}));
  EXPECT_EQ(store->Describe(), "memory:");
}

TEST(ObjectStoreFactoryTest, UnsupportedAndUnknownTypes) {
  ASSERT_RAISES(kNotImplemented, MakeObjectStore({"s3", "", nullptr}));
  Result<std::unique_ptr<ObjectStore>> unknown = MakeObjectStore({"floppy", "", nullptr});
  ASSERT_RAISES(kInvalidArgument, unknown);
  EXPECT_NE(unknown.status().message().find("floppy"), std::string::npos);
}

}  // namespace
}  // namespace quiver
