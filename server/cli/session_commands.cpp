#include "server/accounts/account_store.hpp"
#include "server/api/api_support.hpp"
#include "server/cli/args.hpp"
#include "server/cli/cli_support.hpp"
#include "server/cli/commands.hpp"
#include "server/store/data_store.hpp"
#include "server/store/database.hpp"

#include <iomanip>
#include <iostream>

namespace phongthi::server {

namespace {

int list_sessions(command_args const& args) {
    store::data_store data(data_dir_of(args));
    auto const username = args.value("username");
    std::int64_t const user_id = username ? account_named(data, *username).id : 0;
    auto const sessions = data.read_side().with(
        [&](store::database& db) { return account_store::list_sessions(db, now_ms(), user_id); });
    std::cout << std::left << std::setw(8) << "id" << std::setw(20) << "username" << std::setw(22)
              << "created" << std::setw(22) << "last seen" << std::setw(18) << "address"
              << "user agent\n";
    for (auto const& s : sessions)
        std::cout << std::setw(8) << s.id << std::setw(20) << s.username << std::setw(22)
                  << iso_utc(s.created_at) << std::setw(22) << iso_utc(s.last_seen_at)
                  << std::setw(18) << (s.address.empty() ? "-" : s.address)
                  << s.user_agent.substr(0, 60) << "\n";
    std::cout << sessions.size() << " active session(s)\n";
    return 0;
}

int revoke_sessions(command_args const& args) {
    auto const username = args.value("username");
    bool const all = args.flag("all");
    if (all == username.has_value())
        throw usage_error("sessions revoke needs --username U or --all (one of them)");
    store::data_store data(data_dir_of(args));
    std::int64_t const user_id = username ? account_named(data, *username).id : 0;
    int ended = 0;
    data.write_side().write([&](store::database& db) {
        std::int64_t const now = now_ms();
        ended = all ? account_store::revoke_all_sessions(db, now, "")
                    : account_store::revoke_user_sessions(db, user_id, now);
        account_store::append_audit(db, cli_actor(),
                                    all ? "session.revoke_all" : "session.revoke_user",
                                    all ? "*" : *username, json{{"revoked", ended}}.dump(), now);
    });
    std::cout << ended << " session(s) revoked\n";
    return 0;
}

} // namespace

int run_sessions(int argc, char** argv, int first) {
    if (first >= argc)
        throw usage_error("an action is missing (list or revoke)");
    std::string_view const action = argv[first];
    if (action == "list")
        return list_sessions(command_args(argc, argv, first + 1, {"data", "username"}, {}));
    if (action == "revoke")
        return revoke_sessions(command_args(argc, argv, first + 1, {"data", "username"}, {"all"}));
    throw usage_error("unknown action \"" + std::string(action) + "\"");
}

} // namespace phongthi::server
