// The audit log as an administrator reads it: over the API with filters and paging, and with
// `phongthi audit` on the data directory.
#include "tests/integration/fixture.hpp"

#include <algorithm>

namespace phongthi::test {
namespace {

class AuditApi : public DemoServer {
protected:
    /// Disables and re-enables thisinh02: two audited user actions by admin.
    void toggle_candidate(std::string const& admin) {
        auto const users = json::parse(call("GET", "/api/users", admin).body)["users"];
        auto const found = std::find_if(users.begin(), users.end(),
                                        [](json const& u) { return u["username"] == "thisinh02"; });
        ASSERT_NE(found, users.end());
        std::string const base = "/api/users/" + std::to_string((*found)["id"].get<int>());
        ASSERT_EQ(call("POST", base + "/disable", admin).status, 200);
        ASSERT_EQ(call("POST", base + "/enable", admin).status, 200);
    }

    std::vector<std::string> actions_of(json const& page) {
        std::vector<std::string> actions;
        for (auto const& row : page["rows"])
            actions.push_back(row["action"]);
        return actions;
    }
};

TEST_F(AuditApi, AdminFiltersByActorAndActionFamilyNewestFirst) {
    auto const admin = token_of("admin", admin_password);
    toggle_candidate(admin);
    auto const result = call("GET", "/api/audit?actor=admin&action=user.", admin);
    ASSERT_EQ(result.status, 200) << result.body;
    auto const page = json::parse(result.body);
    EXPECT_EQ(actions_of(page), (std::vector<std::string>{"user.enable", "user.disable"}));
    auto const& newest = page["rows"][0];
    EXPECT_EQ(newest["actor"], "admin");
    EXPECT_TRUE(newest["target"].get<std::string>().starts_with("user:"));
    EXPECT_EQ(newest["address"], "127.0.0.1");
    EXPECT_TRUE(newest["at"].get<std::string>().ends_with("Z"));
    EXPECT_TRUE(page["next_before"].is_null());
    auto const& actions = page["actions"];
    EXPECT_NE(std::find(actions.begin(), actions.end(), "user.disable"), actions.end());

    auto const exact = json::parse(call("GET", "/api/audit?action=user.disable", admin).body);
    EXPECT_EQ(actions_of(exact), (std::vector<std::string>{"user.disable"}));
}

TEST_F(AuditApi, PagesFollowEachOtherWithoutGapsOrRepeats) {
    auto const admin = token_of("admin", admin_password);
    toggle_candidate(admin);
    toggle_candidate(admin);
    std::vector<std::int64_t> ids;
    std::string target = "/api/audit?actor=admin&limit=3";
    for (int page_count = 0; page_count < 10; ++page_count) {
        auto const page = json::parse(call("GET", target, admin).body);
        for (auto const& row : page["rows"])
            ids.push_back(row["id"]);
        if (page["next_before"].is_null())
            break;
        target = "/api/audit?actor=admin&limit=3&before=" +
                 std::to_string(page["next_before"].get<std::int64_t>());
    }
    ASSERT_EQ(ids.size(), 4u);
    EXPECT_TRUE(std::is_sorted(ids.rbegin(), ids.rend()));
    EXPECT_EQ(std::adjacent_find(ids.begin(), ids.end()), ids.end());
}

TEST_F(AuditApi, TimeWindowAndBadParametersAndRolesAreChecked) {
    auto const admin = token_of("admin", admin_password);
    toggle_candidate(admin);
    auto const future =
        json::parse(call("GET", "/api/audit?from=2999-01-01T00:00:00Z", admin).body);
    EXPECT_TRUE(future["rows"].empty());
    auto const past =
        json::parse(call("GET", "/api/audit?actor=admin&to=2999-01-01T00:00:00Z", admin).body);
    EXPECT_EQ(past["rows"].size(), 2u);

    auto const bad = call("GET", "/api/audit?from=yesterday", admin);
    EXPECT_EQ(bad.status, 400);
    EXPECT_EQ(json::parse(bad.body)["error"]["field"], "from");
    EXPECT_EQ(call("GET", "/api/audit?limit=0", admin).status, 400);
    EXPECT_EQ(call("GET", "/api/audit?limit=5000", admin).status, 400);

    EXPECT_EQ(call("GET", "/api/audit", token_of("giamthi", "giamthi2026")).status, 403);
    EXPECT_EQ(call("GET", "/api/audit", token_of("thisinh01", candidate_password)).status, 403);
}

TEST_F(AuditApi, CommandLinePrintsTheFilteredLog) {
    auto const admin = token_of("admin", admin_password);
    toggle_candidate(admin);
    auto const text = run_phongthi(
        {"audit", "--actor", "admin", "--action", "user.", "--data", data_dir().string()});
    ASSERT_EQ(text.exit_code, 0) << text.err;
    auto const enable = text.out.find("user.enable");
    auto const disable = text.out.find("user.disable");
    ASSERT_NE(enable, std::string::npos) << text.out;
    ASSERT_NE(disable, std::string::npos) << text.out;
    EXPECT_LT(enable, disable) << "newest first";

    auto const as_json = run_phongthi(
        {"audit", "--action", "user.disable", "--json", "--data", data_dir().string()});
    ASSERT_EQ(as_json.exit_code, 0) << as_json.err;
    EXPECT_EQ(json::parse(as_json.out)["rows"].size(), 1u);

    auto const bad = run_phongthi({"audit", "--since", "soon", "--data", data_dir().string()});
    EXPECT_NE(bad.exit_code, 0);
    EXPECT_NE(bad.err.find("--since"), std::string::npos) << bad.err;
}

} // namespace
} // namespace phongthi::test
