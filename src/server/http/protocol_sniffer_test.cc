#include "server/http/protocol_sniffer.h"

#include <gtest/gtest.h>

#include <string>

namespace quiver::http {
namespace {

TEST(ProtocolSnifferTest, Http2Preface) {
  EXPECT_EQ(SniffProtocol(kHttp2Preface), SniffResult::kHttp2);
  std::string with_frames = std::string(kHttp2Preface) + "\x00\x00\x12\x04";
  EXPECT_EQ(SniffProtocol(with_frames), SniffResult::kHttp2);
}

TEST(ProtocolSnifferTest, PrefixNeedsMoreBytes) {
  for (size_t length = 1; length < kHttp2Preface.size(); ++length) {
    EXPECT_EQ(SniffProtocol(kHttp2Preface.substr(0, length)), SniffResult::kNeedMoreBytes)
        << length;
  }
}

TEST(ProtocolSnifferTest, Http1DecidedEarly) {
  EXPECT_EQ(SniffProtocol("G"), SniffResult::kHttp1);
  EXPECT_EQ(SniffProtocol("PO"), SniffResult::kHttp1);
  EXPECT_EQ(SniffProtocol("PUT / HTTP/1.1\r\n"), SniffResult::kHttp1);
  EXPECT_EQ(SniffProtocol("PRI * HTTP/1.1\r\n\r\nSM\r\n\r\n"), SniffResult::kHttp1);
  EXPECT_EQ(SniffProtocol("\x16\x03\x01"), SniffResult::kHttp1);
}

}  // namespace
}  // namespace quiver::http
