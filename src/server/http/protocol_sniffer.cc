#include "server/http/protocol_sniffer.h"

namespace quiver::http {

SniffResult SniffProtocol(std::string_view first_bytes) {
  if (first_bytes.size() >= kHttp2Preface.size()) {
    return first_bytes.starts_with(kHttp2Preface) ? SniffResult::kHttp2 : SniffResult::kHttp1;
  }
  return kHttp2Preface.starts_with(first_bytes) ? SniffResult::kNeedMoreBytes : SniffResult::kHttp1;
}

}  // namespace quiver::http
