#include "server/http/gzip.h"

#include <zlib.h>

#include <algorithm>
#include <climits>
#include <cstdint>

namespace quiver::http {

namespace {

constexpr int kGzipWindowBits = 16 + MAX_WBITS;  // gzip wrapper only, not zlib
constexpr size_t kChunkBytes = 64 * 1024;

// Owns a z_stream set up for inflate.
class Inflater {
 public:
  Inflater() = default;
  ~Inflater() {
    if (initialized_) inflateEnd(&stream_);
  }
  Inflater(const Inflater&) = delete;
  Inflater& operator=(const Inflater&) = delete;

  Status Init() {
    if (inflateInit2(&stream_, kGzipWindowBits) != Z_OK) {
      return Status::Internal("gzip: inflateInit2 failed");
    }
    initialized_ = true;
    return Status::OK();
  }
  z_stream& stream() { return stream_; }

 private:
  z_stream stream_{};
  bool initialized_ = false;
};

std::string ZlibMessage(const z_stream& stream, int code) {
  if (stream.msg != nullptr) return stream.msg;
  switch (code) {
    case Z_DATA_ERROR:
      return "invalid data";
    case Z_MEM_ERROR:
      return "out of memory";
    case Z_BUF_ERROR:
      return "truncated input";
    default:
      return "error " + std::to_string(code);
  }
}

}  // namespace

Result<std::string> GunzipBounded(std::string_view input, size_t max_output_bytes) {
  std::string output;
  if (input.empty()) return output;
  Inflater inflater;
  RETURN_NOT_OK(inflater.Init());
  z_stream& stream = inflater.stream();
  stream.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(input.data()));
  size_t remaining_input = input.size();
  // zlib counts in uInt; feed very large inputs in pieces.
  auto refill = [&] {
    if (stream.avail_in == 0 && remaining_input > 0) {
      stream.avail_in = static_cast<uInt>(std::min<size_t>(remaining_input, UINT_MAX));
      remaining_input -= stream.avail_in;
    }
  };
  refill();
  // Inflate up to one byte past the limit so "exactly at the limit" differs from "over".
  const size_t cap = max_output_bytes == SIZE_MAX ? SIZE_MAX : max_output_bytes + 1;
  while (true) {
    if (output.size() >= cap) {
      return Status::ResourceExhausted("gzip body inflates to more than {} bytes",
                                       max_output_bytes);
    }
    size_t offset = output.size();
    size_t room = std::min(kChunkBytes, cap - offset);
    output.resize(offset + room);
    stream.next_out = reinterpret_cast<Bytef*>(output.data() + offset);
    stream.avail_out = static_cast<uInt>(room);
    int code = inflate(&stream, Z_NO_FLUSH);
    output.resize(offset + (room - stream.avail_out));
    refill();
    if (code == Z_STREAM_END) {
      if (stream.avail_in == 0) break;  // the last member is complete
      // Another member follows.
      if (inflateReset(&stream) != Z_OK) return Status::Internal("gzip: inflateReset failed");
      continue;
    }
    if (code == Z_OK) continue;
    if (code == Z_BUF_ERROR) {
      // No progress possible: either the output is full (handled at the loop top) or the
      // input ended inside a member.
      if (stream.avail_out == 0) continue;
      return Status::InvalidArgument("invalid gzip body: unexpected end of data");
    }
    return Status::InvalidArgument("invalid gzip body: {}", ZlibMessage(stream, code));
  }
  if (output.size() > max_output_bytes) {
    return Status::ResourceExhausted("gzip body inflates to more than {} bytes", max_output_bytes);
  }
  return output;
}

Result<std::string> Gzip(std::string_view input) {
  z_stream stream{};
  if (deflateInit2(&stream, Z_DEFAULT_COMPRESSION, Z_DEFLATED, kGzipWindowBits, 8,
                   Z_DEFAULT_STRATEGY) != Z_OK) {
    return Status::Internal("gzip: deflateInit2 failed");
  }
  std::string output;
  output.resize(deflateBound(&stream, static_cast<uLong>(input.size())) + 32);
  stream.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(input.data()));
  stream.avail_in = static_cast<uInt>(input.size());
  stream.next_out = reinterpret_cast<Bytef*>(output.data());
  stream.avail_out = static_cast<uInt>(output.size());
  int code = deflate(&stream, Z_FINISH);
  size_t produced = output.size() - stream.avail_out;
  deflateEnd(&stream);
  if (code != Z_STREAM_END) return Status::Internal("gzip: deflate failed ({})", code);
  output.resize(produced);
  return output;
}

}  // namespace quiver::http
