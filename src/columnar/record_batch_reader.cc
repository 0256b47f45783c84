#include "columnar/record_batch_reader.h"

namespace quiver {
namespace {

class VectorRecordBatchReader final : public RecordBatchReader {
 public:
  VectorRecordBatchReader(SchemaPtr schema, std::vector<RecordBatchPtr> batches)
      : schema_(std::move(schema)), batches_(std::move(batches)) {}

  SchemaPtr schema() const override { return schema_; }
  Result<RecordBatchPtr> Next() override {
    if (next_ >= batches_.size()) return RecordBatchPtr();
    return batches_[next_++];
  }

 private:
  SchemaPtr schema_;
  std::vector<RecordBatchPtr> batches_;
  size_t next_ = 0;
};

}  // namespace

std::unique_ptr<RecordBatchReader> MakeVectorRecordBatchReader(
    SchemaPtr schema, std::vector<RecordBatchPtr> batches) {
  return std::make_unique<VectorRecordBatchReader>(std::move(schema), std::move(batches));
}

}  // namespace quiver
