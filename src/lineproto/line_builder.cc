#include "lineproto/line_builder.h"

#include <charconv>
#include <cmath>
#include <utility>

#include <fmt/format.h>

#include "lineproto/escape.h"

namespace quiver::lineproto {

void LineBuilder::SetError(std::string message) {
  if (error_.empty()) error_ = std::move(message);
}

void LineBuilder::AppendName(NameKind kind, std::string_view name) {
  std::string_view problem = CheckNameEncodable(kind, name);
  if (!problem.empty()) {
    SetError(std::string(problem));
    return;
  }
  AppendEscapedName(kind, name, &text_);
}

bool LineBuilder::Begin(State state, std::string_view what) {
  if (state_ == State::kIdle) {
    SetError(fmt::format("{} before Measurement()", what));
    return false;
  }
  if (state_ > state) {
    SetError(fmt::format("{} out of order (tags, then fields, then the timestamp)", what));
    return false;
  }
  return true;
}

LineBuilder& LineBuilder::Measurement(std::string_view name) {
  if (state_ != State::kIdle) {
    SetError("Measurement() called before EndLine()");
    return *this;
  }
  line_begin_ = text_.size();
  state_ = State::kTags;
  has_fields_ = false;
  AppendName(NameKind::kMeasurement, name);
  return *this;
}

LineBuilder& LineBuilder::Tag(std::string_view key, std::string_view value) {
  if (!Begin(State::kTags, "Tag()")) return *this;
  text_.push_back(',');
  AppendName(NameKind::kTagKey, key);
  text_.push_back('=');
  AppendName(NameKind::kTagValue, value);
  return *this;
}

void LineBuilder::AppendFieldKey(std::string_view key) {
  text_.push_back(has_fields_ ? ',' : ' ');
  has_fields_ = true;
  state_ = State::kFields;
  AppendName(NameKind::kFieldKey, key);
  text_.push_back('=');
}

LineBuilder& LineBuilder::FloatField(std::string_view key, double value) {
  if (!Begin(State::kFields, "field")) return *this;
  if (!std::isfinite(value)) {
    SetError(fmt::format("field '{}' is not a finite number", key));
    return *this;
  }
  AppendFieldKey(key);
  char buffer[32];
  // Shortest text that reads back as the same double, e.g. "0.1", "1e+300", "-0".
  auto result = std::to_chars(buffer, buffer + sizeof(buffer), value);
  text_.append(buffer, result.ptr);
  return *this;
}

LineBuilder& LineBuilder::IntegerField(std::string_view key, int64_t value) {
  if (!Begin(State::kFields, "field")) return *this;
  AppendFieldKey(key);
  char buffer[24];
  auto result = std::to_chars(buffer, buffer + sizeof(buffer), value);
  text_.append(buffer, result.ptr);
  text_.push_back('i');
  return *this;
}

LineBuilder& LineBuilder::UIntegerField(std::string_view key, uint64_t value) {
  if (!Begin(State::kFields, "field")) return *this;
  AppendFieldKey(key);
  char buffer[24];
  auto result = std::to_chars(buffer, buffer + sizeof(buffer), value);
  text_.append(buffer, result.ptr);
  text_.push_back('u');
  return *this;
}

LineBuilder& LineBuilder::StringField(std::string_view key, std::string_view value) {
  if (!Begin(State::kFields, "field")) return *this;
  if (value.size() > kMaxStringBytes) {
    SetError(fmt::format("String is greater than 1MB (field '{}')", key));
    return *this;
  }
  AppendFieldKey(key);
  AppendQuotedString(value, &text_);
  return *this;
}

LineBuilder& LineBuilder::BooleanField(std::string_view key, bool value) {
  if (!Begin(State::kFields, "field")) return *this;
  AppendFieldKey(key);
  text_.append(value ? "true" : "false");
  return *this;
}

LineBuilder& LineBuilder::Field(std::string_view key, const FieldValue& value) {
  switch (value.kind) {
    case FieldKind::kFloat:
      return FloatField(key, value.float_value);
    case FieldKind::kInteger:
      return IntegerField(key, value.integer_value);
    case FieldKind::kUInteger:
      return UIntegerField(key, value.uinteger_value);
    case FieldKind::kString:
      return StringField(key, value.string_value);
    case FieldKind::kBoolean:
      return BooleanField(key, value.boolean_value);
  }
  SetError("unknown field kind");
  return *this;
}

LineBuilder& LineBuilder::Timestamp(int64_t timestamp) {
  if (!Begin(State::kFields, "Timestamp()")) return *this;
  if (!has_fields_) {
    SetError("Timestamp() before any field");
    return *this;
  }
  state_ = State::kTimestamp;
  text_.push_back(' ');
  char buffer[24];
  auto result = std::to_chars(buffer, buffer + sizeof(buffer), timestamp);
  text_.append(buffer, result.ptr);
  return *this;
}

Status LineBuilder::EndLine() {
  if (state_ == State::kIdle) {
    return Status::InvalidArgument("EndLine() without Measurement()");
  }
  if (error_.empty() && !has_fields_) SetError("No fields were provided");
  state_ = State::kIdle;
  if (!error_.empty()) {
    text_.resize(line_begin_);
    std::string message = std::move(error_);
    error_.clear();
    return Status::InvalidArgument("cannot build line protocol: {}", message);
  }
  text_.push_back('\n');
  ++line_count_;
  return Status::OK();
}

Status LineBuilder::AppendLine(const ParsedLine& line, bool always_write_timestamp) {
  if (state_ != State::kIdle) {
    return Status::InvalidArgument("AppendLine() inside an unfinished line");
  }
  Measurement(line.measurement);
  for (const auto& tag : line.tags) Tag(tag.key, tag.value);
  for (const auto& field : line.fields) Field(field.key, field.value);
  if (line.has_timestamp || always_write_timestamp) Timestamp(line.timestamp);
  return EndLine();
}

std::string LineBuilder::Release() {
  std::string out = std::move(text_);
  Clear();
  return out;
}

void LineBuilder::Clear() {
  text_.clear();
  line_begin_ = 0;
  line_count_ = 0;
  state_ = State::kIdle;
  has_fields_ = false;
  error_.clear();
}

}  // namespace quiver::lineproto
