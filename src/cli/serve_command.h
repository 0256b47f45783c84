#pragma once

#include "cli/serve.h"

namespace CLI {
class App;
}  // namespace CLI

namespace quiver::cli {

// Adds the `serve` subcommand to `app`: every ServeOptions field as a flag that can also
// be set through a QUIVER_<FLAG> environment variable (the flag wins). `options` receives
// the parsed values and must outlive parsing. Returns the subcommand (check parsed()).
CLI::App* AddServeCommand(CLI::App& app, ServeOptions* options);

}  // namespace quiver::cli
