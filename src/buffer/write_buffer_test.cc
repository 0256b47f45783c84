#include "buffer/write_buffer.h"

#include <gtest/gtest.h>

#include <thread>

#include "buffer/wal_record.h"
#include "io/fault_injection_file_system.h"
#include "io/mem_file_system.h"
#include "objectstore/memory_object_store.h"
#include "testing/status_matchers.h"

namespace quiver {
namespace {

constexpr int64_t kNow = 1'700'000'000'000'000'000;  // 2023-11-14T22:13:20Z

// A server's write path in miniature: catalog, WAL and buffer over in-memory storage that
// survives "restarts" (Reopen) and can drop unsynced data (crashes).
class WriteBufferTest : public ::testing::Test {
 protected:
  void SetUp() override { Open(); }
  void TearDown() override { Close(); }

  void Open(WriteBufferOptions options = {}) {
    auto catalog = Catalog::Open(&store_, {}, &clock_);
    ASSERT_OK(catalog.status());
    catalog_ = std::move(*catalog);
    buffer_ = std::make_unique<WriteBuffer>(catalog_.get(), options, &clock_);
    WalOptions wal_options;
    wal_options.flush_interval_nanos = kNanosPerMilli;
    auto wal = Wal::Open(&fs_, "/data/quiver/wal", wal_options, buffer_.get());
    ASSERT_OK(wal.status());
    wal_ = std::move(*wal);
    buffer_->AttachWal(wal_.get());
  }

  void Close() {
    if (wal_) EXPECT_OK(wal_->Close());
    wal_.reset();
    buffer_.reset();
    catalog_.reset();
  }

  void Reopen(WriteBufferOptions options = {}) {
    Close();
    Open(options);
  }

  WriteOutcome Write(std::string_view body, bool accept_partial = true,
                     lineproto::Precision precision = lineproto::Precision::kNanosecond) {
    WriteRequest request;
    request.db = "db";
    request.body = body;
    request.accept_partial = accept_partial;
    request.precision = precision;
    auto outcome = buffer_->Write(request);
    EXPECT_TRUE(outcome.ok()) << outcome.status().ToString();
    return outcome.ok() ? *outcome : WriteOutcome{};
  }

  // The table's buffered rows as text, each batch's rows sorted for stable comparison.
  std::string Rows(std::string_view table, TimeRange range = TimeRange::All()) {
    auto snapshot = catalog_->snapshot();
    const DatabaseSchema* db = snapshot->FindDatabase("db");
    if (db == nullptr) return "<no db>";
    const TableSchema* t = db->FindTable(table);
    if (t == nullptr) return "<no table>";
    auto batches = buffer_->Scan(db->id(), t->id(), range);
    EXPECT_OK(batches.status());
    std::vector<std::string> lines;
    std::string header;
    for (const auto& batch : *batches) {
      std::string text = batch->ToString();
      size_t newline = text.find('\n');
      header = text.substr(0, newline + 1);
      size_t pos = newline + 1;
      while (pos < text.size()) {
        size_t end = text.find('\n', pos);
        lines.push_back(text.substr(pos, end - pos + 1));
        pos = end + 1;
      }
    }
    std::sort(lines.begin(), lines.end());
    std::string out = header;
    for (const auto& line : lines) out += line;
    return out;
  }

