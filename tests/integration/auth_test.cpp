#include "tests/integration/fixture.hpp"

using namespace phongthi::test;

TEST_F(DemoServer, LoginGivesATokenThatMeAccepts) {
    auto const result = login("admin", admin_password);
    ASSERT_EQ(result.status, 200) << result.body;
    auto const body = json::parse(result.body);
    std::string const token = body["token"];
    EXPECT_EQ(token.size(), 43u); // 256 bits in base64url
    EXPECT_EQ(body["user"]["role"], "admin");
    auto const me = call("GET", "/api/me", token);
    ASSERT_EQ(me.status, 200);
    EXPECT_EQ(json::parse(me.body)["user"]["full_name"], "Nguyễn Văn Quản");
}

TEST_F(DemoServer, WrongPasswordIsRefusedInTheUsersLanguage) {
    auto const vi = login("admin", "sai-mat-khau");
    EXPECT_EQ(vi.status, 401);
    EXPECT_EQ(json::parse(vi.body)["error"]["message"], "Tên đăng nhập hoặc mật khẩu không đúng");
    auto const en = login("nobody", "whatever", "en");
    EXPECT_EQ(en.status, 401);
    EXPECT_EQ(json::parse(en.body)["error"]["message"], "Wrong username or password");
}

TEST_F(DemoServer, LogoutEndsTheSession) {
    std::string const token = token_of("thisinh01", candidate_password);
    EXPECT_EQ(call("POST", "/api/logout", token).status, 204);
    EXPECT_EQ(call("GET", "/api/me", token).status, 401);
}

TEST_F(DemoServer, RolesAreCheckedOnEveryEndpoint) {
    std::string const candidate = token_of("thisinh01", candidate_password);
    std::string const proctor = token_of("giamthi", "giamthi2026");
    EXPECT_EQ(http_call(port(), "GET", "/api/users").status, 401);
    EXPECT_EQ(call("GET", "/api/users", "forged-token").status, 401);
    auto const refused = call("GET", "/api/users", candidate);
    EXPECT_EQ(refused.status, 403);
    EXPECT_EQ(json::parse(refused.body)["error"]["code"], "forbidden");
    EXPECT_EQ(call("POST", "/api/users", proctor,
                   {{"username", "hacker"}, {"full_name", "X"}, {"role", "admin"}})
                  .status,
              403);
    EXPECT_EQ(call("GET", "/api/units", proctor).status, 200);
    EXPECT_EQ(call("GET", "/api/units", candidate).status, 403);
}

TEST_F(DemoServer, RepeatedFailuresLockTheAccountButNotTheRoom) {
    for (int i = 0; i < 5; ++i)
        EXPECT_EQ(login("thisinh01", "wrong-" + std::to_string(i)).status, 401);
    auto const locked = login("thisinh01", candidate_password);
    ASSERT_EQ(locked.status, 429);
    auto const error = json::parse(locked.body)["error"];
    EXPECT_EQ(error["code"], "too_many_attempts");
    EXPECT_GE(error["retry_after"].get<int>(), 1);
    // The same address (the whole lab behind one NAT) still signs in other accounts.
    EXPECT_EQ(login("thisinh02", candidate_password).status, 200);
    EXPECT_EQ(login("thisinh03", candidate_password).status, 200);
}

TEST_F(DemoServer, ChangingOwnPasswordNeedsTheOldOne) {
    std::string const token = token_of("thisinh03", candidate_password);
    EXPECT_EQ(call("POST", "/api/me/password", token,
                   {{"old_password", "sai"}, {"new_password", "matkhaumoi1"}})
                  .status,
              403);
    EXPECT_EQ(call("POST", "/api/me/password", token,
                   {{"old_password", candidate_password}, {"new_password", "ngan"}})
                  .status,
              400);
    EXPECT_EQ(call("POST", "/api/me/password", token,
                   {{"old_password", candidate_password}, {"new_password", "matkhaumoi1"}})
                  .status,
              204);
    EXPECT_EQ(login("thisinh03", "matkhaumoi1").status, 200);
    EXPECT_EQ(login("thisinh03", candidate_password).status, 401);
}
