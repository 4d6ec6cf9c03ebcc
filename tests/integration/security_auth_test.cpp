// Account and session hardening end to end (docs/SECURITY.md): the staff password policy,
// session expiry (absolute and idle), listing and revoking sessions (API and CLI, open
// WebSockets included), an administrator's password reset, and the growing login lock-out.
#include "tests/integration/fixture.hpp"

#include "server/store/database.hpp"

#include <algorithm>
#include <thread>

namespace phongthi::test {
namespace {

using namespace std::chrono_literals;

class SecurityAuth : public DemoServer {
protected:
    explicit SecurityAuth(std::vector<std::string> const& serve_args = {})
        : DemoServer({}, serve_args) {}

    /// POST/GET with a token and a chosen language and user agent.
    http_result call_as(std::string const& method, std::string const& target,
                        std::string const& token, json const& body, std::string const& lang) {
        header_list headers{{"Authorization", "Bearer " + token},
                            {"Accept-Language", lang},
                            {"Content-Type", "application/json"}};
        return http_call(port(), method, target, body.is_null() ? "" : body.dump(), headers);
    }

    /// A token from a login sent with `agent` as its User-Agent.
    std::string token_from(std::string const& username, std::string const& password,
                           std::string const& agent) {
        auto const result =
            http_call(port(), "POST", "/api/login",
                      json{{"username", username}, {"password", password}}.dump(),
                      {{"Content-Type", "application/json"}, {"User-Agent", agent}});
        EXPECT_EQ(result.status, 200) << result.body;
        return json::parse(result.body).value("token", "");
    }

    std::int64_t user_id(std::string const& admin, std::string const& username) {
        auto const users = json::parse(call("GET", "/api/users", admin).body)["users"];
        for (auto const& user : users)
            if (user["username"] == username)
                return user["id"].get<std::int64_t>();
        ADD_FAILURE() << "no user " << username;
        return 0;
    }

    std::vector<std::string> audit_actions(std::string const& prefix) {
        store::database db(data_dir() / "phongthi.db", store::open_mode::read_only);
        auto rows = db.prepare("SELECT action FROM audit_log WHERE action LIKE ?1 ORDER BY id");
        rows.bind(1, prefix + "%");
        std::vector<std::string> actions;
        while (rows.step())
            actions.push_back(rows.column_text(0));
        return actions;
    }

