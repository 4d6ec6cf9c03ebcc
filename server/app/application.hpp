#pragma once

#include "server/accounts/session_keeper.hpp"
#include "server/auth/login_throttle.hpp"
#include "server/auth/password_hasher.hpp"
#include "server/demo/demo.hpp"
#include "server/net/http_server.hpp"

#include <chrono>
#include <filesystem>
#include <memory>
#include <vector>

namespace phongthi::server {

/// Everything `phongthi serve` needs to know.
struct app_options {
    std::filesystem::path data_dir = "data";
    server_options network;
    bool demo = false;
    auth::hash_params hash_params;
    int hash_threads = 2;
    std::size_t material_max_bytes = 20 * 1024 * 1024; ///< the largest course material upload
    std::chrono::seconds backup_every{0}; ///< scheduled backups into DATA/backups; 0: none
    std::size_t backup_keep = 48;         ///< the scheduled backups keep this many in the folder
    session_rules sessions;               ///< session lifetime and idle timeout
    auth::throttle_limits login_limits;   ///< failed-login lock-out and backoff
    /// HTTP requests per second and at once (a token bucket) per client address; either 0
    /// turns the limit off. WebSocket messages are not counted.
    double requests_per_second = limits::default_requests_per_second_per_address;
    double request_burst = limits::default_request_burst;
};

/// The running product: storage, accounts, the HTTP API, the WebSocket protocol and the web
/// client, on one port. Construct, read port(), run() until a signal or stop().
class application {
public:
    /// Opens (and migrates) the store, seeds the demo when asked, binds the port.
    /// Throws std::runtime_error (or store::schema_too_new) with a clear message.
    explicit application(app_options options);
    ~application();
    application(application const&) = delete;
    application& operator=(application const&) = delete;

    std::uint16_t port() const;
    /// The demo accounts (empty without --demo).
    std::vector<demo_account> const& demo_accounts() const;
    /// Serves until stopped, then finishes every queued write before returning.
    void run();
    /// Thread-safe.
    void stop();

private:
    struct impl;
    std::unique_ptr<impl> impl_;
};

} // namespace phongthi::server
