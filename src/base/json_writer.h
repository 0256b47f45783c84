#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace quiver {

// Appends compact JSON text to a string. The caller drives the structure; the writer
// inserts commas, escapes strings (RFC 8259: quotes, backslash, control characters; other
// bytes are copied as-is, so valid UTF-8 stays valid) and formats numbers (doubles in the
// shortest form that round-trips; NaN/Inf become null since JSON has no such values).
//
//   JsonWriter w(&out);
//   w.BeginObject();
//   w.Key("name"); w.String("cpu");
//   w.Key("rows"); w.Int(3);
//   w.EndObject();
//
// Not thread-safe. Misuse (a value where a key is expected) is a programmer error.
class JsonWriter {
 public:
  explicit JsonWriter(std::string* out) : out_(out) {}

  void BeginObject() { Open('{'); }
  void EndObject() { Close('}'); }
  void BeginArray() { Open('['); }
  void EndArray() { Close(']'); }

  void Key(std::string_view key);
  void String(std::string_view value);
  void Int(int64_t value);
  void UInt(uint64_t value);
  void Double(double value);
  void Bool(bool value);
  void Null();
  // Inserts pre-encoded JSON text as one value.
  void Raw(std::string_view json);

  // Shorthands for Key + value.
  void Field(std::string_view key, std::string_view value) { Key(key), String(value); }
  void Field(std::string_view key, const char* value) { Key(key), String(value); }
  void Field(std::string_view key, int64_t value) { Key(key), Int(value); }
  void Field(std::string_view key, uint64_t value) { Key(key), UInt(value); }
  void Field(std::string_view key, int value) { Key(key), Int(value); }
  void Field(std::string_view key, double value) { Key(key), Double(value); }
  void Field(std::string_view key, bool value) { Key(key), Bool(value); }

 private:
  void Open(char bracket);
  void Close(char bracket);
  void BeforeValue();

  std::string* out_;
  // One entry per open container: true once it holds an element (a comma is needed).
  std::vector<bool> has_element_;
  bool after_key_ = false;
};

// Appends `value` as a quoted, escaped JSON string.
void AppendJsonString(std::string* out, std::string_view value);
// Appends a double in the shortest form that round-trips ("0.5", "2", "1e+300"); with
// `keep_point_zero` an integral value gets a ".0" ("2.0"). NaN and Inf become "null".
void AppendJsonDouble(std::string* out, double value, bool keep_point_zero = false);

}  // namespace quiver
