#include "server/accounts/account_validation.hpp"

#include <gtest/gtest.h>

using namespace phongthi::server;

TEST(AccountValidation, AcceptsAndNormalizesAGoodAccount) {
    auto const checked =
        check_new_account({"thisinh01", "  Phạm   Thị Hoa ", "candidate", "CB-VP", ""});
    EXPECT_TRUE(checked.error_field.empty());
    EXPECT_EQ(checked.full_name, "Phạm Thị Hoa");
    EXPECT_EQ(checked.user_role, role::candidate);
}

struct bad_account {
    account_input input;
    char const* field;
};

class AccountValidationRejects : public testing::TestWithParam<bad_account> {};

TEST_P(AccountValidationRejects, NamesTheField) {
    EXPECT_EQ(check_new_account(GetParam().input).error_field, GetParam().field);
}

INSTANTIATE_TEST_SUITE_P(
    Table, AccountValidationRejects,
    testing::Values(bad_account{{"ab", "Tên", "admin", "", ""}, "username"},
                    bad_account{{"có dấu", "Tên", "admin", "", ""}, "username"},
                    bad_account{{"user1", "   ", "admin", "", ""}, "full_name"},
                    bad_account{{"user1", "\xff", "admin", "", ""}, "full_name"},
                    bad_account{{"user1", "Tên", "root", "", ""}, "role"},
                    bad_account{{"user1", "Tên", "proctor", "đơn vị", ""}, "unit_code"},
                    bad_account{{"user1", "Tên", "proctor", "", "short"}, "password"}),
    [](auto const& param_info) {
        return std::string(param_info.param.field) + std::to_string(param_info.index);
    });

TEST(AccountValidation, UnitsNeedACodeAndAName) {
    EXPECT_TRUE(check_new_unit({"CB-VP", "Chi bộ Văn phòng", ""}).error_field.empty());
    EXPECT_EQ(check_new_unit({"", "Chi bộ", ""}).error_field, "code");
    EXPECT_EQ(check_new_unit({"CB1", " ", ""}).error_field, "name");
    EXPECT_EQ(check_new_unit({"CB1", "Chi bộ", "cha mẹ"}).error_field, "parent_code");
}