  ManualClock clock_{kNow};
  MemoryObjectStore store_{&clock_};
  MemFileSystem base_fs_{&clock_};
  FaultInjectionFileSystem fs_{&base_fs_};
  std::unique_ptr<Catalog> catalog_;
  std::unique_ptr<WriteBuffer> buffer_;
  std::unique_ptr<Wal> wal_;
};

TEST_F(WriteBufferTest, WrittenRowsAreVisibleWithSchemaOnWrite) {
  WriteOutcome outcome = Write(
      "cpu,host=a,region=eu usage=10.5,idle=89i 1700000000000000000\n"
      "cpu,host=b,region=eu usage=20.25,idle=79i 1700000000000000001\n"
      "cpu,host=a,region=us usage=30,idle=69i,note=\"hi \\\"x\\\"\" 1700000060000000000\n");
  EXPECT_EQ(outcome.accepted_lines, 3);
  EXPECT_TRUE(outcome.errors.empty());
  EXPECT_GT(outcome.sequence, 0u);
  EXPECT_EQ(Rows("cpu"),
            "host | idle | note | region | time | usage\n"
            "\"a\" | 69 | \"hi \"x\"\" | \"us\" | 2023-11-14T22:14:20 | 30\n"
            "\"a\" | 89 | null | \"eu\" | 2023-11-14T22:13:20 | 10.5\n"
            "\"b\" | 79 | null | \"eu\" | 2023-11-14T22:13:20.000000001 | 20.25\n");
}

TEST_F(WriteBufferTest, PartialWriteStoresGoodLinesAndReportsBadOnes) {
  Write("m,t=a v=1 1\n");
  WriteOutcome outcome = Write(
      "m,t=b v=2 2\n"
      "m,t=c v=\"str\" 3\n"
      "m,t=d v=oops 4\n"
      "m,t=e v=5 5\n");
  EXPECT_EQ(outcome.accepted_lines, 2);
  ASSERT_EQ(outcome.errors.size(), 2u);
  EXPECT_EQ(outcome.errors[0].line_number, 2u);
  EXPECT_EQ(outcome.errors[0].message,
            "invalid column type for column 'v', expected iox::column_type::field::float, got "
            "iox::column_type::field::string");
  EXPECT_EQ(outcome.errors[0].original_line, "m,t=c v=\"str\" 3");
  EXPECT_EQ(outcome.errors[1].line_number, 3u);
  EXPECT_EQ(Rows("m"),
            "t | time | v\n"
            "\"a\" | 1970-01-01T00:00:00.000000001 | 1\n"
            "\"b\" | 1970-01-01T00:00:00.000000002 | 2\n"
            "\"e\" | 1970-01-01T00:00:00.000000005 | 5\n");
}

TEST_F(WriteBufferTest, RejectedBatchWritesNothingAndCreatesNoSchema) {
  WriteOutcome outcome = Write("fresh,t=a v=1 1\nfresh,t=b v=oops 2\n", /*accept_partial=*/false);
  EXPECT_TRUE(outcome.rejected);
  ASSERT_EQ(outcome.errors.size(), 1u);
  EXPECT_EQ(outcome.errors[0].line_number, 2u);
  EXPECT_EQ(outcome.sequence, 0u);
  EXPECT_EQ(Rows("fresh"), "<no db>");
  Write("fresh,t=a v=1 1\n");
  outcome = Write("fresh,t=a v=2 2\nfresh,t=b v=\"s\" 3\n", false);
  EXPECT_TRUE(outcome.rejected);
  EXPECT_EQ(Rows("fresh"), "t | time | v\n\"a\" | 1970-01-01T00:00:00.000000001 | 1\n");
}

TEST_F(WriteBufferTest, DuplicatePointsMergeLastWriteWinsPerField) {
  Write("m,host=h a=1,b=1 10\nm,host=g a=7 10\n");
  Write("m,host=h a=2 10\n");        // a overwritten, b kept
  Write("m,host=h b=3 10\n");        // b overwritten
  Write("m,host=h a=4,b=4 20\n");    // another point
  EXPECT_EQ(Rows("m"),
            "a | b | host | time\n"
            "2 | 3 | \"h\" | 1970-01-01T00:00:00.000000010\n"
            "4 | 4 | \"h\" | 1970-01-01T00:00:00.000000020\n"
            "7 | null | \"g\" | 1970-01-01T00:00:00.000000010\n");
  // Within one request, later lines are more recent.
  Write("d,host=x v=1 5\nd,host=x v=2 5\n");
  EXPECT_EQ(Rows("d"), "host | time | v\n\"x\" | 1970-01-01T00:00:00.000000005 | 2\n");
}

TEST_F(WriteBufferTest, MissingTimestampTakesReceiptTimeAtPrecision) {
  Write("m v=1\n", true, lineproto::Precision::kSecond);
  clock_.Advance(123);
  Write("m v=2\n", true, lineproto::Precision::kNanosecond);
  EXPECT_EQ(Rows("m"),
            "time | v\n"
            "2023-11-14T22:13:20 | 1\n"
            "2023-11-14T22:13:20.000000123 | 2\n");
}

TEST_F(WriteBufferTest, RowsAcrossTimeBlocksAndLargeBatchesSplitIntoChunks) {
  Reopen(WriteBufferOptions{kNanosPerMinute, 1000, int64_t{1} << 40});
  std::string body;
  for (int i = 0; i < 5000; ++i) {
    body += fmt::format("m,host=h{} v={}i {}\n", i % 7, i, int64_t{i} * kNanosPerSecond);
  }
  EXPECT_EQ(Write(body).accepted_lines, 5000);
  auto snapshot = catalog_->snapshot();
  const DatabaseSchema* db = snapshot->FindDatabase("db");
  const TableSchema* t = db->FindTable("m");
  ASSERT_OK_AND_ASSIGN(auto batches, buffer_->Scan(db->id(), t->id(), TimeRange::All()));
  int64_t rows = 0;
  for (const auto& b : batches) rows += b->num_rows();
  EXPECT_EQ(rows, 5000);
  EXPECT_GT(batches.size(), 5000u / 1000);  // 84 one-minute blocks
  // A time-range scan returns only overlapping blocks.
  ASSERT_OK_AND_ASSIGN(auto some, buffer_->Scan(db->id(), t->id(), TimeRange{0, 59 * kNanosPerSecond}));
  rows = 0;
  for (const auto& b : some) rows += b->num_rows();
  EXPECT_EQ(rows, 60);
}

TEST_F(WriteBufferTest, NewColumnsAppearAsNullInEarlierRows) {
  Write("m,a=1 x=1 1\n");
  Write("m,a=1,b=2 y=true,x=2 2\n");
  Write("m s=\"text\",x=3 3\n");
  EXPECT_EQ(Rows("m"),
            "a | b | s | time | x | y\n"
            "\"1\" | \"2\" | null | 1970-01-01T00:00:00.000000002 | 2 | true\n"
            "\"1\" | null | null | 1970-01-01T00:00:00.000000001 | 1 | null\n"
            "null | null | \"text\" | 1970-01-01T00:00:00.000000003 | 3 | null\n");
}

TEST_F(WriteBufferTest, ReplayRestoresExactlyTheAcknowledgedRows) {
  Write("m,host=a v=1 1\nm,host=b v=bad 2\nm,host=c v=3 3\n");
  Write("m,host=a v=10 1\n");  // duplicate point: replay must keep the later value
  Write("m v=5\n", true, lineproto::Precision::kMillisecond);
  std::string before = Rows("m");
  Reopen();
  EXPECT_EQ(Rows("m"), before);
  EXPECT_EQ(before,
            "host | time | v\n"
            "\"a\" | 1970-01-01T00:00:00.000000001 | 10\n"
            "\"c\" | 1970-01-01T00:00:00.000000003 | 3\n"
            "null | 2023-11-14T22:13:20 | 5\n");
}

TEST_F(WriteBufferTest, CrashLosesNothingAcknowledged) {
  for (int i = 0; i < 20; ++i) Write(fmt::format("m,host=h{} v={} {}\n", i % 3, i, i));
  std::string acknowledged = Rows("m");
  // Power failure: everything not fsynced is gone; then restart.
  Close();
  ASSERT_OK(fs_.DropUnsyncedData());
  Open();
  EXPECT_EQ(Rows("m"), acknowledged);
}

TEST_F(WriteBufferTest, ConcurrentWritersAllVisible) {
  constexpr int kThreads = 4;
  constexpr int kWrites = 50;
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([this, t] {
      for (int i = 0; i < kWrites; ++i) {
        WriteRequest request;
        request.db = "db";
        std::string body = fmt::format("m,writer=w{} v={}i {}\n", t, i, i);
        request.body = body;
        auto outcome = buffer_->Write(request);
        ASSERT_TRUE(outcome.ok()) << outcome.status().ToString();
        ASSERT_EQ(outcome->accepted_lines, 1);
      }
    });
  }
  for (auto& thread : threads) thread.join();
  auto snapshot = catalog_->snapshot();
  const DatabaseSchema* db = snapshot->FindDatabase("db");
  ASSERT_OK_AND_ASSIGN(auto batches, buffer_->Scan(db->id(), db->FindTable("m")->id(), TimeRange::All()));
  int64_t rows = 0;
  for (const auto& b : batches) rows += b->num_rows();
  EXPECT_EQ(rows, kThreads * kWrites);
}

TEST_F(WriteBufferTest, MemoryLimitRefusesWrites) {
  Reopen(WriteBufferOptions{10 * kNanosPerMinute, 1024, 1});
  Write("m v=1 1\n");  // The first write fits (the buffer was empty).
  WriteRequest request;
  request.db = "db";
  request.body = "m v=2 2\n";
  auto outcome = buffer_->Write(request);
  ASSERT_RAISES(kUnavailable, outcome);
  EXPECT_NE(outcome.status().message().find("write buffer is full"), std::string::npos);
}

TEST(WalRecordTest, RoundTrip) {
  WalWriteRecord record;
  record.token = 77;
  record.db_id = 3;
  record.db_name = "db/rp";
  record.precision = lineproto::Precision::kMillisecond;
  record.default_time_ns = -5;
  record.rejected_lines = {2, 3, 300};
  record.body = "m v=1\n";
  std::string payload;
  EncodeWalWriteRecord(record, &payload);
  ASSERT_OK_AND_ASSIGN(WalWriteRecord decoded, DecodeWalWriteRecord(payload));
  EXPECT_EQ(decoded.token, 77u);
  EXPECT_EQ(decoded.db_id, 3u);
  EXPECT_EQ(decoded.db_name, "db/rp");
  EXPECT_EQ(decoded.precision, lineproto::Precision::kMillisecond);
  EXPECT_EQ(decoded.default_time_ns, -5);
  EXPECT_EQ(decoded.rejected_lines, (std::vector<size_t>{2, 3, 300}));
  EXPECT_EQ(decoded.body, "m v=1\n");
  for (size_t cut = 0; cut < payload.size() - record.body.size(); ++cut) {
    ASSERT_RAISES(kCorruption, DecodeWalWriteRecord(std::string_view(payload).substr(0, cut)));
  }
}

}  // namespace
}  // namespace quiver
