// quiver_ipc_tool: drives Quiver's Arrow IPC reader and writer from the outside, for the
// pyarrow interoperability tests (tests/integration/test_arrow_ipc.py). Built with the
// tests only; never part of the server.
//
//   quiver_ipc_tool list                    names of the canonical streams
//   quiver_ipc_tool write NAME              canonical stream NAME on stdout
//   quiver_ipc_tool roundtrip [OPTIONS]     stream on stdin -> Quiver reader -> Quiver
//                                           writer -> stdout
//       --no-deltas          resend changed dictionaries whole instead of as deltas
//       --compression=lz4|zstd
//       --alignment=N        body buffer alignment (8, 16, 32, 64)
//   quiver_ipc_tool describe                stream on stdin -> schema, batches and
//                                           reader statistics as text on stdout
//
// Exit status 0 on success; otherwise the error (a Quiver Status) goes to stderr and the
// status is 1 (2 for usage errors).

#include <cstdio>
#include <iostream>
#include <iterator>
#include <string>
#include <string_view>

#include "columnar/interop/sample_batches.h"
#include "columnar/ipc_reader.h"
#include "columnar/ipc_writer.h"

namespace quiver {
namespace {

Status WriteStdout(std::string_view bytes) {
  if (std::fwrite(bytes.data(), 1, bytes.size(), stdout) != bytes.size()) {
    return Status::IOError("cannot write to stdout");
  }
  return Status::OK();
}

Result<BufferPtr> ReadStdin() {
  std::string bytes((std::istreambuf_iterator<char>(std::cin)), std::istreambuf_iterator<char>());
  // Copy into 64-byte aligned memory so that zero-copy buffers are well aligned.
  return Buffer::Copy(bytes);
}

Status Write(std::string_view name) {
  ASSIGN_OR_RETURN(samples::SampleStream stream, samples::MakeCanonicalStream(name));
  ASSIGN_OR_RETURN(auto writer, IpcStreamWriter::Open(stream.schema, WriteStdout, stream.options));
  for (const RecordBatchPtr& batch : stream.batches) RETURN_NOT_OK(writer->WriteBatch(*batch));
  return writer->Close();
}

Status RoundTrip(const IpcWriteOptions& options) {
  ASSIGN_OR_RETURN(BufferPtr input, ReadStdin());
  ASSIGN_OR_RETURN(auto reader, IpcStreamReader::Open(input));
  ASSIGN_OR_RETURN(auto writer, IpcStreamWriter::Open(reader->schema(), WriteStdout, options));
  while (true) {
    ASSIGN_OR_RETURN(RecordBatchPtr batch, reader->Next());
    if (batch == nullptr) break;
    RETURN_NOT_OK(writer->WriteBatch(*batch));
  }
  return writer->Close();
}

Status Describe() {
  ASSIGN_OR_RETURN(BufferPtr input, ReadStdin());
  ASSIGN_OR_RETURN(auto reader, IpcStreamReader::Open(input));
  std::string out = reader->schema()->ToString();
  int64_t index = 0;
  while (true) {
    ASSIGN_OR_RETURN(RecordBatchPtr batch, reader->Next());
    if (batch == nullptr) break;
    out += fmt::format("-- batch {} ({} rows)\n", index++, batch->num_rows());
    out += batch->ToString();
  }
  const IpcReadStats& stats = reader->stats();
  out += fmt::format(
      "-- stats: messages={} record_batches={} dictionary_batches={} dictionary_deltas={} "
      "replaced_dictionaries={}\n",
      stats.num_messages, stats.num_record_batches, stats.num_dictionary_batches,
      stats.num_dictionary_deltas, stats.num_replaced_dictionaries);
  return WriteStdout(out);
}

int Usage() {
  std::fprintf(stderr,
               "usage: quiver_ipc_tool list | write NAME | roundtrip [--no-deltas] "
               "[--compression=lz4|zstd] [--alignment=N] | describe\n");
  return 2;
}

int Run(int argc, char** argv) {
  if (argc < 2) return Usage();
  std::string_view command = argv[1];
  Status status;
  if (command == "list") {
    std::string names;
    for (const std::string& name : samples::CanonicalStreamNames()) names += name + "\n";
    status = WriteStdout(names);
  } else if (command == "write" && argc == 3) {
    status = Write(argv[2]);
  } else if (command == "roundtrip") {
    IpcWriteOptions options;
    for (int i = 2; i < argc; ++i) {
      std::string_view arg = argv[i];
      if (arg == "--no-deltas") {
        options.emit_dictionary_deltas = false;
      } else if (arg == "--compression=lz4") {
        options.compression = IpcCompression::kLz4Frame;
      } else if (arg == "--compression=zstd") {
        options.compression = IpcCompression::kZstd;
      } else if (arg.substr(0, 12) == "--alignment=") {
        options.alignment = std::atoi(std::string(arg.substr(12)).c_str());
      } else {
        return Usage();
      }
    }
    status = RoundTrip(options);
  } else if (command == "describe") {
    status = Describe();
  } else {
    return Usage();
  }
  std::fflush(stdout);
  if (!status.ok()) {
    std::fprintf(stderr, "quiver_ipc_tool: %s\n", status.ToString().c_str());
    return 1;
  }
  return 0;
}

}  // namespace
}  // namespace quiver

int main(int argc, char** argv) { return quiver::Run(argc, argv); }
