// Course sessions and check-in through the real server: barcode, duplicate, unknown code, a
// learner of another class, late arrival, undo, and the attendance share in the classification.
#include "tests/integration/fixture.hpp"

#include <chrono>
#include <cstdio>

using namespace phongthi::test;

namespace {

/// Vietnam's wall clock `minutes_ago` minutes before now: {"2026-11-26", "07:42"}.
std::pair<std::string, std::string> vietnam_clock(int minutes_ago) {
    using namespace std::chrono;
    auto const at = floor<minutes>(system_clock::now()) + hours(7) - minutes(minutes_ago);
    auto const day = floor<days>(at);
    year_month_day const date(day);
    hh_mm_ss const time(at - day);
    char day_text[16], time_text[16];
    std::snprintf(day_text, sizeof day_text, "%04d-%02u-%02u", static_cast<int>(date.year()),
                  static_cast<unsigned>(date.month()), static_cast<unsigned>(date.day()));
    std::snprintf(time_text, sizeof time_text, "%02d:%02d", static_cast<int>(time.hours().count()),
                  static_cast<int>(time.minutes().count()));
    return {day_text, time_text};
}

class AttendanceTest : public DemoServer {
protected:
    AttendanceTest()
        : admin_(token_of("admin", admin_password)), proctor_(token_of("giamthi", "giamthi2026")) {}

    /// A session of class `class_id` that began `minutes_ago` minutes ago; returns its id.
    std::int64_t session_started(std::int64_t class_id, int minutes_ago, int late_after,
                                 std::string const& part = "full") {
        auto const [day, time] = vietnam_clock(minutes_ago);
        auto const made =
            call("POST", "/api/classes/" + std::to_string(class_id) + "/sessions", admin_,
                 {{"day", day},
                  {"part", part},
                  {"starts_at", time},
                  {"late_after_minutes", late_after}});
        EXPECT_EQ(made.status, 201) << made.body;
        return json::parse(made.body)["session"]["id"].get<std::int64_t>();
    }

    http_result check_in(std::int64_t session, json const& body) {
        return call("POST", "/api/sessions/" + std::to_string(session) + "/check-ins", proctor_,
                    body);
    }

    json roll(std::int64_t session) {
        auto const got =
            call("GET", "/api/sessions/" + std::to_string(session) + "/attendance", proctor_);
        EXPECT_EQ(got.status, 200) << got.body;
        return json::parse(got.body);
    }

    std::string admin_;
    std::string proctor_;
};

constexpr std::int64_t checkin_demo_class = 1; // K01: thisinh01.. with the demo exam

} // namespace

TEST_F(AttendanceTest, ABarcodeChecksInOnceAndTheRollCountsIt) {
    std::int64_t const session = session_started(checkin_demo_class, 0, 15);
    auto const sessions = json::parse(call("GET", "/api/classes/1/sessions", proctor_).body);
    EXPECT_EQ(sessions["current"], session) << sessions;
    EXPECT_EQ(sessions["sessions"].size(), 1u);

    auto const first = check_in(session, {{"code", "THISINH01\r\n"}, {"method", "barcode"}});
    ASSERT_EQ(first.status, 201) << first.body;
    auto const checked = json::parse(first.body);
    EXPECT_EQ(checked["result"], "checked_in");
    EXPECT_EQ(checked["learner"]["username"], "thisinh01");
    EXPECT_EQ(checked["check_in"]["late"], false);
    EXPECT_EQ(checked["check_in"]["method"], "barcode");
    EXPECT_EQ(checked["check_in"]["by"], "giamthi");
    EXPECT_EQ(checked["check_in"]["time"].get<std::string>().size(), 5u);

    auto const again = check_in(session, {{"code", "thisinh01"}, {"method", "qr"}});
    ASSERT_EQ(again.status, 200) << again.body;
    auto const duplicate = json::parse(again.body);
    EXPECT_EQ(duplicate["result"], "already");
    EXPECT_EQ(duplicate["check_in"]["time"], checked["check_in"]["time"]);
    EXPECT_EQ(duplicate["check_in"]["method"], "barcode"); // the first check-in stands

    auto const list = roll(session);
    EXPECT_EQ(list["counts"]["present"], 1);
    EXPECT_EQ(list["counts"]["late"], 0);
    EXPECT_EQ(list["counts"]["absent"].get<int>() + 1, list["learners"].size());
    EXPECT_EQ(list["learners"][0]["status"], "present");
}

