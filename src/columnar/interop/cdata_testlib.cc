// libquiver_cdata_testlib.so: Quiver's Arrow C Data Interface, exposed to Python through
// ctypes for tests/integration/test_arrow_c_data.py (pyarrow on the other side). Built
// with the tests only; never part of the server. Functions return 0 on success and 1 on
// failure (message from quiver_cdata_last_error()). Not thread-safe.

#include <mutex>
#include <string>
#include <vector>

#include "columnar/c_data_export.h"
#include "columnar/c_data_import.h"
#include "columnar/c_stream_interface.h"
#include "columnar/interop/sample_batches.h"
#include "columnar/validate_array.h"

#define QUIVER_TESTLIB_API extern "C" __attribute__((visibility("default")))

namespace {

using namespace quiver;  // NOLINT: test shim.

std::string last_error;
std::vector<RecordBatchPtr> held_batches;

int Report(const Status& status) {
  if (status.ok()) return 0;
  last_error = status.ToString();
  return 1;
}

// Yields one sample batch, then fails: exercises get_last_error.
class FailingReader final : public RecordBatchReader {
 public:
  explicit FailingReader(RecordBatchPtr batch) : batch_(std::move(batch)) {}
  SchemaPtr schema() const override { return batch_->schema(); }
  Result<RecordBatchPtr> Next() override {
    if (!done_) {
      done_ = true;
      return batch_;
    }
    return Status::IOError("boom: the failing test stream failed on purpose");
  }

 private:
  RecordBatchPtr batch_;
  bool done_ = false;
};

Result<RecordBatchPtr> SampleBatch(const char* name, int index) {
  ASSIGN_OR_RETURN(samples::SampleStream stream, samples::MakeCanonicalStream(name));
  if (index < 0 || index >= static_cast<int>(stream.batches.size())) {
    return Status::InvalidArgument("stream '{}' has {} batches, not {}", name,
                                   stream.batches.size(), index);
  }
  return stream.batches[static_cast<size_t>(index)];
}

}  // namespace

QUIVER_TESTLIB_API const char* quiver_cdata_last_error(void) { return last_error.c_str(); }

QUIVER_TESTLIB_API int64_t quiver_cdata_live_exports(void) { return LiveCDataExportCount(); }

// Exports batch `index` of canonical stream `name` (see sample_batches.h).
QUIVER_TESTLIB_API int quiver_cdata_export_sample(const char* name, int index,
                                                  ArrowArray* out_array, ArrowSchema* out_schema) {
  Result<RecordBatchPtr> batch = SampleBatch(name, index);
  if (!batch.ok()) return Report(batch.status());
  return Report(ExportRecordBatch(**batch, out_array, out_schema));
}

// Exports one column of a sample batch as a plain array (not a record batch).
QUIVER_TESTLIB_API int quiver_cdata_export_sample_column(const char* name, int index, int column,
                                                         ArrowArray* out_array,
                                                         ArrowSchema* out_schema) {
  Result<RecordBatchPtr> batch = SampleBatch(name, index);
  if (!batch.ok()) return Report(batch.status());
  if (column < 0 || column >= (*batch)->num_columns())
    return Report(Status::InvalidArgument("bad column"));
  return Report(ExportArray((*batch)->column(column), out_array, out_schema));
}

// Imports a record batch, validates it fully and exports it again.
QUIVER_TESTLIB_API int quiver_cdata_roundtrip_batch(ArrowArray* in_array, ArrowSchema* in_schema,
                                                    ArrowArray* out_array,
                                                    ArrowSchema* out_schema) {
  Result<RecordBatchPtr> batch = ImportRecordBatch(in_array, in_schema);
  if (!batch.ok()) return Report(batch.status());
  if (Report(ValidateRecordBatch(**batch)) != 0) return 1;
  return Report(ExportRecordBatch(**batch, out_array, out_schema));
}

QUIVER_TESTLIB_API int quiver_cdata_roundtrip_array(ArrowArray* in_array, ArrowSchema* in_schema,
                                                    ArrowArray* out_array,
                                                    ArrowSchema* out_schema) {
  Result<Array> array = ImportArray(in_array, in_schema);
  if (!array.ok()) return Report(array.status());
  if (Report(ValidateArray(*array)) != 0) return 1;
  return Report(ExportArray(*array, out_array, out_schema));
}

// Imports a type description and exports it again.
QUIVER_TESTLIB_API int quiver_cdata_roundtrip_schema(ArrowSchema* in_schema,
                                                     ArrowSchema* out_schema) {
  Result<Field> field = ImportField(in_schema);
  if (!field.ok()) return Report(field.status());
  return Report(ExportField(*field, out_schema));
}

// Imports a batch and keeps it (zero-copy: the producer's memory stays referenced)
// until quiver_cdata_drop_held().
QUIVER_TESTLIB_API int quiver_cdata_hold_batch(ArrowArray* in_array, ArrowSchema* in_schema) {
  Result<RecordBatchPtr> batch = ImportRecordBatch(in_array, in_schema);
  if (!batch.ok()) return Report(batch.status());
  held_batches.push_back(*batch);
  return 0;
}

QUIVER_TESTLIB_API int64_t quiver_cdata_held_rows(void) {
  int64_t rows = 0;
  for (const RecordBatchPtr& batch : held_batches) rows += batch->num_rows();
  return rows;
}

QUIVER_TESTLIB_API void quiver_cdata_drop_held(void) { held_batches.clear(); }

// Exports canonical stream `name` as an ArrowArrayStream.
QUIVER_TESTLIB_API int quiver_cdata_export_stream(const char* name, ArrowArrayStream* out) {
  Result<samples::SampleStream> stream = samples::MakeCanonicalStream(name);
  if (!stream.ok()) return Report(stream.status());
  return Report(
      ExportRecordBatchReader(MakeVectorRecordBatchReader(stream->schema, stream->batches), out));
}

// A stream that yields one batch and then fails.
QUIVER_TESTLIB_API int quiver_cdata_export_failing_stream(ArrowArrayStream* out) {
  Result<RecordBatchPtr> batch = SampleBatch("primitives", 0);
  if (!batch.ok()) return Report(batch.status());
  return Report(ExportRecordBatchReader(std::make_unique<FailingReader>(*batch), out));
}

// Imports a stream and exports it again; batches flow through lazily.
QUIVER_TESTLIB_API int quiver_cdata_roundtrip_stream(ArrowArrayStream* in, ArrowArrayStream* out) {
  Result<std::unique_ptr<RecordBatchReader>> reader = ImportRecordBatchReader(in);
  if (!reader.ok()) return Report(reader.status());
  return Report(ExportRecordBatchReader(std::move(*reader), out));
}
