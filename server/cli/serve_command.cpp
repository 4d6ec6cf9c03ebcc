#include "server/app/application.hpp"
#include "server/app/data_dir_privacy.hpp"
#include "server/app/lan_addresses.hpp"
#include "server/app/tls_setup.hpp"
#include "server/cli/args.hpp"
#include "server/cli/commands.hpp"
#include "server/cli/config_file.hpp"
#include "server/demo/demo_class.hpp"
#include "server/log.hpp"
#include "server/net/limits.hpp"
#include "server/store/data_dir_lock.hpp"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <iostream>

namespace phongthi::server {

namespace {

/// "https" when the port speaks TLS, else "http" (a port that speaks both prefers https).
std::string_view scheme_of(tls_mode mode) {
    return mode == tls_mode::off ? "http" : "https";
}

tls_mode parse_tls_mode(std::string_view text) {
    if (text == "off")
        return tls_mode::off;
    if (text == "on")
        return tls_mode::on;
    if (text == "both")
        return tls_mode::both;
    throw usage_error("--tls must be off, on or both");
}

/// Gives what the command line left out from the environment (PHONGTHI_PORT…), then from the
/// configuration file (--config or $PHONGTHI_CONFIG); returns that file, if any.
std::optional<std::filesystem::path> apply_outside_settings(command_args& args) {
    auto const given = args.value("config");
    auto const file =
        given ? std::optional<std::filesystem::path>(*given) : config_file_from_environment();
    config_settings settings;
    if (file) {
        settings = read_config_file(*file);
        for (auto const& [key, value] : settings)
            if (key == "config" || !args.accepts(key))
                throw usage_error("tệp cấu hình / config file " + file->string() + ": \"" + key +
                                  "\" không phải tuỳ chọn của serve / is not an option of serve");
    }
    args.fill_missing([&](std::string_view name) -> std::optional<outside_setting> {
        if (name == "config")
            return std::nullopt;
        std::string const variable = environment_name(name);
        if (char const* value = std::getenv(variable.c_str()); value != nullptr && *value != '\0')
            return outside_setting{value, variable};
        if (auto const it = settings.find(name); it != settings.end())
            return outside_setting{it->second, "config file " + file->string()};
        return std::nullopt;
    });
    return file;
}

void print_tls(tls_setup const& tls) {
    std::cout << "PhòngThi: chứng chỉ TLS / TLS certificate  " << tls.certificate_file.string()
              << (tls.created ? "  (mới tạo, tự ký / new, self-signed)" : "") << "\n"
              << "PhòngThi: vân tay SHA-256 / SHA-256 fingerprint  "
              << certificate_fingerprint(tls.identity.certificate_pem) << "\n";
}

void print_banner(app_options const& options, application const& app,
                  std::optional<std::filesystem::path> const& config) {
    std::string const port = std::to_string(app.port());
    std::string const host = options.network.host == "0.0.0.0" ? "127.0.0.1" : options.network.host;
    auto const scheme = scheme_of(options.network.tls);
    if (options.network.host == "0.0.0.0") {
        for (auto const& address : lan_addresses())
            std::cout << "PhòngThi: máy thí sinh mở / candidates open  " << scheme << "://"
                      << address << ":" << port << "/\n";
    }
    if (config)
        std::cout << "PhòngThi: cấu hình / config  " << config->string() << "\n";
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
    std::cout << "phongthi: listening on " << scheme << "://" << host << ":" << port << "/"
              << std::endl;
}

} // namespace

int run_serve(int argc, char** argv, int first) {
    command_args args(argc, argv, first,
                      {"config", "data", "host", "port", "log-level", "threads", "hash-threads",
                       "tls", "tls-cert", "tls-key", "material-max-mb", "max-connections",
                       "max-connections-per-ip", "requests-per-ip-per-second", "request-burst",
                       "backup-every", "backup-every-seconds", "backup-keep", "session-hours",
                       "session-seconds", "session-idle-minutes", "session-idle-seconds",
                       "login-lockout-seconds"},
                      {"demo"});
    auto const config = apply_outside_settings(args);
    app_options options;
    options.data_dir = args.value("data").value_or("data");
    options.network.host = args.value("host").value_or("0.0.0.0");
    options.network.port = static_cast<std::uint16_t>(args.number("port", 8080, 0, 65535));
    options.network.threads = static_cast<int>(args.number("threads", 0, 0, 256));
    options.hash_threads = static_cast<int>(args.number("hash-threads", 2, 1, 64));
    options.network.max_connections = static_cast<std::size_t>(args.number(
        "max-connections", static_cast<long>(limits::default_max_connections), 1, 1000000));
    // 0 turns each per-address limit off (load tests connect thousands from 127.0.0.1).
    options.network.max_connections_per_address = static_cast<std::size_t>(
        args.number("max-connections-per-ip",
                    static_cast<long>(limits::default_max_connections_per_address), 0, 1000000));
    options.requests_per_second = static_cast<double>(args.number(
        "requests-per-ip-per-second", limits::default_requests_per_second_per_address, 0, 1000000));
    options.request_burst = static_cast<double>(
        args.number("request-burst", limits::default_request_burst, 0, 1000000));
    options.demo = args.flag("demo");
    options.material_max_bytes =
        static_cast<std::size_t>(args.number("material-max-mb", 20, 1, 1024)) * 1024 * 1024;
    // --backup-every-seconds is for tests, which cannot wait minutes.
    options.backup_every = std::chrono::minutes(args.number("backup-every", 0, 0, 100000)) +
                           std::chrono::seconds(args.number("backup-every-seconds", 0, 0, 100000));
    options.backup_keep = static_cast<std::size_t>(args.number("backup-keep", 48, 1, 100000));
    // The *-seconds options are for tests, like --backup-every-seconds.
    options.sessions.lifetime = std::chrono::hours(args.number("session-hours", 12, 0, 8760)) +
                                std::chrono::seconds(args.number("session-seconds", 0, 0, 1000000));
    if (options.sessions.lifetime.count() <= 0)
        throw usage_error("--session-hours must be at least 1");
    options.sessions.idle =
        std::chrono::minutes(args.number("session-idle-minutes", 120, 0, 525600)) +
        std::chrono::seconds(args.number("session-idle-seconds", 0, 0, 1000000));
    options.login_limits.first_lockout =
        std::chrono::seconds(args.number("login-lockout-seconds", 30, 1, 3600));
    options.login_limits.max_lockout =
        std::max(options.login_limits.max_lockout, options.login_limits.first_lockout);
    options.network.tls = parse_tls_mode(args.value("tls").value_or("off"));
    if (options.network.tls != tls_mode::off) {
        auto const path = [&](char const* name) -> std::optional<std::filesystem::path> {
            if (auto const value = args.value(name))
                return std::filesystem::path(*value);
            return std::nullopt;
        };
        auto const tls = load_or_create_tls(options.data_dir, path("tls-cert"), path("tls-key"));
        options.network.identity = tls.identity;
        print_tls(tls);
    }
    if (auto const level = args.value("log-level")) {
        auto const parsed = parse_log_level(*level);
        if (!parsed)
            throw usage_error("--log-level must be debug, info, warn or error");
        set_log_level(*parsed);
    }
    // Held while serving, so that `phongthi restore` cannot replace the database under us.
    store::data_dir_lock const lock(options.data_dir);
    application app(options);
    warn_if_data_dir_is_shared(options.data_dir);
    print_banner(options, app, config);
    app.run();
    return 0;
}

} // namespace phongthi::server
