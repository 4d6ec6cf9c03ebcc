// `phongthi settings backup-schedule`: the scheduled backups' plan in the data directory, the
// same one the admin page sets. A running server applies a change within a minute.
#include "server/api/api_support.hpp"
#include "server/backups/backup_plan.hpp"
#include "server/cli/args.hpp"
#include "server/cli/cli_support.hpp"
#include "server/cli/commands.hpp"
#include "server/store/data_store.hpp"
#include "server/store/database.hpp"

#include <iostream>

namespace phongthi::server {

int run_backup_schedule_setting(int argc, char** argv, int first) {
    command_args const args(argc, argv, first, {"every", "keep", "data"}, {"reset"});
    bool const setting = args.value("every") || args.value("keep");
    if (setting && args.flag("reset"))
        throw usage_error("give --every and --keep, or --reset, not both");
    store::data_store data(data_dir_of(args));
    if (setting) {
        auto const parsed = backup_plan::parse(
            {{"every_minutes", args.number("every", 0, 0, backup_plan::max_every_minutes)},
             {"keep", args.number("keep", 48, 1, backup_plan::max_keep)}});
        data.write_side().write([&](store::database& db) {
            backup_plan::store(db, *parsed.value, cli_actor(), now_ms());
        });
    } else if (args.flag("reset")) {
        data.write_side().write(
            [](store::database& db) { backup_plan::reset(db, cli_actor(), now_ms()); });
    }
    auto const stored = data.read_side().with(
        [](store::database& db) { return backup_plan::current(db, backup_plan::plan{}); });
    if (!stored.from_settings) {
        std::cout << "không đặt lịch; máy chủ dùng --backup-every/--backup-keep / not set: the "
                     "server uses --backup-every/--backup-keep\n";
        return 0;
    }
    std::cout << backup_plan::to_json(stored).dump(2) << "\n";
    return 0;
}

} // namespace phongthi::server
