#include "server/accounts/account_store.hpp"
#include "server/store/data_store.hpp"
#include "server/store/database.hpp"
#include "tests/support/temp_dir.hpp"

#include <gtest/gtest.h>

using namespace phongthi::server;
using phongthi::store::database;

namespace {

constexpr std::int64_t hour = 3'600'000;

class AccountStore : public testing::Test {
protected:
    AccountStore() : data_(dir_.path()) {
        data_.write_side().write([&](database& db) {
            std::int64_t const unit =
                account_store::insert_unit(db, "CB-VP", "Chi bộ Văn phòng", std::nullopt, 0);
            user_id_ = account_store::insert_user(
                db, {"ThiSinh01", "Phạm Thị Hoa", role::candidate, unit, "hash", true}, 0);
            account_store::insert_session(db, "digest-1", user_id_, 0, 12 * hour, "10.0.0.7",
                                          "test");
        });
    }

    std::optional<user_record> session_user(std::string_view digest, std::int64_t now) {
        auto const live = data_.read_side().with(
            [&](database& db) { return account_store::find_live_session(db, digest, now); });
        return live ? std::optional(live->user) : std::nullopt;
    }

    void write(std::function<void(database&)> job) { data_.write_side().write(std::move(job)); }

    phongthi::test::temp_dir dir_;
    phongthi::store::data_store data_;
    std::int64_t user_id_ = 0;
};

} // namespace

TEST_F(AccountStore, SessionIsValidUntilItExpires) {
    auto const user = session_user("digest-1", 12 * hour - 1);
    ASSERT_TRUE(user);
    EXPECT_EQ(user->full_name, "Phạm Thị Hoa");
    EXPECT_EQ(user->unit->code, "CB-VP");
    EXPECT_FALSE(session_user("digest-1", 12 * hour));
    EXPECT_FALSE(session_user("no-such-digest", 1));
}

TEST_F(AccountStore, RevokedSessionsAndDisabledAccountsAreRefused) {
    write([&](database& db) {
        account_store::insert_session(db, "digest-2", user_id_, 0, hour, "", "");
    });
    write([&](database& db) { account_store::revoke_session(db, "digest-1", 5); });
    EXPECT_FALSE(session_user("digest-1", 10));
    EXPECT_TRUE(session_user("digest-2", 10));
    write([&](database& db) { account_store::set_disabled(db, user_id_, true, 20); });
    EXPECT_FALSE(session_user("digest-2", 30));
    write([&](database& db) { account_store::set_disabled(db, user_id_, false, 40); });
    write([&](database& db) { account_store::revoke_user_sessions(db, user_id_, 50); });
    EXPECT_FALSE(session_user("digest-2", 60));
}

TEST_F(AccountStore, RevokingOthersKeepsTheNamedSessionAndCountsTheRest) {
    write([&](database& db) {
        account_store::insert_session(db, "digest-2", user_id_, 0, hour, "", "");
        account_store::insert_session(db, "digest-3", user_id_, 0, hour, "", "");
    });
    int ended = 0;
    write([&](database& db) {
        ended = account_store::revoke_user_sessions(db, user_id_, 10, "digest-2");
    });
    EXPECT_EQ(ended, 2);
    EXPECT_TRUE(session_user("digest-2", 20));
    EXPECT_FALSE(session_user("digest-3", 20));
    write([&](database& db) { ended = account_store::revoke_all_sessions(db, 30, ""); });
    EXPECT_EQ(ended, 1);
    EXPECT_FALSE(session_user("digest-2", 40));
}

TEST_F(AccountStore, TouchOnlyMovesLastSeenForwardAndListsLiveSessions) {
    write([&](database& db) { account_store::touch_session(db, "digest-1", 5000); });
    write([&](database& db) { account_store::touch_session(db, "digest-1", 3000); });
    auto const live = data_.read_side().with(
        [](database& db) { return account_store::find_live_session(db, "digest-1", 6000); });
    ASSERT_TRUE(live);
    EXPECT_EQ(live->last_seen_at, 5000);
    auto const listed = data_.read_side().with(
        [&](database& db) { return account_store::list_sessions(db, 6000, user_id_); });
    ASSERT_EQ(listed.size(), 1u);
    EXPECT_EQ(listed[0].username, "ThiSinh01");
    EXPECT_EQ(listed[0].address, "10.0.0.7");
    EXPECT_EQ(listed[0].last_seen_at, 5000);
    EXPECT_TRUE(
        data_.read_side()
            .with([](database& db) { return account_store::list_sessions(db, 12 * hour, 0); })
            .empty());
}

TEST_F(AccountStore, UsernamesMatchWhateverTheCase) {
    auto const found = data_.read_side().with(
        [](database& db) { return account_store::find_credentials(db, "thisinh01"); });
    ASSERT_TRUE(found);
    EXPECT_EQ(found->password_hash, "hash");
    EXPECT_TRUE(found->user.must_change_password);
    EXPECT_THROW(write([](database& db) {
                     account_store::insert_user(
                         db, {"THISINH01", "Trùng", role::candidate, {}, "h", true}, 1);
                 }),
                 phongthi::store::sqlite_error);
}

TEST_F(AccountStore, AuditRowsRecordWhoWhatAndWhere) {
    write([](database& db) {
        account_store::append_audit(db, actor{std::nullopt, "cli:root", "local"}, "unit.create",
                                    "CB-VP", R"({"name":"Chi bộ"})", 7);
    });
    data_.read_side().with([](database& db) {
        auto row = db.prepare("SELECT at, actor, action, target, detail, address FROM audit_log");
        ASSERT_TRUE(row.step());
        EXPECT_EQ(row.column_int64(0), 7);
        EXPECT_EQ(row.column_text(1), "cli:root");
        EXPECT_EQ(row.column_text(2), "unit.create");
        EXPECT_EQ(row.column_text(3), "CB-VP");
        EXPECT_EQ(row.column_text(4), R"({"name":"Chi bộ"})");
        EXPECT_EQ(row.column_text(5), "local");
    });
}
