#include "server/classes/roster_file.hpp"
#include "server/classes/roster_plan.hpp"

#include <gtest/gtest.h>

#include <algorithm>

using namespace phongthi::server;

namespace {

roster_file csv(std::string const& text) {
    return read_roster(text, "csv", "lop.csv");
}

roster_problem const* find_problem(std::vector<roster_problem> const& problems,
                                   std::string_view code) {
    auto const it = std::find_if(problems.begin(), problems.end(),
                                 [&](roster_problem const& p) { return p.code == code; });
    return it == problems.end() ? nullptr : &*it;
}

// Two units of a province, and a class whose one learner came from an earlier import.
roster_state class_with_one_learner() {
    roster_state state;
    state.units = {{1, "CB-VP", "Chi bộ Văn phòng Sở Nội vụ"}, {2, "CB-YT", "Chi bộ Sở Y tế"}};
    roster_person an;
    an.user_id = 10;
    an.username = "nguyenvanan";
    an.profile = {"Nguyễn Văn An", "1985-03-05", "male", 1, "Chuyên viên", ""};
    an.list_number = 1;
    an.status = "enrolled";
    state.members.push_back(an);
    state.usernames = {"admin", "nguyenvanan"};
    return state;
}

} // namespace

TEST(RosterFile, ReadsVietnameseHeadersWithOrWithoutDiacriticsInAnyCase) {
    for (std::string const header :
         {"STT,Họ và tên,Ngày sinh,Giới tính,Đơn vị,Chức vụ,Số điện thoại",
          "stt,HO VA TEN,NGAY SINH,gioi tinh,Chi bộ,chuc vu,SĐT",
          "TT;Họ tên;Ngày sinh (dd/mm/yyyy);Giới tính;Đơn vị/Chi bộ;Chức vụ;Điện thoại"}) {
        char const separator = header.find(';') != std::string::npos ? ';' : ',';
        std::string row = "1,Trần Thị Bình,05/03/1990,Nữ,CB-VP,Đảng viên,0912 345 678";
        std::replace(row.begin(), row.end(), ',', separator);
        auto const file = csv("\xEF\xBB\xBF" + header + "\r\n" + row + "\r\n");
        ASSERT_FALSE(file.has_errors()) << header << ": " << file.problems.front().en;
        ASSERT_EQ(file.rows.size(), 1u) << header;
        auto const& r = file.rows.front();
        EXPECT_EQ(r.row, 2);
        EXPECT_EQ(r.full_name, "Trần Thị Bình");
        EXPECT_EQ(r.birth_date, "1990-03-05");
        EXPECT_EQ(r.gender, "female");
        EXPECT_EQ(r.unit, "CB-VP");
        EXPECT_EQ(r.position, "Đảng viên");
        EXPECT_EQ(r.phone, "0912345678");
        EXPECT_TRUE(file.has_gender && file.has_unit && file.has_position && file.has_phone);
    }
}

TEST(RosterFile, SkipsTitleRowsAndJoinsSplitNames) {
    auto const file = csv("DANH SÁCH HỌC VIÊN LỚP BỒI DƯỠNG ĐẢNG VIÊN MỚI\n\n"
                          "Họ đệm,Tên,Ngày sinh\nLê Văn,Cường,1979-12-31\n");
    ASSERT_FALSE(file.has_errors());
    ASSERT_EQ(file.rows.size(), 1u);
    EXPECT_EQ(file.rows[0].full_name, "Lê Văn Cường");
    EXPECT_EQ(file.rows[0].row, 4);
    EXPECT_FALSE(file.has_unit);
}

TEST(RosterFile, ReadsEveryDateFormat) {
    struct date_case {
        std::string_view text;
        std::string_view iso;
    };
    for (auto const& c :
         {date_case{"05/03/1990", "1990-03-05"}, date_case{"5/3/1990", "1990-03-05"},
          date_case{"1990-03-05", "1990-03-05"}, date_case{"05-03-1990", "1990-03-05"},
          date_case{"5.3.1990", "1990-03-05"}, date_case{"32937", "1990-03-05"},
          date_case{"32937.5", "1990-03-05"}, date_case{" 29/02/2000 ", "2000-02-29"}})
        EXPECT_EQ(parse_roster_date(c.text), c.iso) << c.text;
    for (std::string_view bad : {"31/02/1990", "1990/13/01", "05/03/90", "hôm qua", "", "12",
                                 "01/01/1899", "01/01/2999", "5/3"})
        EXPECT_EQ(parse_roster_date(bad), "") << bad;
}

