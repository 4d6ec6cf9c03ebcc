// The scheduled backups' plan: what the admin page and the CLI may store, and how a stored plan
// takes over from the serve options until it is reset.
#include "server/backups/backup_plan.hpp"
#include "server/store/data_store.hpp"
#include "server/store/database.hpp"
#include "tests/support/temp_dir.hpp"

#include <gtest/gtest.h>

using namespace phongthi::server;
using nlohmann::json;
using phongthi::store::database;

namespace {

TEST(BackupPlan, ParsesMinutesAndKeepWithinTheirBoundsAndNamesTheWrongField) {
    auto const ok = backup_plan::parse({{"every_minutes", 30}, {"keep", 7}});
    ASSERT_TRUE(ok.value);
    EXPECT_EQ(ok.value->every, std::chrono::minutes(30));
    EXPECT_EQ(ok.value->keep, 7u);
    EXPECT_TRUE(ok.value->from_settings);
    EXPECT_TRUE(backup_plan::parse({{"every_minutes", 0}, {"keep", 1}}).value) << "off is a plan";
    EXPECT_TRUE(backup_plan::parse({{"every_minutes", 10080}, {"keep", 1000}}).value);

    for (auto const& [body, field] :
         {std::pair{json{{"every_minutes", 10081}, {"keep", 1}}, "every_minutes"},
          std::pair{json{{"every_minutes", -1}, {"keep", 1}}, "every_minutes"},
          std::pair{json{{"every_minutes", 1.5}, {"keep", 1}}, "every_minutes"},
          std::pair{json{{"keep", 1}}, "every_minutes"},
          std::pair{json{{"every_minutes", 5}, {"keep", 1001}}, "keep"},
          std::pair{json{{"every_minutes", 5}}, "keep"},
          std::pair{json{{"every_minutes", 5}, {"keep", 2}, {"hour", 3}}, "hour"},
          std::pair{json::array({5, 2}), "every_minutes"}}) {
        auto const refused = backup_plan::parse(body);
        EXPECT_FALSE(refused.value) << body;
        EXPECT_EQ(refused.bad_field, field) << body;
    }
}

TEST(BackupPlan, AStoredPlanWinsOverTheServeOptionsUntilReset) {
    phongthi::test::temp_dir dir;
    phongthi::store::data_store data(dir.path());
    backup_plan::plan const options{std::chrono::seconds(90), 3, false};
    auto const current = [&] {
        return data.read_side().with(
            [&](database& db) { return backup_plan::current(db, options); });
    };
    EXPECT_EQ(backup_plan::to_json(current()),
              json({{"every_minutes", 1.5}, {"keep", 3}, {"source", "options"}}));

    data.write_side().write([](database& db) {
        backup_plan::store(db, {std::chrono::minutes(60), 24, true}, {std::nullopt, "cli", ""}, 5);
    });
    EXPECT_EQ(backup_plan::to_json(current()),
              json({{"every_minutes", 60}, {"keep", 24}, {"source", "settings"}}));

    data.write_side().write([](database& db) {
        backup_plan::reset(db, {std::nullopt, "cli", ""}, 6);
    });
    EXPECT_FALSE(current().from_settings);
    EXPECT_EQ(current().every, std::chrono::seconds(90));
}

} // namespace