TEST_F(AttendanceTest, AnUnknownCodeOrALearnerOfAnotherClassIsRefusedClearly) {
    std::int64_t const session = session_started(checkin_demo_class, 0, 15);
    auto const unknown = check_in(session, {{"code", "KHONGCO99"}, {"method", "barcode"}});
    EXPECT_EQ(unknown.status, 404);
    auto const error = json::parse(unknown.body)["error"];
    EXPECT_EQ(error["code"], "unknown_candidate_code");
    EXPECT_EQ(error["value"], "KHONGCO99");
    EXPECT_EQ(error["message"], "Không có học viên nào với mã này");

    // The demo course class's learners are not in K01; nor is a staff account.
    auto const other = json::parse(call("GET", "/api/classes/2", admin_).body)["class"];
    std::string const outsider = other["enrollments"][0]["username"];
    auto const elsewhere = check_in(session, {{"code", outsider}, {"method", "barcode"}});
    EXPECT_EQ(elsewhere.status, 409) << elsewhere.body;
    auto const refused = json::parse(elsewhere.body)["error"];
    EXPECT_EQ(refused["code"], "not_in_class");
    EXPECT_EQ(refused["full_name"], other["enrollments"][0]["full_name"]);
    EXPECT_EQ(roll(session)["counts"]["present"], 0);

    auto const bad_method = check_in(session, {{"code", "thisinh01"}, {"method", "mat"}});
    EXPECT_EQ(json::parse(bad_method.body)["error"]["field"], "method");
    EXPECT_EQ(check_in(987654, {{"code", "thisinh01"}}).status, 404);
}

TEST_F(AttendanceTest, ALateArrivalIsMarkedWithItsMinutesAndAnUndoIsAudited) {
    std::int64_t const session = session_started(checkin_demo_class, 20, 5);
    auto const late = check_in(session, {{"code", "thisinh02"}, {"method", "barcode"}});
    ASSERT_EQ(late.status, 201) << late.body;
    auto const marked = json::parse(late.body)["check_in"];
    EXPECT_EQ(marked["late"], true);
    EXPECT_GE(marked["minutes_after_start"].get<int>(), 20);
    EXPECT_LE(marked["minutes_after_start"].get<int>(), 22);

    std::int64_t const user = json::parse(late.body)["learner"]["user_id"];
    std::int64_t third = 0;
    auto const k01 = json::parse(call("GET", "/api/classes/1", admin_).body);
    for (auto const& e : k01["class"]["enrollments"])
        if (e["username"] == "thisinh03")
            third = e["user_id"];
    auto const by_name = check_in(session, {{"user_id", third}, {"method", "manual"}});
    ASSERT_EQ(by_name.status, 201) << by_name.body;
    auto list = roll(session);
    EXPECT_EQ(list["counts"]["late"], 2);
    EXPECT_EQ(list["counts"]["present"], 0);

    auto const undone = call(
        "DELETE", "/api/sessions/" + std::to_string(session) + "/check-ins/" + std::to_string(user),
        proctor_);
    ASSERT_EQ(undone.status, 200) << undone.body;
    EXPECT_EQ(
        call("DELETE",
             "/api/sessions/" + std::to_string(session) + "/check-ins/" + std::to_string(user),
             proctor_)
            .status,
        404);
    list = roll(session);
    EXPECT_EQ(list["counts"]["late"], 1);
    auto const audit = json::parse(call("GET", "/api/audit?action=attendance.", admin_).body);
    std::string actions;
    for (auto const& row : audit["rows"])
        actions += row["action"].get<std::string>() + " ";
    EXPECT_NE(actions.find("attendance.undo"), std::string::npos) << actions;
    EXPECT_NE(actions.find("attendance.check_in"), std::string::npos) << actions;
}

