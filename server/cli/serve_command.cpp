#include "server/app/application.hpp"
#include "server/app/lan_addresses.hpp"
#include "server/cli/args.hpp"
#include "server/cli/commands.hpp"
#include "server/demo/demo_class.hpp"
#include "server/log.hpp"

#include <cstdio>
#include <iostream>

namespace phongthi::server {

namespace {

void print_banner(app_options const& options, application const& app) {
    std::string const port = std::to_string(app.port());
    std::string const host = options.network.host == "0.0.0.0" ? "127.0.0.1" : options.network.host;
    if (options.network.host == "0.0.0.0") {
        for (auto const& address : lan_addresses())
            std::cout << "PhòngThi: máy thí sinh mở / candidates open  http://" << address << ":"
                      << port << "/\n";
    }
    std::cout << "PhòngThi: dữ liệu / data  "
              << std::filesystem::absolute(options.data_dir).string() << "\n";
    if (!app.demo_accounts().empty()) {
        std::cout << "\nTài khoản demo / demo accounts:\n";
        for (auto const& account : app.demo_accounts())
            std::cout << "  " << account.role << std::string(12 - account.role.size(), ' ')
                      << account.username << " / " << account.password << "   ("
                      << account.full_name << ")\n";
        std::cout << "  " << demo_class_line() << "\n\n";
    }
    // Last, so that whoever waits for this line (scripts, tests) has the whole banner.
    std::cout << "phongthi: listening on http://" << host << ":" << port << "/" << std::endl;
}

} // namespace

int run_serve(int argc, char** argv, int first) {
    command_args const args(argc, argv, first,
                            {"data", "host", "port", "log-level", "threads", "hash-threads",
                             "material-max-mb"},
                            {"demo"});
    app_options options;
    options.data_dir = args.value("data").value_or("data");
    options.network.host = args.value("host").value_or("0.0.0.0");
    options.network.port = static_cast<std::uint16_t>(args.number("port", 8080, 0, 65535));
    options.network.threads = static_cast<int>(args.number("threads", 0, 0, 256));
    options.hash_threads = static_cast<int>(args.number("hash-threads", 2, 1, 64));
    options.demo = args.flag("demo");
    options.material_max_bytes =
        static_cast<std::size_t>(args.number("material-max-mb", 20, 1, 1024)) * 1024 * 1024;
    if (auto const level = args.value("log-level")) {
        auto const parsed = parse_log_level(*level);
        if (!parsed)
            throw usage_error("--log-level must be debug, info, warn or error");
        set_log_level(*parsed);
    }
    application app(options);
    print_banner(options, app);
    app.run();
    return 0;
}

} // namespace phongthi::server
