// The `quiver` binary. Subcommands: serve (more — write, query, create, ... — come later).

#include <CLI/CLI.hpp>

#include "cli/build_info.h"
#include "cli/serve.h"
#include "cli/serve_command.h"

int main(int argc, char** argv) {
  CLI::App app{
      "Quiver: a time-series database compatible with InfluxDB 3 Core (line protocol writes, "
      "SQL and InfluxQL queries, Parquet storage).",
      "quiver"};
  app.set_version_flag("--version", quiver::cli::VersionString(), "Print the version and exit");
  app.require_subcommand(1);
  quiver::cli::ServeOptions serve_options;
  CLI::App* serve = quiver::cli::AddServeCommand(app, &serve_options);
  CLI11_PARSE(app, argc, argv);
  if (serve->parsed()) return quiver::cli::RunServe(serve_options);
  return 0;
}