    static json error_of(http_result const& result) { return json::parse(result.body)["error"]; }
};

/// A WebSocket signed in with `token`: the welcome has been read.
std::unique_ptr<ws_client> signed_in_socket(unsigned short port, std::string const& token) {
    auto ws = std::make_unique<ws_client>(port);
    ws->send_text(json{{"t", "hello"}, {"token", token}}.dump());
    auto const welcome = ws->read();
    EXPECT_TRUE(welcome && json::parse(*welcome)["t"] == "welcome") << welcome.value_or("closed");
    return ws;
}

/// Reads until the server closes `ws`; true when a session_revoked error came first.
bool closed_as_revoked(ws_client& ws) {
    bool revoked = false;
    while (auto const message = ws.read(5s)) {
        auto const parsed = json::parse(*message);
        revoked = revoked || (parsed["t"] == "error" && parsed["code"] == "session_revoked");
    }
    return revoked;
}

// --- 1. Password policy for staff -------------------------------------------------------------

TEST_F(SecurityAuth, StaffPasswordsNeedTwelveCharactersNoNameAndNoCommonWord) {
    std::string const admin = token_of("admin", admin_password);
    auto const create = [&](std::string const& role, std::string const& password,
                            std::string const& lang = "vi") {
        return call_as("POST", "/api/users", admin,
                       {{"username", "gv.binh"},
                        {"full_name", "Ngô Văn Bình"},
                        {"role", role},
                        {"password", password}},
                       lang);
    };
    auto const short_one = create("lecturer", "ngan-qua-11");
    ASSERT_EQ(short_one.status, 400);
    EXPECT_EQ(error_of(short_one)["code"], "password_too_short");
    EXPECT_EQ(error_of(short_one)["field"], "password");
    EXPECT_NE(error_of(short_one)["message"].get<std::string>().find("ít nhất 12 ký tự"),
              std::string::npos);
    auto const common = create("proctor", "Matkhau@123456", "en");
    EXPECT_EQ(error_of(common)["code"], "password_too_common");
    EXPECT_NE(error_of(common)["message"].get<std::string>().find("too common"), std::string::npos);
    EXPECT_EQ(error_of(create("admin", "phongthi2026!!"))["code"], "password_too_common");
    EXPECT_EQ(error_of(create("lecturer", "xin-chao-GV.Binh"))["code"],
              "password_contains_username");
    EXPECT_EQ(error_of(create("admin", std::string(257, 'k')))["code"], "password_too_long");
    // Candidates keep the 8-character minimum.
    EXPECT_EQ(create("candidate", "matkhau1").status, 201);
}

TEST_F(SecurityAuth, GeneratedStaffPasswordsPassThePolicyAndSignIn) {
    std::string const admin = token_of("admin", admin_password);
    auto const created =
        call("POST", "/api/users", admin,
             {{"username", "gs.an"}, {"full_name", "Lý Văn An"}, {"role", "proctor"}});
    ASSERT_EQ(created.status, 201) << created.body;
    std::string const initial = json::parse(created.body)["initial_password"];
    EXPECT_EQ(std::count_if(initial.begin(), initial.end(), [](char c) { return c != '-'; }), 14);
    EXPECT_EQ(login("gs.an", initial).status, 200);
}

TEST_F(SecurityAuth, ResetAndOwnChangeApplyTheRoleOfTheAccount) {
    std::string const admin = token_of("admin", admin_password);
    std::int64_t const proctor_id = user_id(admin, "giamthi");
    auto const reset = call("POST", "/api/users/" + std::to_string(proctor_id) + "/password", admin,
                            {{"password", "ngan-qua-11"}});
    EXPECT_EQ(reset.status, 400);
    EXPECT_EQ(error_of(reset)["code"], "password_too_short");
    std::string const proctor = token_of("giamthi", "giamthi2026");
    auto const own = call("POST", "/api/me/password", proctor,
                          {{"old_password", "giamthi2026"}, {"new_password", "123456789012"}});
    EXPECT_EQ(own.status, 400);
    EXPECT_EQ(error_of(own)["code"], "password_too_common");
    EXPECT_EQ(error_of(own)["field"], "new_password");
    EXPECT_EQ(call("POST", "/api/me/password", proctor,
                   {{"old_password", "giamthi2026"}, {"new_password", "ca-sang-phong-B2"}})
                  .status,
              204);
    // A candidate may still choose 8 characters.
    std::string const candidate = token_of("thisinh01", candidate_password);
    EXPECT_EQ(call("POST", "/api/me/password", candidate,
                   {{"old_password", candidate_password}, {"new_password", "hoa-2026"}})
                  .status,
              204);
}

TEST(SecurityAuthCli, UserAddAndPasswdApplyTheStaffPolicy) {
    temp_dir dir;
    std::string const data = (dir.path() / "data").string();
    auto const refused =
        run_phongthi({"user", "add", "--username", "gv.lan", "--name", "Trần Lan", "--role",
                      "lecturer", "--password", "matkhau123", "--data", data});
    EXPECT_EQ(refused.exit_code, 2);
    EXPECT_NE(refused.err.find("quá ngắn"), std::string::npos) << refused.err;
    auto const added = run_phongthi({"user", "add", "--username", "gv.lan", "--name", "Trần Lan",
                                     "--role", "lecturer", "--data", data});
    ASSERT_EQ(added.exit_code, 0) << added.err;
    EXPECT_NE(added.out.find("initial password"), std::string::npos);
    auto const weak = run_phongthi(
        {"user", "passwd", "--username", "gv.lan", "--password", "Password2026!", "--data", data});
    EXPECT_EQ(weak.exit_code, 2);
    EXPECT_NE(weak.err.find("too common"), std::string::npos) << weak.err;
    EXPECT_EQ(run_phongthi({"user", "passwd", "--username", "gv.lan", "--password",
                            "lop-boi-duong-2026", "--data", data})
                  .exit_code,
              0);
}

// --- 2. Session expiry ------------------------------------------------------------------------

class SecurityAuthIdle : public SecurityAuth {
protected:
    SecurityAuthIdle()
        : SecurityAuth({"--session-idle-minutes", "0", "--session-idle-seconds", "2"}) {}
};

TEST_F(SecurityAuthIdle, AnUnusedSessionEndsButAUsedOneLivesOn) {
    std::string const unused = token_of("giangvien", "giangvien2026");
    std::string const used = token_of("admin", admin_password);
    for (int i = 0; i < 4; ++i) {
        std::this_thread::sleep_for(800ms);
        ASSERT_EQ(call("GET", "/api/me", used).status, 200) << "after " << i;
    }
    auto const refused = call("GET", "/api/me", unused);
    EXPECT_EQ(refused.status, 401);
    EXPECT_EQ(error_of(refused)["code"], "unauthenticated");
}

TEST_F(SecurityAuthIdle, AnOpenExamConnectionKeepsItsSessionPastTheIdleTimeout) {
    std::string const candidate = token_of("thisinh01", candidate_password);
    auto const ws = signed_in_socket(port(), candidate);
    std::this_thread::sleep_for(3s); // longer than the idle timeout, without a message
    EXPECT_EQ(call("GET", "/api/me", candidate).status, 200);
    ws->send_text(R"({"t":"ping","id":1})");
    auto const pong = ws->read();
    ASSERT_TRUE(pong);
    EXPECT_EQ(json::parse(*pong)["t"], "pong");
}

TEST_F(SecurityAuthIdle, ClosingTheExamConnectionCountsAsALastUse) {
    std::string const candidate = token_of("thisinh02", candidate_password);
    {
        auto const ws = signed_in_socket(port(), candidate);
        std::this_thread::sleep_for(3s); // silent, past the idle timeout, but open
    }
    std::this_thread::sleep_for(300ms);                       // the server has seen the close
    EXPECT_EQ(call("GET", "/api/me", candidate).status, 200); // a reconnect after a blip
    std::this_thread::sleep_for(2500ms);                      // now closed, the idle rule is back
    EXPECT_EQ(call("GET", "/api/me", candidate).status, 401);
}

class SecurityAuthLifetime : public SecurityAuth {
protected:
    SecurityAuthLifetime() : SecurityAuth({"--session-hours", "0", "--session-seconds", "2"}) {}
};

TEST_F(SecurityAuthLifetime, ASessionEndsAtItsAbsoluteLifetimeEvenWhenUsed) {
    auto const signed_in = login("admin", admin_password);
    ASSERT_EQ(signed_in.status, 200);
    std::string const token = json::parse(signed_in.body)["token"];
    EXPECT_EQ(call("GET", "/api/me", token).status, 200);
    std::this_thread::sleep_for(1200ms);
    EXPECT_EQ(call("GET", "/api/me", token).status, 200);
    std::this_thread::sleep_for(1200ms);
    EXPECT_EQ(call("GET", "/api/me", token).status, 401);
}

// --- 3. Listing and revoking sessions ---------------------------------------------------------

TEST_F(SecurityAuth, MySessionsShowWhichIsThisOneAndRevokeOthersEndsTheRest) {
    std::string const here = token_from("giangvien", "giangvien2026", "Firefox phong 2");
    std::string const there = token_from("giangvien", "giangvien2026", "Chromium at home");
    auto const listed = call("GET", "/api/me/sessions", here);
    ASSERT_EQ(listed.status, 200) << listed.body;
    auto const sessions = json::parse(listed.body)["sessions"];
    ASSERT_EQ(sessions.size(), 2u);
    int current = 0;
    for (auto const& s : sessions) {
        EXPECT_EQ(s["address"], "127.0.0.1");
        EXPECT_TRUE(s.contains("created_at") && s.contains("last_seen_at"));
        if (s["current"] == true) {
            ++current;
            EXPECT_EQ(s["user_agent"], "Firefox phong 2");
        }
    }
    EXPECT_EQ(current, 1);
    auto const other_socket = signed_in_socket(port(), there);

    auto const revoked = call("POST", "/api/me/sessions/revoke-others", here);
    ASSERT_EQ(revoked.status, 200) << revoked.body;
    EXPECT_EQ(json::parse(revoked.body)["revoked"], 1);
    EXPECT_EQ(call("GET", "/api/me", there).status, 401);
    EXPECT_EQ(call("GET", "/api/me", here).status, 200);
    EXPECT_TRUE(closed_as_revoked(*other_socket));
    EXPECT_EQ(json::parse(call("GET", "/api/me/sessions", here).body)["sessions"].size(), 1u);
    EXPECT_EQ(audit_actions("session."), (std::vector<std::string>{"session.revoke_others"}));
}

TEST_F(SecurityAuth, AdminRevokesOneUsersSessionsAndTheirLiveExamConnection) {
    std::string const admin = token_of("admin", admin_password);
    std::string const first = token_of("thisinh02", candidate_password);
    std::string const second = token_of("thisinh02", candidate_password);
    std::string const bystander = token_of("thisinh03", candidate_password);
    auto const socket = signed_in_socket(port(), first);
    std::int64_t const id = user_id(admin, "thisinh02");
    std::string const target = "/api/users/" + std::to_string(id) + "/sessions/revoke";
    EXPECT_EQ(call("POST", target, bystander).status, 403);
    auto const revoked = call("POST", target, admin);
    ASSERT_EQ(revoked.status, 200) << revoked.body;
    EXPECT_EQ(json::parse(revoked.body)["revoked"], 2);
    EXPECT_EQ(call("GET", "/api/me", first).status, 401);
    EXPECT_EQ(call("GET", "/api/me", second).status, 401);
    EXPECT_EQ(call("GET", "/api/me", bystander).status, 200);
    EXPECT_TRUE(closed_as_revoked(*socket));
    EXPECT_EQ(call("POST", "/api/users/99999/sessions/revoke", admin).status, 404);
    // They sign in again at once.
    EXPECT_EQ(login("thisinh02", candidate_password).status, 200);
    EXPECT_EQ(audit_actions("session."), (std::vector<std::string>{"session.revoke_user"}));
}

TEST_F(SecurityAuth, RevokeAllSignsOutEveryoneButTheCallingSession) {
    std::string const admin = token_of("admin", admin_password);
    std::string const admin_elsewhere = token_of("admin", admin_password);
    std::string const lecturer = token_of("giangvien", "giangvien2026");
    std::string const candidate = token_of("thisinh01", candidate_password);
    auto const socket = signed_in_socket(port(), candidate);
    EXPECT_EQ(call("POST", "/api/sessions/revoke-all", lecturer).status, 403);
    auto const revoked = call("POST", "/api/sessions/revoke-all", admin);
    ASSERT_EQ(revoked.status, 200) << revoked.body;
    EXPECT_EQ(json::parse(revoked.body)["revoked"], 3);
    EXPECT_EQ(call("GET", "/api/me", admin).status, 200);
    for (auto const& token : {admin_elsewhere, lecturer, candidate})
        EXPECT_EQ(call("GET", "/api/me", token).status, 401);
    EXPECT_TRUE(closed_as_revoked(*socket));
    EXPECT_EQ(audit_actions("session."), (std::vector<std::string>{"session.revoke_all"}));
}

TEST_F(SecurityAuth, CliListsAndRevokesSessionsOnTheDataDirectory) {
    std::string const candidate = token_from("thisinh01", candidate_password, "PC C3");
    std::string const lecturer = token_of("giangvien", "giangvien2026");
    std::string const data = data_dir().string();
    auto const listed =
        run_phongthi({"sessions", "list", "--username", "thisinh01", "--data", data});
    ASSERT_EQ(listed.exit_code, 0) << listed.err;
    EXPECT_NE(listed.out.find("PC C3"), std::string::npos) << listed.out;
    EXPECT_NE(listed.out.find("1 active session"), std::string::npos) << listed.out;
    EXPECT_EQ(listed.out.find("giangvien"), std::string::npos);
    EXPECT_EQ(run_phongthi({"sessions", "revoke", "--data", data}).exit_code, 2);
    auto const one =
        run_phongthi({"sessions", "revoke", "--username", "thisinh01", "--data", data});
    ASSERT_EQ(one.exit_code, 0) << one.err;
    EXPECT_NE(one.out.find("1 session(s) revoked"), std::string::npos);
    EXPECT_EQ(call("GET", "/api/me", candidate).status, 401);
    EXPECT_EQ(call("GET", "/api/me", lecturer).status, 200);
    ASSERT_EQ(run_phongthi({"sessions", "revoke", "--all", "--data", data}).exit_code, 0);
    EXPECT_EQ(call("GET", "/api/me", lecturer).status, 401);
    EXPECT_EQ(audit_actions("session."),
              (std::vector<std::string>{"session.revoke_user", "session.revoke_all"}));
}

// --- 4. Admin reset of a candidate's password -------------------------------------------------

TEST_F(SecurityAuth, ResetRefusesTheOldPasswordEndsOldSessionsAndForcesAChange) {
    std::string const admin = token_of("admin", admin_password);
    std::string const old_session = token_of("thisinh03", candidate_password);
    auto const socket = signed_in_socket(port(), old_session);
    std::int64_t const id = user_id(admin, "thisinh03");
    auto const reset =
        call("POST", "/api/users/" + std::to_string(id) + "/password", admin, json::object());
    ASSERT_EQ(reset.status, 200) << reset.body;
    std::string const initial = json::parse(reset.body)["initial_password"];
    EXPECT_EQ(initial.size(), 9u); // 8 characters, grouped by four for the printed card
    EXPECT_EQ(login("thisinh03", candidate_password).status, 401);
    EXPECT_EQ(call("GET", "/api/me", old_session).status, 401);
    EXPECT_TRUE(closed_as_revoked(*socket));
    auto const fresh = login("thisinh03", initial);
    ASSERT_EQ(fresh.status, 200);
    EXPECT_EQ(json::parse(fresh.body)["user"]["must_change_password"], true);
}

// --- Lock-out with a growing backoff ----------------------------------------------------------

class SecurityAuthLockout : public SecurityAuth {
protected:
    SecurityAuthLockout() : SecurityAuth({"--login-lockout-seconds", "1"}) {}

    int retry_after() {
        auto const refused = login("thisinh01", candidate_password);
        EXPECT_EQ(refused.status, 429) << refused.body;
        return refused.status == 429 ? error_of(refused)["retry_after"].get<int>() : 0;
    }
};

TEST_F(SecurityAuthLockout, EachFailureAfterALockOutDoublesTheNext) {
    for (int i = 0; i < 5; ++i)
        ASSERT_EQ(login("thisinh01", "sai-" + std::to_string(i)).status, 401);
    EXPECT_EQ(retry_after(), 1); // even the right password waits
    std::this_thread::sleep_for(1100ms);
    EXPECT_EQ(login("thisinh01", "sai-lan-nua").status, 401);
    EXPECT_EQ(retry_after(), 2);
    std::this_thread::sleep_for(2100ms);
    EXPECT_EQ(login("thisinh01", "sai-lan-nua").status, 401);
    EXPECT_EQ(retry_after(), 4);
}

} // namespace
} // namespace phongthi::test
