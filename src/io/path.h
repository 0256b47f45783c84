#pragma once

#include <string>
#include <string_view>

// Helpers for '/'-separated paths as used by FileSystem. Pure string manipulation: they
// never touch the disk and do not resolve "." or "..".

namespace quiver {

// "a" + "b" -> "a/b"; "a/" + "b" -> "a/b"; "" + "b" -> "b"; "a" + "" -> "a".
std::string JoinPath(std::string_view dir, std::string_view name);

// The directory part: "a/b/c" -> "a/b"; "/c" -> "/"; "c" -> "".
std::string_view Dirname(std::string_view path);

// The last component: "a/b/c" -> "c"; "a/b/" -> "" ; "c" -> "c".
std::string_view Basename(std::string_view path);

// Collapses repeated slashes and removes a trailing slash (but keeps "/"):
// "a//b/" -> "a/b".
std::string NormalizePath(std::string_view path);

}  // namespace quiver
