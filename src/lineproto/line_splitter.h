#pragma once

#include <cstddef>
#include <string_view>
#include <vector>

namespace quiver::lineproto {

// Line splitting exactly as InfluxDB 3 (and the 1.x Go parser) does it: a line ends at
// a newline, except
//   - a newline right after a backslash (the backslash escapes any next character), and
//   - a newline inside a double-quoted string in the field section. The field section
//     starts at the first unescaped space; a `"` there opens or closes a quote only when
//     more `=` than `,` have been seen in it (outside quotes), i.e. in value position.
//
// These functions are the reference (byte-at-a-time) implementation. The parser finds
// line ends through StructuralIndex and falls back to the same state machine for lines
// that contain quotes or backslashes; tests check the two agree. Pure, thread-safe.

// The end of the line that starts at `start`: the index of its terminating newline, or
// body.size(). REQUIRES: start <= body.size().
size_t FindLineEnd(std::string_view body, size_t start);

// Every line of `body`, as InfluxDB 3 splits it (an empty body gives one empty line; a
// trailing newline gives a final empty line). The views point into `body`.
std::vector<std::string_view> SplitLines(std::string_view body);

}  // namespace quiver::lineproto
