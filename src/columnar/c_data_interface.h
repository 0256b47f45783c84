#pragma once

// The Apache Arrow C Data Interface and C Stream Interface ABI, declared per the Arrow
// specification. The guard macros are the standard ones, so this header coexists with
// any other project's copy of the same declarations (nanoarrow, Arrow C++, DuckDB...).
//
// Quiver's export and import functions are in c_data_export.h, c_data_import.h and
// c_stream_interface.h.

#include <stdint.h>  // NOLINT(modernize-deprecated-headers): C-compatible on purpose.

#ifdef __cplusplus
extern "C" {
#endif

#ifndef ARROW_C_DATA_INTERFACE
#define ARROW_C_DATA_INTERFACE

#define ARROW_FLAG_DICTIONARY_ORDERED 1
#define ARROW_FLAG_NULLABLE 2
#define ARROW_FLAG_MAP_KEYS_SORTED 4

// Describes a type (and a field's name, nullability and metadata).
struct ArrowSchema {
  const char* format;
  const char* name;
  const char* metadata;
  int64_t flags;
  int64_t n_children;
  struct ArrowSchema** children;
  struct ArrowSchema* dictionary;
  void (*release)(struct ArrowSchema*);
  void* private_data;
};

// Describes the data of an array; its type travels separately (an ArrowSchema).
struct ArrowArray {
  int64_t length;
  int64_t null_count;
  int64_t offset;
  int64_t n_buffers;
  int64_t n_children;
  const void** buffers;
  struct ArrowArray** children;
  struct ArrowArray* dictionary;
  void (*release)(struct ArrowArray*);
  void* private_data;
};

#endif  // ARROW_C_DATA_INTERFACE

#ifndef ARROW_C_STREAM_INTERFACE
#define ARROW_C_STREAM_INTERFACE

// A pull-based stream of arrays (record batches, as struct arrays) sharing one schema.
// Callbacks return 0 or an errno-compatible code; get_next signals the end of the stream
// by leaving `out` released.
struct ArrowArrayStream {
  int (*get_schema)(struct ArrowArrayStream*, struct ArrowSchema* out);
  int (*get_next)(struct ArrowArrayStream*, struct ArrowArray* out);
  const char* (*get_last_error)(struct ArrowArrayStream*);
  void (*release)(struct ArrowArrayStream*);
  void* private_data;
};

#endif  // ARROW_C_STREAM_INTERFACE

#ifdef __cplusplus
}  // extern "C"
#endif
