#pragma once

// Clang thread-safety annotations. They document which mutex guards which state; with
// clang and -Wthread-safety they are also checked. GCC ignores them.
#if defined(__clang__)
#define QUIVER_THREAD_ANNOTATION(x) __attribute__((x))
#else
#define QUIVER_THREAD_ANNOTATION(x)
#endif

#define GUARDED_BY(x) QUIVER_THREAD_ANNOTATION(guarded_by(x))
#define PT_GUARDED_BY(x) QUIVER_THREAD_ANNOTATION(pt_guarded_by(x))
#define REQUIRES(...) QUIVER_THREAD_ANNOTATION(requires_capability(__VA_ARGS__))
#define EXCLUDES(...) QUIVER_THREAD_ANNOTATION(locks_excluded(__VA_ARGS__))
