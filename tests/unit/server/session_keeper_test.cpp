#include "server/accounts/account_store.hpp"
#include "server/accounts/session_keeper.hpp"
#include "server/store/data_store.hpp"
#include "server/store/database.hpp"
#include "tests/support/temp_dir.hpp"

#include <gtest/gtest.h>

using namespace phongthi::server;
using phongthi::store::database;

namespace {

constexpr std::int64_t keeper_minute = 60'000;

class SessionKeeper : public testing::Test {
protected:
    SessionKeeper()
        : data_(dir_.path()), keeper_(data_, {std::chrono::hours(12), std::chrono::minutes(10)}) {
        data_.write_side().write([&](database& db) {
            lan_ = account_store::insert_user(
                db, {"gv.lan", "Trần Thị Lan", role::lecturer, {}, "hash", false}, 0);
            hoa_ = account_store::insert_user(
                db, {"thisinh01", "Phạm Thị Hoa", role::candidate, {}, "hash", false}, 0);
            account_store::insert_session(db, "lan-pc", lan_, 0, 12 * 60 * keeper_minute, "", "");
            account_store::insert_session(db, "lan-laptop", lan_, 0, 12 * 60 * keeper_minute, "",
                                          "");
            account_store::insert_session(db, "hoa-pc", hoa_, 0, 12 * 60 * keeper_minute, "", "");
        });
    }

    std::int64_t last_seen(std::string const& digest) {
        // The touch is queued without waiting: an empty write after it waits for it.
        data_.write_side().write([](database&) {});
        return data_.read_side().with([&](database& db) {
            return account_store::find_live_session(db, digest, 1)->last_seen_at;
        });
    }

    phongthi::test::temp_dir dir_;
    phongthi::store::data_store data_;
    session_keeper keeper_;
    std::int64_t lan_ = 0;
    std::int64_t hoa_ = 0;
};

} // namespace

TEST_F(SessionKeeper, AnUnusedSessionEndsAfterTheIdleTimeout) {
    EXPECT_TRUE(keeper_.authenticate("lan-pc", 10 * keeper_minute));
    EXPECT_FALSE(keeper_.authenticate("lan-laptop", 10 * keeper_minute + 1));
    // Used at minute 10, so alive until minute 20.
    EXPECT_TRUE(keeper_.authenticate("lan-pc", 20 * keeper_minute));
    EXPECT_FALSE(keeper_.authenticate("no-such-session", 1));
}

TEST_F(SessionKeeper, LastSeenIsWrittenAtMostOnceAMinute) {
    EXPECT_TRUE(keeper_.authenticate("lan-pc", 2 * keeper_minute));
    EXPECT_EQ(last_seen("lan-pc"), 2 * keeper_minute);
    keeper_.touch("lan-pc", 2 * keeper_minute + 59'000);
    EXPECT_EQ(last_seen("lan-pc"), 2 * keeper_minute);
    keeper_.touch("lan-pc", 3 * keeper_minute);
    EXPECT_EQ(last_seen("lan-pc"), 3 * keeper_minute);
}

TEST_F(SessionKeeper, AnOpenWebSocketKeepsItsSessionFromGoingIdle) {
    auto const handle = keeper_.attach("hoa-pc", hoa_, [] {});
    EXPECT_TRUE(keeper_.authenticate("hoa-pc", 180 * keeper_minute));
    keeper_.detach(handle);
    // The use at minute 180 counts from then on.
    EXPECT_TRUE(keeper_.authenticate("hoa-pc", 189 * keeper_minute));
    EXPECT_FALSE(keeper_.authenticate("hoa-pc", 200 * keeper_minute));
}

TEST_F(SessionKeeper, RevocationEndsOnlyTheMatchingWebSockets) {
    int pc = 0, laptop = 0, hoa = 0;
    keeper_.attach("lan-pc", lan_, [&] { ++pc; });
    keeper_.attach("lan-laptop", lan_, [&] { ++laptop; });
    auto const hoa_handle = keeper_.attach("hoa-pc", hoa_, [&] { ++hoa; });
    keeper_.end_user(lan_, "lan-pc");
    EXPECT_EQ(pc, 0);
    EXPECT_EQ(laptop, 1);
    keeper_.end_user(lan_, "lan-pc"); // ended once only
    EXPECT_EQ(laptop, 1);
    keeper_.detach(hoa_handle);
    keeper_.end_all("");
    EXPECT_EQ(pc, 1);
    EXPECT_EQ(hoa, 0);
}
