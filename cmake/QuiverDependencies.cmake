# Third-party dependencies: Debian packages only (scripts/setup.sh installs them).
# Each is found once here; modules link the imported targets they need.
find_package(PkgConfig REQUIRED)
find_package(Threads REQUIRED)
find_package(fmt CONFIG REQUIRED)
find_package(Boost 1.81 CONFIG REQUIRED)          # Boost::headers (Asio, Beast)
find_package(FlatBuffers CONFIG REQUIRED)         # flatbuffers::flatbuffers, flatbuffers::flatc
find_package(ZLIB REQUIRED)                       # gzip request bodies
find_package(OpenSSL REQUIRED)                    # SHA-256 token hashes, TLS later
find_package(CLI11 CONFIG REQUIRED)               # cli/ only
find_package(zstd CONFIG REQUIRED)                # zstd::libzstd_shared
find_package(Snappy CONFIG REQUIRED)              # Snappy::snappy
pkg_check_modules(LZ4 REQUIRED IMPORTED_TARGET liblz4)
pkg_check_modules(RE2 REQUIRED IMPORTED_TARGET re2)
pkg_check_modules(XXHASH REQUIRED IMPORTED_TARGET libxxhash)
find_package(simdjson CONFIG REQUIRED)            # simdjson::simdjson

# libpg_query ships neither a CMake config nor a .pc file.
find_path(PG_QUERY_INCLUDE_DIR pg_query.h REQUIRED)
find_library(PG_QUERY_LIBRARY pg_query REQUIRED)
add_library(pg_query::pg_query UNKNOWN IMPORTED)
set_target_properties(pg_query::pg_query PROPERTIES IMPORTED_LOCATION "${PG_QUERY_LIBRARY}"
                      INTERFACE_INCLUDE_DIRECTORIES "${PG_QUERY_INCLUDE_DIR}")

# gRPC + protobuf (server/flight only). find_package(gRPC) needs protobuf-compiler-grpc.
find_package(Protobuf REQUIRED)
find_package(gRPC CONFIG REQUIRED)

if(QUIVER_BUILD_TESTS)
  find_package(GTest CONFIG REQUIRED)
endif()
if(QUIVER_BUILD_BENCH)
  find_package(benchmark CONFIG REQUIRED)
endif()
