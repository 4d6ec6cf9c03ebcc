// `phongthi audit`: the audit log on the data directory, filtered like the admin page.
#include "server/api/api_support.hpp"
#include "server/audit/audit_query.hpp"
#include "server/cli/cli_support.hpp"
#include "server/cli/commands.hpp"
#include "server/store/data_store.hpp"

#include <iostream>

namespace phongthi::server {

namespace {

std::int64_t time_option(command_args const& args, std::string_view name) {
    auto const text = args.value(name);
    if (!text)
        return -1;
    auto const ms = parse_iso_time(*text);
    if (!ms)
        throw usage_error("--" + std::string(name) + " wants a time like 2026-11-26T08:00:00Z");
    return *ms;
}

std::string text_or_dash(json const& value) {
    return value.is_string() ? value.get<std::string>() : "-";
}

} // namespace

int run_audit(int argc, char** argv, int first) {
    command_args const args(argc, argv, first,
                            {"actor", "action", "target", "since", "until", "limit", "data"},
                            {"json"});
    audit_query::filter f;
    f.actor = args.value("actor").value_or("");
    f.action = args.value("action").value_or("");
    f.target = args.value("target").value_or("");
    f.from_ms = time_option(args, "since");
    f.to_ms = time_option(args, "until");
    f.limit = static_cast<int>(args.number("limit", 100, 1, audit_query::max_limit));
    store::data_store data(data_dir_of(args));
    auto const page =
        data.read_side().with([&](store::database& db) { return audit_query::find(db, f); });
    if (args.flag("json")) {
        std::cout << page.dump(2) << "\n";
        return 0;
    }
    for (auto const& row : page["rows"]) {
        std::cout << row["at"].get<std::string>() << "  " << row["actor"].get<std::string>() << "  "
                  << row["action"].get<std::string>() << "  " << text_or_dash(row["target"]) << "  "
                  << text_or_dash(row["address"]);
        if (row["detail"].is_object())
            std::cout << "  " << row["detail"].dump();
        std::cout << "\n";
    }
    if (!page["next_before"].is_null())
        std::cout << "(more: --limit " << f.limit << " shows the newest " << f.limit << ")\n";
    return 0;
}

} // namespace phongthi::server