TEST_F(AttendanceTest, SessionsAreCheckedAndOnePerDayAndPart) {
    auto const add = [&](json const& body) {
        return call("POST", "/api/classes/1/sessions", admin_, body);
    };
    EXPECT_EQ(json::parse(add({{"day", "2026-02-30"}}).body)["error"]["field"], "day");
    EXPECT_EQ(json::parse(add({{"day", "2026-11-20"}, {"part", "toi"}}).body)["error"]["field"],
              "part");
    EXPECT_EQ(
        json::parse(add({{"day", "2026-11-20"}, {"starts_at", "25:00"}}).body)["error"]["field"],
        "starts_at");
    auto const morning = add({{"day", "2026-11-20"}, {"part", "morning"}});
    ASSERT_EQ(morning.status, 201) << morning.body;
    EXPECT_EQ(json::parse(morning.body)["session"]["starts_at"], "07:30");
    EXPECT_EQ(json::parse(morning.body)["session"]["late_after_minutes"], 15);
    auto const afternoon = add({{"day", "2026-11-20"}, {"part", "afternoon"}});
    EXPECT_EQ(json::parse(afternoon.body)["session"]["starts_at"], "13:30");
    auto const twice = add({{"day", "2026-11-20"}, {"part", "morning"}});
    EXPECT_EQ(twice.status, 409);
    EXPECT_EQ(json::parse(twice.body)["error"]["code"], "session_taken");
    // A proctor checks in but does not plan sessions.
    EXPECT_EQ(call("POST", "/api/classes/1/sessions", proctor_, {{"day", "2026-11-21"}}).status,
              403);
}

TEST_F(AttendanceTest, TheAttendanceShareFeedsTheClassification) {
    // The demo course's closed exam has graded results; its class has had no session yet.
    auto const exams = json::parse(call("GET", "/api/exams", admin_).body)["exams"];
    std::int64_t exam = 0, class_id = 0;
    for (auto const& e : exams)
        if (e["state"] == "closed") {
            exam = e["id"];
            class_id = e["class_id"];
        }
    ASSERT_NE(exam, 0) << exams;
    auto const results_of = [&] {
        return json::parse(
            call("GET", "/api/exams/" + std::to_string(exam) + "/results", admin_).body)["rows"];
    };
    std::vector<json> passed;
    for (auto const& row : results_of())
        if (!row["classification"].is_null() && row["classification"]["passed"] == true)
            passed.push_back(row);
    ASSERT_GE(passed.size(), 2u);

    // Two sessions held; the first learner came to both (once late), the second to one.
    std::int64_t const first = session_started(class_id, 300, 15, "morning");
    std::int64_t const second = session_started(class_id, 30, 15, "afternoon");
    ASSERT_EQ(check_in(first, {{"code", passed[0]["username"]}}).status, 201);
    ASSERT_EQ(check_in(second, {{"code", passed[0]["username"]}}).status, 201);
    ASSERT_EQ(check_in(first, {{"code", passed[1]["username"]}}).status, 201);

    auto const shares = json::parse(
        call("GET", "/api/classes/" + std::to_string(class_id) + "/attendance", admin_).body);
    EXPECT_EQ(shares["held"], 2);
    for (auto const& learner : shares["learners"]) {
        if (learner["username"] == passed[0]["username"]) {
            EXPECT_EQ(learner["share"], 1.0);
            EXPECT_EQ(learner["late"], 2);
        } else if (learner["username"] == passed[1]["username"]) {
            EXPECT_EQ(learner["share"], 0.5);
        }
    }
    for (auto const& row : results_of()) {
        if (row["username"] == passed[0]["username"]) {
            EXPECT_EQ(row["classification"]["key"], passed[0]["classification"]["key"]);
        } else if (row["username"] == passed[1]["username"]) {
            EXPECT_EQ(row["classification"]["passed"], false) << row;
            EXPECT_EQ(row["classification"]["reasons"][0]["code"], "attendance_below_required");
        }
    }
}
