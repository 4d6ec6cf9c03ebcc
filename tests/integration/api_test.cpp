#include "tests/integration/fixture.hpp"

#include "server/store/database.hpp"

using namespace phongthi::test;

TEST_F(DemoServer, HealthzAnswersOk) {
    auto const result = http_call(port(), "GET", "/healthz");
    EXPECT_EQ(result.status, 200);
    EXPECT_EQ(json::parse(result.body)["status"], "ok");
}

TEST_F(DemoServer, ServesTheEmbeddedClientWithEtagGzipAndPolicy) {
    auto const page = http_call(port(), "GET", "/");
    ASSERT_EQ(page.status, 200);
    EXPECT_NE(page.body.find("<html"), std::string::npos);
    EXPECT_NE(page.header("content-security-policy").find("default-src 'self'"), std::string::npos);
    EXPECT_EQ(page.header("x-content-type-options"), "nosniff");
    std::string const etag = page.header("etag");
    ASSERT_FALSE(etag.empty());
    EXPECT_EQ(http_call(port(), "GET", "/", {}, {{"If-None-Match", etag}}).status, 304);
    auto const packed = http_call(port(), "GET", "/", {}, {{"Accept-Encoding", "gzip"}});
    EXPECT_EQ(packed.header("content-encoding"), "gzip");
    EXPECT_LT(packed.body.size(), page.body.size());
    EXPECT_EQ(http_call(port(), "GET", "/no/such/file.js").status, 404);
}

TEST_F(DemoServer, InfoIsPublicAndSaysDemo) {
    auto const result = http_call(port(), "GET", "/api/info");
    ASSERT_EQ(result.status, 200);
    auto const info = json::parse(result.body);
    EXPECT_EQ(info["name"], "PhòngThi");
    EXPECT_EQ(info["demo"], true);
}

TEST_F(DemoServer, AdminCreatesAUnitAndAnAccountThatCanSignIn) {
    std::string const admin = token_of("admin", admin_password);
    auto const unit =
        call("POST", "/api/units", admin,
             {{"code", "CB-GD"}, {"name", "Chi bộ Sở Giáo dục"}, {"parent_code", "DBK"}});
    ASSERT_EQ(unit.status, 201) << unit.body;
    EXPECT_EQ(json::parse(unit.body)["unit"]["parent_code"], "DBK");
    EXPECT_EQ(call("POST", "/api/units", admin, {{"code", "CB-GD"}, {"name", "Lặp"}}).status, 409);

    auto const created = call("POST", "/api/users", admin,
                              {{"username", "nguyenvanb"},
                               {"full_name", "Nguyễn Văn B"},
                               {"role", "candidate"},
                               {"unit_code", "CB-GD"}});
    ASSERT_EQ(created.status, 201) << created.body;
    auto const body = json::parse(created.body);
    std::string const initial = body.value("initial_password", "");
    ASSERT_GE(initial.size(), 8u);
    EXPECT_EQ(body["user"]["unit"]["code"], "CB-GD");

    auto const signed_in = login("nguyenvanb", initial);
    ASSERT_EQ(signed_in.status, 200);
    EXPECT_EQ(json::parse(signed_in.body)["user"]["must_change_password"], true);

    auto const again =
        call("POST", "/api/users", admin,
             {{"username", "nguyenvanb"}, {"full_name", "Trùng"}, {"role", "candidate"}});
    EXPECT_EQ(again.status, 409);
    EXPECT_EQ(json::parse(again.body)["error"]["code"], "username_taken");

    auto const bad = call("POST", "/api/users", admin,
                          {{"username", "x"}, {"full_name", "Ngắn"}, {"role", "candidate"}});
    EXPECT_EQ(bad.status, 400);
    EXPECT_EQ(json::parse(bad.body)["error"]["field"], "username");
}

TEST_F(DemoServer, EveryStaffChangeWritesOneAuditRow) {
    std::string const admin = token_of("admin", admin_password);
    auto const users = json::parse(call("GET", "/api/users", admin).body)["users"];
    std::int64_t candidate_id = 0;
    for (auto const& user : users) {
        if (user["username"] == "thisinh02")
            candidate_id = user["id"];
    }
    ASSERT_GT(candidate_id, 0);
    std::string const base = "/api/users/" + std::to_string(candidate_id);
    ASSERT_EQ(call("POST", base + "/disable", admin).status, 200);
    EXPECT_EQ(login("thisinh02", candidate_password).status, 403);
    ASSERT_EQ(call("POST", base + "/enable", admin).status, 200);
    auto const reset = call("POST", base + "/password", admin, json::object());
    ASSERT_EQ(reset.status, 200);
    EXPECT_EQ(login("thisinh02", json::parse(reset.body)["initial_password"]).status, 200);
    EXPECT_EQ(call("POST", "/api/users/99999/disable", admin).status, 404);

    phongthi::store::database db(data_dir() / "phongthi.db", phongthi::store::open_mode::read_only);
    auto rows = db.prepare("SELECT action, actor FROM audit_log WHERE actor = 'admin' ORDER BY id");
    std::vector<std::string> actions;
    while (rows.step())
        actions.push_back(rows.column_text(0));
    EXPECT_EQ(actions,
              (std::vector<std::string>{"user.disable", "user.enable", "user.password_reset"}));
}