TEST(RosterFile, ABadDateNamesItsRowAndField) {
    auto const file =
        csv("Họ và tên,Ngày sinh\nPhạm Văn Dũng,12/05/1988\nHoàng Thị Em,31/02/1990\n");
    ASSERT_TRUE(file.has_errors());
    auto const* bad = find_problem(file.problems, "bad_date");
    ASSERT_NE(bad, nullptr);
    EXPECT_EQ(bad->row, 3);
    EXPECT_EQ(bad->field, "birth_date");
    EXPECT_NE(bad->vi.find("31/02/1990"), std::string::npos);
    EXPECT_EQ(file.rows.size(), 1u); // the good row is still read, for the report
}

TEST(RosterFile, ABadGenderOrPhoneOrMissingNameIsAnErrorOfItsField) {
    auto const file = csv("Họ và tên,Ngày sinh,Giới tính,Số điện thoại\n"
                          "Ngô Văn Giang,01/01/1980,Không rõ,\n"
                          ",01/01/1981,Nam,\n"
                          "Đỗ Thị Hà,01/01/1982,Nữ,gọi sau\n");
    std::vector<std::pair<int, std::string>> found;
    for (auto const& p : file.problems)
        found.emplace_back(p.row, p.field);
    EXPECT_EQ(found, (std::vector<std::pair<int, std::string>>{
                         {2, "gender"}, {3, "full_name"}, {4, "phone"}}));
}

TEST(RosterFile, TheSamePersonTwiceIsAnErrorOnTheSecondRow) {
    auto const file = csv("Họ và tên,Ngày sinh\nNguyễn Văn An,05/03/1985\n"
                          "Trần Thị Bình,06/04/1986\nNGUYỄN VĂN AN,1985-03-05\n");
    auto const* duplicate = find_problem(file.problems, "duplicate_row");
    ASSERT_NE(duplicate, nullptr);
    EXPECT_EQ(duplicate->row, 4);
    EXPECT_EQ(duplicate->field, "full_name");
    EXPECT_NE(duplicate->en.find("row 2"), std::string::npos);
}

TEST(RosterFile, WithoutNameAndBirthDateColumnsTheFileIsRefused) {
    auto const file = csv("Tên đơn vị,Số lượng\nChi bộ 1,12\n");
    ASSERT_TRUE(file.has_errors());
    EXPECT_EQ(file.problems.front().code, "missing_columns");
    EXPECT_EQ(file.problems.front().row, 0);
}

TEST(RosterPlan, UsernamesAreTheNameWithoutDiacritics) {
    EXPECT_EQ(username_base("Nguyễn Văn An"), "nguyenvanan");
    EXPECT_EQ(username_base("Đặng Thị Đào"), "dangthidao");
    EXPECT_EQ(username_base("Lưu Quang Vũ"), "luuquangvu");
    EXPECT_EQ(username_base("!!!"), "hocvien");
    std::set<std::string> taken{"nguyenvanan", "nguyenvanan2"};
    EXPECT_EQ(unique_username("nguyenvanan", taken), "nguyenvanan3");
    EXPECT_EQ(unique_username("tranthibinh", taken), "tranthibinh");
    EXPECT_EQ(unique_username("tranthibinh", taken), "tranthibinh2");
}

TEST(RosterPlan, UnitsMatchByCodeOrNameWithoutCaseOrDiacritics) {
    auto const file = csv("Họ và tên,Ngày sinh,Đơn vị\nA Một,01/01/1980,cb-yt\n"
                          "B Hai,01/01/1981,chi bo so y te\nC Ba,01/01/1982,Chi bộ Xã Tân Lập\n");
    auto const plan = plan_roster(file, class_with_one_learner(), false);
    ASSERT_EQ(plan.actions.size(), 2u);
    EXPECT_EQ(plan.actions[0].profile.unit_id, 2);
    EXPECT_EQ(plan.actions[1].profile.unit_id, 2);
    auto const* unknown = find_problem(plan.problems, "unknown_unit");
    ASSERT_NE(unknown, nullptr);
    EXPECT_EQ(unknown->row, 4);
    EXPECT_EQ(unknown->field, "unit");
    EXPECT_TRUE(plan.has_errors());
}

