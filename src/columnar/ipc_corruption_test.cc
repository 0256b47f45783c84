// The IPC reader on hostile input: truncated at every byte, bit-flipped, with lying
// lengths. It must return an error (or, where the damage leaves a well-formed stream, a
// valid result) and never crash or read out of bounds (run under ASan/UBSan).

#include <gtest/gtest.h>

#include <cstring>
#include <random>
#include <set>

#include "columnar/interop/sample_batches.h"
#include "columnar/ipc_reader.h"
#include "columnar/ipc_writer.h"
#include "columnar/validate_array.h"
#include "testing/status_matchers.h"

namespace quiver {
namespace {

std::string StreamBytes(const std::string& name) {
  samples::SampleStream stream = samples::MakeCanonicalStream(name).ValueOrDie();
  return WriteIpcStream(stream.schema, stream.batches, stream.options).ValueOrDie();
}

// Offsets at which a message (or the end-of-stream marker) starts, plus the end.
std::set<size_t> MessageBoundaries(const std::string& bytes) {
  std::set<size_t> boundaries = {0};
  BufferIpcInputStream input(Buffer::FromString(bytes));
  while (true) {
    auto message = ReadIpcMessage(&input).ValueOrDie();
    boundaries.insert(static_cast<size_t>(input.position()));
    if (!message.has_value()) break;
  }
  return boundaries;
}

// Reads everything; on success the batches must be valid.
Status ReadAllChecked(const std::string& bytes) {
  ASSIGN_OR_RETURN(BufferPtr buffer, Buffer::Copy(bytes));
  ASSIGN_OR_RETURN(IpcStreamContents contents, ReadIpcStream(buffer));
  for (const RecordBatchPtr& batch : contents.batches) {
    Status st = ValidateRecordBatch(*batch);
    if (!st.ok()) return Status::Internal("reader returned an invalid batch: {}", st.ToString());
    (void)batch->ToString();  // Touch every value.
  }
  return Status::OK();
}

const char* const kStreams[] = {"primitives",    "nested",      "dictionary_deltas", "sliced",
                                "empty_batches", "nested_zstd", "primitives_lz4"};

TEST(IpcCorruptionTest, TruncatedAtEveryByte) {
  for (const char* name : kStreams) {
    SCOPED_TRACE(name);
    std::string bytes = StreamBytes(name);
    std::set<size_t> boundaries = MessageBoundaries(bytes);
    for (size_t length = 0; length < bytes.size(); ++length) {
      Status st = ReadAllChecked(bytes.substr(0, length));
      EXPECT_NE(st.code(), StatusCode::kInternal) << st.ToString();
      if (boundaries.count(length) != 0 && length > 0) {
        // A clean cut between messages is a shorter, valid stream.
        EXPECT_OK(st);
      } else {
        EXPECT_FALSE(st.ok()) << "prefix of " << length << " bytes read without error";
      }
    }
  }
}

TEST(IpcCorruptionTest, SingleBitFlips) {
  std::mt19937_64 random(42);
  for (const char* name : kStreams) {
    SCOPED_TRACE(name);
    std::string bytes = StreamBytes(name);
    int failures = 0;
    for (int trial = 0; trial < 1500; ++trial) {
      std::string damaged = bytes;
      size_t bit = random() % (damaged.size() * 8);
      damaged[bit / 8] = static_cast<char>(damaged[bit / 8] ^ (1 << (bit % 8)));
      Status st = ReadAllChecked(damaged);
      EXPECT_NE(st.code(), StatusCode::kInternal) << st.ToString();
      failures += st.ok() ? 0 : 1;
    }
    EXPECT_GT(failures, 0);
  }
}

TEST(IpcCorruptionTest, RandomByteOverwrites) {
  std::mt19937_64 random(7);
  for (const char* name : kStreams) {
    SCOPED_TRACE(name);
    std::string bytes = StreamBytes(name);
    for (int trial = 0; trial < 800; ++trial) {
      std::string damaged = bytes;
      int edits = 1 + static_cast<int>(random() % 4);
      for (int e = 0; e < edits; ++e) {
        static const char kValues[] = {'\0', '\x7f', '\x80', '\xff', '\x01'};
        damaged[random() % damaged.size()] =
            random() % 2 ? kValues[random() % 5] : static_cast<char>(random());
      }
      Status st = ReadAllChecked(damaged);
      EXPECT_NE(st.code(), StatusCode::kInternal) << st.ToString();
    }
  }
}

void PutInt32(std::string* bytes, size_t position, int32_t value) {
  std::memcpy(bytes->data() + position, &value, 4);
}

TEST(IpcCorruptionTest, LyingLengths) {
  std::string bytes = StreamBytes("primitives");
  {
    std::string damaged = bytes;
    PutInt32(&damaged, 4, 0x7fffffff);  // Metadata length far beyond the input.
    ASSERT_RAISES(kCorruption, ReadAllChecked(damaged));
  }
  {
    std::string damaged = bytes;
    PutInt32(&damaged, 4, -16);
    ASSERT_RAISES(kCorruption, ReadAllChecked(damaged));
  }
  {
    std::string damaged = bytes;
    PutInt32(&damaged, 4, 8);  // Too short for the flatbuffer.
    ASSERT_RAISES(kCorruption, ReadAllChecked(damaged));
  }
  ASSERT_RAISES(kCorruption, ReadAllChecked(""));
  ASSERT_RAISES(kCorruption, ReadAllChecked(std::string("\xff\xff\xff\xff\0\0\0\0", 8)));
  ASSERT_RAISES(kCorruption, ReadAllChecked("garbage that is not a stream"));
}

TEST(IpcCorruptionTest, MessagesOutOfOrder) {
  samples::SampleStream stream = samples::MakeCanonicalStream("dictionary_deltas").ValueOrDie();
  auto encoder = IpcStreamEncoder::Make(stream.schema).ValueOrDie();
  std::vector<IpcPayload> payloads;
  ASSERT_OK(encoder->EncodeBatch(*stream.batches[0], &payloads));
  IpcStreamDecoder decoder;
  auto consume = [&decoder](const IpcPayload& payload) {
    return decoder.Consume(Buffer::FromString(payload.metadata),
                           Buffer::FromString(payload.BodyToString()));
  };
  // Record batch or dictionary before the schema.
  ASSERT_RAISES(kCorruption, consume(payloads.back()));
  ASSERT_RAISES(kCorruption, consume(payloads.front()));
  ASSERT_OK(consume(encoder->EncodeSchema()));
  ASSERT_RAISES(kCorruption, consume(encoder->EncodeSchema()));
  // A record batch whose dictionaries were never sent.
  ASSERT_RAISES(kCorruption, consume(payloads.back()));
  // A body shorter than declared.
  ASSERT_RAISES(kCorruption, decoder.Consume(Buffer::FromString(payloads.front().metadata),
                                             Buffer::FromString("short")));
}

TEST(IpcCorruptionTest, DeltaBeforeAnyDictionary) {
  samples::SampleStream stream = samples::MakeCanonicalStream("dictionary_deltas").ValueOrDie();
  auto encoder = IpcStreamEncoder::Make(stream.schema).ValueOrDie();
  std::vector<IpcPayload> first, second;
  ASSERT_OK(encoder->EncodeBatch(*stream.batches[0], &first));
  ASSERT_OK(encoder->EncodeBatch(*stream.batches[1], &second));
  IpcStreamDecoder decoder;
  ASSERT_OK(decoder.Consume(Buffer::FromString(encoder->EncodeSchema().metadata), nullptr));
  // second[1] is the delta for "tag" (second[0] replaces "other").
  const IpcPayload& delta = second[1];
  ASSERT_EQ(delta.type, IpcMessageType::kDictionaryBatch);
  ASSERT_RAISES(kCorruption, decoder.Consume(Buffer::FromString(delta.metadata),
                                             Buffer::FromString(delta.BodyToString())));
}

}  // namespace
}  // namespace quiver
