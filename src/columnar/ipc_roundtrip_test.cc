#include <gtest/gtest.h>

#include <cstring>

#include "columnar/dictionary_normalize.h"
#include "columnar/interop/array_literals.h"
#include "columnar/interop/sample_batches.h"
#include "columnar/ipc_reader.h"
#include "columnar/ipc_writer.h"
#include "columnar/validate_array.h"
#include "testing/status_matchers.h"

namespace quiver {
namespace {

using literals::Opt;

// What a batch looks like after a round trip: dictionary indices widened to Int32.
RecordBatchPtr Normalized(const RecordBatch& batch) {
  std::vector<Array> columns;
  for (const Array& column : batch.columns()) {
    columns.emplace_back(NormalizeDictionaryIndices(column.data()).ValueOrDie());
  }
  return RecordBatch::MakeUnchecked(NormalizeDictionaryIndexTypes(batch.schema()), batch.num_rows(),
                                    std::move(columns));
}

void ExpectSameBatches(const std::vector<RecordBatchPtr>& expected,
                       const std::vector<RecordBatchPtr>& actual) {
  ASSERT_EQ(expected.size(), actual.size());
  for (size_t i = 0; i < expected.size(); ++i) {
    RecordBatchPtr want = Normalized(*expected[i]);
    EXPECT_TRUE(want->Equals(*actual[i])) << "batch " << i << "\nexpected:\n"
                                          << want->ToString() << "actual:\n"
                                          << actual[i]->ToString();
    EXPECT_OK(ValidateRecordBatch(*actual[i]));
  }
}

Result<IpcStreamContents> RoundTrip(const SchemaPtr& schema,
                                    const std::vector<RecordBatchPtr>& batches,
                                    IpcWriteOptions options = {}) {
  ASSIGN_OR_RETURN(std::string bytes, WriteIpcStream(schema, batches, options));
  ASSIGN_OR_RETURN(BufferPtr buffer, Buffer::Copy(bytes));
  return ReadIpcStream(buffer);
}

TEST(IpcRoundTripTest, EveryCanonicalStream) {
  for (const std::string& name : samples::CanonicalStreamNames()) {
    SCOPED_TRACE(name);
    ASSERT_OK_AND_ASSIGN(samples::SampleStream stream, samples::MakeCanonicalStream(name));
    ASSERT_OK_AND_ASSIGN(IpcStreamContents read,
                         RoundTrip(stream.schema, stream.batches, stream.options));
    EXPECT_EQ(*read.schema, *NormalizeDictionaryIndexTypes(stream.schema))
        << read.schema->ToString();
    ExpectSameBatches(stream.batches, read.batches);
  }
}

TEST(IpcRoundTripTest, MetadataAndNullabilitySurvive) {
  ASSERT_OK_AND_ASSIGN(samples::SampleStream stream, samples::MakeCanonicalStream("metadata"));
  ASSERT_OK_AND_ASSIGN(IpcStreamContents read, RoundTrip(stream.schema, stream.batches));
  EXPECT_EQ(read.schema->metadata().Get("quiver:version"), "1");
  EXPECT_EQ(read.schema->metadata().Get("empty"), "");
  EXPECT_FALSE(read.schema->field(0).nullable());
  EXPECT_EQ(read.schema->field(0).metadata().Get("unit"), "ns");
  EXPECT_EQ(read.schema->field(1).metadata().size(), 2u);
  EXPECT_FALSE(read.schema->field(2).type().children()[0].nullable());
}

TEST(IpcRoundTripTest, EverySliceOfEveryType) {
  ASSERT_OK_AND_ASSIGN(RecordBatchPtr source, samples::SliceSourceBatch());
  for (int64_t offset = 0; offset <= source->num_rows(); ++offset) {
    for (int64_t length = 0; offset + length <= source->num_rows(); ++length) {
      SCOPED_TRACE(::testing::Message() << "slice " << offset << "+" << length);
      RecordBatchPtr slice = source->Slice(offset, length);
      ASSERT_OK_AND_ASSIGN(IpcStreamContents read, RoundTrip(slice->schema(), {slice}));
      ExpectSameBatches({slice}, read.batches);
    }
  }
}

TEST(IpcRoundTripTest, SlicedPrimitivesAndNested) {
  for (auto make : {samples::PrimitivesBatch, samples::NestedBatch}) {
    ASSERT_OK_AND_ASSIGN(RecordBatchPtr batch, make());
    std::vector<RecordBatchPtr> slices = {batch->Slice(1, 3), batch->Slice(3, 1),
                                          batch->Slice(2, 0)};
    ASSERT_OK_AND_ASSIGN(IpcStreamContents read, RoundTrip(batch->schema(), slices));
    ExpectSameBatches(slices, read.batches);
  }
}

TEST(IpcRoundTripTest, GrowingDictionaryIsSentAsDeltas) {
  ASSERT_OK_AND_ASSIGN(samples::SampleStream stream,
                       samples::MakeCanonicalStream("dictionary_deltas"));
  std::string bytes;
  ASSERT_OK_AND_ASSIGN(auto writer, IpcStreamWriter::Open(stream.schema, &bytes, stream.options));
  for (const RecordBatchPtr& batch : stream.batches) ASSERT_OK(writer->WriteBatch(*batch));
  ASSERT_OK(writer->Close());
  // Batch 0: three full dictionaries. Batch 1: "tag" grows (delta), "other" changes
  // (replacement), "int_dict" is the same object (nothing). Batch 2: two deltas.
  EXPECT_EQ(writer->stats().num_dictionary_batches, 7);
  EXPECT_EQ(writer->stats().num_dictionary_deltas, 3);
  EXPECT_EQ(writer->stats().num_replaced_dictionaries, 1);

  ASSERT_OK_AND_ASSIGN(BufferPtr buffer, Buffer::Copy(bytes));
  ASSERT_OK_AND_ASSIGN(auto reader, IpcStreamReader::Open(buffer));
  ASSERT_OK_AND_ASSIGN(auto batches, reader->ReadAll());
  EXPECT_EQ(reader->stats().num_dictionary_deltas, 3);
  EXPECT_EQ(reader->stats().num_replaced_dictionaries, 1);
  ExpectSameBatches(stream.batches, batches);
  // Earlier batches keep the dictionary they were decoded with.
  EXPECT_EQ(DictionaryArray(batches[0]->column(0)).dictionary().length(), 2);
  EXPECT_EQ(DictionaryArray(batches[1]->column(0)).dictionary().length(), 4);
  EXPECT_EQ(DictionaryArray(batches[2]->column(0)).dictionary().length(), 5);
  // int16 indices come back as int32.
  EXPECT_EQ(batches[0]->column(2).type().index_type(), DataType::Int32());
}

TEST(IpcRoundTripTest, ReplacementsWhenDeltasAreOff) {
  ASSERT_OK_AND_ASSIGN(samples::SampleStream stream,
                       samples::MakeCanonicalStream("dictionary_replacements"));
  std::string bytes;
  ASSERT_OK_AND_ASSIGN(auto writer, IpcStreamWriter::Open(stream.schema, &bytes, stream.options));
  for (const RecordBatchPtr& batch : stream.batches) ASSERT_OK(writer->WriteBatch(*batch));
  ASSERT_OK(writer->Close());
  EXPECT_EQ(writer->stats().num_dictionary_deltas, 0);
  EXPECT_EQ(writer->stats().num_replaced_dictionaries, 4);
  ASSERT_OK_AND_ASSIGN(BufferPtr buffer, Buffer::Copy(bytes));
  ASSERT_OK_AND_ASSIGN(IpcStreamContents read, ReadIpcStream(buffer));
  ExpectSameBatches(stream.batches, read.batches);
}

TEST(IpcRoundTripTest, EqualDictionaryInANewObjectSendsNothing) {
  ASSERT_OK_AND_ASSIGN(Array values_a, literals::Strings({"x", "y"}));
  ASSERT_OK_AND_ASSIGN(Array values_b, literals::Strings({"x", "y"}));
  ASSERT_OK_AND_ASSIGN(Array first, literals::Dictionary(DataType::Int32(), {0, 1}, values_a));
  ASSERT_OK_AND_ASSIGN(Array second, literals::Dictionary(DataType::Int32(), {1}, values_b));
  SchemaPtr schema = MakeSchema({Field("d", first.type())});
  ASSERT_OK_AND_ASSIGN(auto encoder, IpcStreamEncoder::Make(schema));
  std::vector<IpcPayload> payloads;
  ASSERT_OK(encoder->EncodeBatch(*RecordBatch::MakeUnchecked(schema, 2, {first}), &payloads));
  ASSERT_OK(encoder->EncodeBatch(*RecordBatch::MakeUnchecked(schema, 1, {second}), &payloads));
  ASSERT_EQ(payloads.size(), 3u);  // dictionary, batch, batch
  EXPECT_EQ(payloads[0].type, IpcMessageType::kDictionaryBatch);
  EXPECT_EQ(payloads[2].type, IpcMessageType::kRecordBatch);
}

// The Flight path: payloads carried one by one (metadata and body separately) into the
// message-level decoder.
TEST(IpcRoundTripTest, PayloadsThroughTheMessageDecoder) {
  ASSERT_OK_AND_ASSIGN(samples::SampleStream stream, samples::MakeCanonicalStream("many_batches"));
  ASSERT_OK_AND_ASSIGN(auto encoder, IpcStreamEncoder::Make(stream.schema));
  IpcStreamDecoder decoder;
  auto send = [&decoder](const IpcPayload& payload) -> Result<RecordBatchPtr> {
    EXPECT_EQ(payload.body_length % 8, 0);
    std::string body = payload.BodyToString();
    EXPECT_EQ(static_cast<int64_t>(body.size()), payload.body_length);
    return decoder.Consume(Buffer::FromString(payload.metadata),
                           Buffer::FromString(std::move(body)));
  };
  ASSERT_OK_AND_ASSIGN(RecordBatchPtr none, send(encoder->EncodeSchema()));
  EXPECT_EQ(none, nullptr);
  ASSERT_TRUE(decoder.has_schema());
  std::vector<RecordBatchPtr> received;
  for (const RecordBatchPtr& batch : stream.batches) {
    std::vector<IpcPayload> payloads;
    ASSERT_OK(encoder->EncodeBatch(*batch, &payloads));
    for (const IpcPayload& payload : payloads) {
      ASSERT_OK_AND_ASSIGN(RecordBatchPtr out, send(payload));
      if (out != nullptr) received.push_back(out);
    }
  }
  ExpectSameBatches(stream.batches, received);
  EXPECT_EQ(decoder.stats().num_dictionary_deltas, encoder->stats().num_dictionary_deltas);
}

TEST(IpcRoundTripTest, FramingIsEightByteAligned) {
  for (int32_t alignment : {8, 64}) {
    ASSERT_OK_AND_ASSIGN(samples::SampleStream stream, samples::MakeCanonicalStream("nested"));
    IpcWriteOptions options;
    options.alignment = alignment;
    ASSERT_OK_AND_ASSIGN(std::string bytes, WriteIpcStream(stream.schema, stream.batches, options));
    ASSERT_EQ(bytes.size() % 8, 0u);
    size_t position = 0;
    int messages = 0;
    while (position < bytes.size()) {
      uint32_t marker;
      int32_t length;
      std::memcpy(&marker, bytes.data() + position, 4);
      std::memcpy(&length, bytes.data() + position + 4, 4);
      ASSERT_EQ(marker, kIpcContinuationMarker);
      if (length == 0) {
        position += 8;
        break;
      }
      EXPECT_EQ(length % 8, 0);
      BufferIpcInputStream input(Buffer::FromString(bytes.substr(position)));
      ASSERT_OK_AND_ASSIGN(std::optional<IpcMessage> message, ReadIpcMessage(&input));
      ASSERT_TRUE(message.has_value());
      EXPECT_EQ(message->body->size() % 8, 0);
      position += input.position();
      ++messages;
    }
    EXPECT_EQ(position, bytes.size());
    EXPECT_EQ(messages, 3);  // schema, dictionary (list_dict), record batch
  }
}

TEST(IpcRoundTripTest, ReadingIsZeroCopy) {
  ASSERT_OK_AND_ASSIGN(RecordBatchPtr batch, samples::PrimitivesBatch());
  ASSERT_OK_AND_ASSIGN(std::string bytes, WriteIpcStream(batch->schema(), {batch}));
  ASSERT_OK_AND_ASSIGN(BufferPtr buffer, Buffer::Copy(bytes));
  ASSERT_OK_AND_ASSIGN(IpcStreamContents read, ReadIpcStream(buffer));
  const uint8_t* begin = buffer->data();
  const uint8_t* end = begin + buffer->size();
  const uint8_t* values = read.batches[0]->GetColumnByName("i64").data()->buffers[1]->data();
  EXPECT_TRUE(values >= begin && values < end);
  const uint8_t* chars = read.batches[0]->GetColumnByName("utf8").data()->buffers[2]->data();
  EXPECT_TRUE(chars >= begin && chars < end);
  // The batch keeps the input alive.
  buffer.reset();
  EXPECT_EQ(read.batches[0]->GetColumnByName("utf8").FormatValue(1), "\"h\xc3\xa9llo\"");
}

TEST(IpcRoundTripTest, MisalignedInputIsCopiedNotMisread) {
  ASSERT_OK_AND_ASSIGN(RecordBatchPtr batch, samples::PrimitivesBatch());
  ASSERT_OK_AND_ASSIGN(std::string bytes, WriteIpcStream(batch->schema(), {batch}));
  ASSERT_OK_AND_ASSIGN(BufferPtr shifted, Buffer::Copy("x" + bytes));
  ASSERT_OK_AND_ASSIGN(IpcStreamContents read,
                       ReadIpcStream(Buffer::Slice(shifted, 1, shifted->size() - 1)));
  ExpectSameBatches({batch}, read.batches);
}

TEST(IpcRoundTripTest, SchemaMessageForFlight) {
  ASSERT_OK_AND_ASSIGN(RecordBatchPtr batch, samples::NestedBatch());
  ASSERT_OK_AND_ASSIGN(std::string bytes, SerializeIpcSchema(batch->schema()));
  ASSERT_OK_AND_ASSIGN(SchemaPtr schema, DeserializeIpcSchema(Buffer::FromString(bytes)));
  EXPECT_EQ(*schema, *batch->schema());
}

TEST(IpcRoundTripTest, CompressedBodies) {
  for (IpcCompression codec : {IpcCompression::kLz4Frame, IpcCompression::kZstd}) {
    ASSERT_OK_AND_ASSIGN(samples::SampleStream stream,
                         samples::MakeCanonicalStream("many_batches"));
    IpcWriteOptions options;
    options.compression = codec;
    ASSERT_OK_AND_ASSIGN(IpcStreamContents read, RoundTrip(stream.schema, stream.batches, options));
    ExpectSameBatches(stream.batches, read.batches);
  }
}

TEST(IpcRoundTripTest, DecompressionIsBounded) {
  ASSERT_OK_AND_ASSIGN(samples::SampleStream stream, samples::MakeCanonicalStream("many_batches"));
  IpcWriteOptions options;
  options.compression = IpcCompression::kZstd;
  ASSERT_OK_AND_ASSIGN(std::string bytes, WriteIpcStream(stream.schema, stream.batches, options));
  IpcReadOptions read_options;
  read_options.max_decompressed_size = 100;
  ASSERT_RAISES(kResourceExhausted, ReadIpcStream(Buffer::FromString(bytes), read_options));
}

TEST(IpcWriterTest, RejectsBatchesThatDoNotMatchTheSchema) {
  ASSERT_OK_AND_ASSIGN(Array ints, literals::Numbers<int64_t>({1, 2}));
  SchemaPtr schema = MakeSchema({Field("a", DataType::Utf8())});
  std::string out;
  ASSERT_OK_AND_ASSIGN(auto writer, IpcStreamWriter::Open(schema, &out));
  auto wrong = RecordBatch::MakeUnchecked(MakeSchema({Field("a", DataType::Int64())}), 2, {ints});
  ASSERT_RAISES(kInvalidArgument, writer->WriteBatch(*wrong));
  ASSERT_OK(writer->Close());
  ASSERT_OK(writer->Close());
  ASSERT_OK_AND_ASSIGN(Array strings, literals::Strings({"x"}));
  ASSERT_RAISES(kInvalidArgument,
                writer->WriteBatch(*RecordBatch::MakeUnchecked(schema, 1, {strings})));
  IpcWriteOptions bad;
  bad.alignment = 12;
  ASSERT_RAISES(kInvalidArgument, IpcStreamWriter::Open(schema, &out, bad));
}

TEST(IpcWriterTest, SinkErrorsPropagateAndStick) {
  ASSERT_OK_AND_ASSIGN(RecordBatchPtr batch, samples::PrimitivesBatch());
  int calls = 0;
  auto sink = [&calls](std::string_view) -> Status {
    return ++calls > 3 ? Status::IOError("disk full") : Status::OK();
  };
  ASSERT_OK_AND_ASSIGN(auto writer, IpcStreamWriter::Open(batch->schema(), sink));
  ASSERT_RAISES(kIOError, writer->WriteBatch(*batch));
  ASSERT_RAISES(kIOError, writer->WriteBatch(*batch));
  ASSERT_RAISES(kIOError, writer->Close());
}

TEST(IpcReaderTest, ReadsTheLegacyFramingWithoutMarker) {
  ASSERT_OK_AND_ASSIGN(RecordBatchPtr batch, samples::PrimitivesBatch());
  ASSERT_OK_AND_ASSIGN(auto encoder, IpcStreamEncoder::Make(batch->schema()));
  std::vector<IpcPayload> payloads = {encoder->EncodeSchema()};
  ASSERT_OK(encoder->EncodeBatch(*batch, &payloads));
  // Pre-1.0 framing: int32 length, metadata, body; then a zero length.
  std::string legacy;
  for (const IpcPayload& payload : payloads) {
    std::string metadata = payload.metadata;
    while ((metadata.size() + 4) % 8 != 0) metadata.push_back('\0');
    int32_t length = static_cast<int32_t>(metadata.size());
    legacy.append(reinterpret_cast<const char*>(&length), 4);
    legacy += metadata;
    payload.AppendBodyTo(&legacy);
  }
  legacy.append(4, '\0');
  ASSERT_OK_AND_ASSIGN(BufferPtr buffer, Buffer::Copy(legacy));
  ASSERT_OK_AND_ASSIGN(IpcStreamContents read, ReadIpcStream(buffer));
  ExpectSameBatches({batch}, read.batches);
}

}  // namespace
}  // namespace quiver
