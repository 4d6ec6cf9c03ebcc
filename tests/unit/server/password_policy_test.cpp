#include "server/accounts/password_policy.hpp"

#include <gtest/gtest.h>

#include <string>

using namespace phongthi::server;

namespace {

struct policy_case {
    std::string password;
    std::string username;
    role account_role;
    password_problem expected;
};

class PasswordPolicyTable : public testing::TestWithParam<policy_case> {};

} // namespace

TEST_P(PasswordPolicyTable, NamesTheFirstRuleBroken) {
    auto const& c = GetParam();
    EXPECT_EQ(check_password(c.password, c.username, c.account_role), c.expected)
        << c.password << " for " << c.username;
}

INSTANTIATE_TEST_SUITE_P(
    Rules, PasswordPolicyTable,
    testing::Values(
        // Staff: 12 characters at least, counted as characters, not bytes.
        policy_case{"kx7m-q3fa-wz", "gv.lan", role::lecturer, password_problem::none},
        policy_case{"kx7m-q3fa-w", "gv.lan", role::lecturer, password_problem::too_short},
        policy_case{"Đường-lên-ĐỈ", "gv.lan", role::proctor, password_problem::none},
        policy_case{"Đường-lên-Đ", "gv.lan", role::proctor, password_problem::too_short},
        // Not containing the account name, whatever the case.
        policy_case{"xx-GiamThi01-xx", "giamthi01", role::proctor,
                    password_problem::contains_username},
        policy_case{"Admin-tren-may-chu", "admin", role::admin,
                    password_problem::contains_username},
        // Common passwords, with digits or punctuation added, are refused for staff.
        policy_case{"123456789012", "gv.lan", role::lecturer, password_problem::too_common},
        policy_case{"matkhau12345", "gv.lan", role::lecturer, password_problem::too_common},
        policy_case{"MatKhau@2026!", "gv.lan", role::lecturer, password_problem::too_common},
        policy_case{"Password1234", "gv.lan", role::admin, password_problem::too_common},
        policy_case{"qwertyuiop12", "gv.lan", role::admin, password_problem::too_common},
        policy_case{"phongthi2026", "gv.lan", role::admin, password_problem::too_common},
        policy_case{"anhyeuem1234", "gv.lan", role::admin, password_problem::too_common},
        policy_case{"matkhau-cua-lop-A", "gv.lan", role::admin, password_problem::none},
        // At most 256 bytes for everyone.
        policy_case{std::string(256, 'k'), "gv.lan", role::admin, password_problem::none},
        policy_case{std::string(257, 'k'), "gv.lan", role::admin, password_problem::too_long},
        policy_case{std::string(257, 'k'), "ts01", role::candidate, password_problem::too_long},
        // Candidates keep the 8-character minimum and nothing more.
        policy_case{"kx7m-q3f", "thisinh01", role::candidate, password_problem::none},
        policy_case{"kx7m-q3", "thisinh01", role::candidate, password_problem::too_short},
        policy_case{"matkhau123", "thisinh01", role::candidate, password_problem::none}));

TEST(PasswordPolicy, EveryProblemHasItsOwnErrorCode) {
    EXPECT_EQ(password_problem_code(password_problem::too_short), "password_too_short");
    EXPECT_EQ(password_problem_code(password_problem::too_long), "password_too_long");
    EXPECT_EQ(password_problem_code(password_problem::contains_username),
              "password_contains_username");
    EXPECT_EQ(password_problem_code(password_problem::too_common), "password_too_common");
    EXPECT_EQ(password_problem_code(password_problem::none), "");
}

TEST(PasswordPolicy, GeneratedLengthsPassTheirRolesRule) {
    EXPECT_EQ(generated_password_length(role::candidate), 8);
    EXPECT_GE(generated_password_length(role::admin), static_cast<int>(min_staff_password_length));
    EXPECT_EQ(generated_password_length(role::proctor), generated_password_length(role::lecturer));
}