TEST(RosterPlan, UnknownUnitsAreCreatedOnceWhenAsked) {
    auto const file = csv("Họ và tên,Ngày sinh,Đơn vị\nA Một,01/01/1980,Chi bộ Xã Tân Lập\n"
                          "B Hai,01/01/1981,CHI BỘ XÃ TÂN LẬP\n");
    auto const plan = plan_roster(file, class_with_one_learner(), true);
    EXPECT_FALSE(plan.has_errors());
    ASSERT_EQ(plan.new_units.size(), 1u);
    EXPECT_EQ(plan.new_units[0].code, "CHI-BO-XA-TAN-LAP");
    EXPECT_EQ(plan.actions[0].new_unit, 0);
    EXPECT_EQ(plan.actions[1].new_unit, 0);
}

TEST(RosterPlan, ReimportUpdatesTheSamePersonInsteadOfDuplicating) {
    // The same learner (name in other case, date in another format) with a new position, and
    // a new learner whose name is already someone's account name.
    auto const file = csv("STT,Họ và tên,Ngày sinh,Giới tính,Đơn vị,Chức vụ\n"
                          "1,NGUYỄN VĂN AN,1985-03-05,Nam,CB-VP,Phó Bí thư chi bộ\n"
                          "2,Nguyễn Văn An,02/02/1990,Nam,CB-YT,Đảng viên\n");
    auto const plan = plan_roster(file, class_with_one_learner(), false);
    ASSERT_FALSE(plan.has_errors());
    ASSERT_EQ(plan.actions.size(), 2u);
    EXPECT_EQ(plan.actions[0].change, roster_change::update);
    EXPECT_EQ(plan.actions[0].user_id, 10);
    EXPECT_EQ(plan.actions[0].profile.position, "Phó Bí thư chi bộ");
    EXPECT_EQ(plan.actions[0].profile.full_name, "NGUYỄN VĂN AN");
    EXPECT_EQ(plan.actions[1].change, roster_change::create);
    EXPECT_EQ(plan.actions[1].username, "nguyenvanan2");
    EXPECT_EQ(plan.summary.created, 1);
    EXPECT_EQ(plan.summary.updated, 1);
    EXPECT_EQ(plan.summary.withdrawn, 0);
}

TEST(RosterPlan, AnUnchangedRowIsLeftAloneAndAbsentColumnsKeepTheirValues) {
    auto const file = csv("STT,Họ và tên,Ngày sinh\n1,Nguyễn Văn An,05/03/1985\n");
    auto const plan = plan_roster(file, class_with_one_learner(), false);
    ASSERT_EQ(plan.actions.size(), 1u);
    EXPECT_EQ(plan.actions[0].change, roster_change::unchanged);
    EXPECT_EQ(plan.actions[0].profile.unit_id, 1);
    EXPECT_EQ(plan.actions[0].profile.position, "Chuyên viên");
    EXPECT_EQ(plan.summary.unchanged, 1);
}

TEST(RosterPlan, AnExistingCandidateOutsideTheClassIsEnrolledNotCreated) {
    roster_state state = class_with_one_learner();
    roster_person binh;
    binh.user_id = 20;
    binh.username = "tranthibinh";
    binh.profile = {"Trần Thị Bình", "1986-04-06", "female", 0, "", ""};
    state.candidates.push_back(binh);
    auto const file =
        csv("Họ và tên,Ngày sinh\nNguyễn Văn An,05/03/1985\nTrần Thị Bình,06/04/1986\n");
    auto const plan = plan_roster(file, state, false);
    ASSERT_EQ(plan.actions.size(), 2u);
    EXPECT_EQ(plan.actions[1].change, roster_change::update);
    EXPECT_EQ(plan.actions[1].user_id, 20);
    EXPECT_EQ(plan.summary.created, 0);
}

TEST(RosterPlan, LearnersMissingFromTheFileStayAndAreCounted) {
    auto const file = csv("Họ và tên,Ngày sinh\nTrần Thị Bình,06/04/1986\n");
    auto const plan = plan_roster(file, class_with_one_learner(), false);
    EXPECT_EQ(plan.summary.not_in_file, 1);
    EXPECT_FALSE(plan.has_errors());
    EXPECT_NE(find_problem(plan.problems, "not_in_file"), nullptr);
}
