// Rooms and seat layouts, seating a class, and candidates bound to their seat's PC, through the
// real server and the CLI.
#include "tests/integration/exam_fixture.hpp"

#include <map>
#include <set>

using namespace phongthi::test;

namespace {

class RoomsTest : public ExamServer {
protected:
    RoomsTest() : admin_(token_of("admin", admin_password)) {}

    /// A 3 x 5 room whose middle column is an aisle, one seat disabled and one relabelled.
    json small_room(std::string const& name) {
        json seats = json::array();
        for (int row = 0; row < 3; ++row)
            for (int col = 0; col < 5; ++col) {
                if (col == 2)
                    continue;
                json seat = {{"row", row}, {"col", col}};
                if (row == 2 && col == 4)
                    seat["disabled"] = true;
                if (row == 0 && col == 0)
                    seat["label"] = "GV";
                seats.push_back(seat);
            }
        return {{"name", name}, {"rows", 3}, {"cols", 5}, {"seats", seats}};
    }

    /// The learners of `class_id` with their seats.
    std::map<std::string, std::string> seats_of(std::int64_t class_id) {
        auto const detail = json::parse(
            call("GET", "/api/classes/" + std::to_string(class_id), admin_).body)["class"];
        std::map<std::string, std::string> seats;
        for (auto const& e : detail["enrollments"])
            seats[e["username"]] = e["seat_label"].is_null() ? "" : e["seat_label"];
        return seats;
    }

    std::string admin_;
};

} // namespace

TEST_F(RoomsTest, AnAdminCreatesEditsAndDeletesRoomsWithAislesAndLabels) {
    auto const created = call("POST", "/api/rooms", admin_, small_room("Phòng 204"));
    ASSERT_EQ(created.status, 201) << created.body;
    auto room = json::parse(created.body)["room"];
    std::int64_t const id = room["id"];
    ASSERT_EQ(room["seats"].size(), 12u);
    EXPECT_EQ(room["seats"][0]["label"], "GV");
    EXPECT_EQ(room["seats"][1]["label"], "A2");
    EXPECT_EQ(room["seats"][2]["label"], "A4"); // the aisle in column 3 has no seat
    EXPECT_EQ(room["seats"][11]["disabled"], true);

    auto const listed = json::parse(call("GET", "/api/rooms", proctor()).body)["rooms"];
    bool found = false;
    for (auto const& r : listed)
        if (r["id"] == id) {
            found = true;
            EXPECT_EQ(r["seats"], 11);
            EXPECT_EQ(r["disabled"], 1);
        }
    EXPECT_TRUE(found) << listed;

    // Two seats swap labels; a PC is written at one; the last row goes.
    room["seats"][1]["label"] = "A4";
    room["seats"][2]["label"] = "A2";
    room["seats"][3]["host"] = "192.168.1.24";
    json kept = json::array();
    for (auto const& seat : room["seats"])
        if (seat["row"] != 2)
            kept.push_back(seat);
    room["seats"] = kept;
    room["rows"] = 2;
    auto const updated = call("PUT", "/api/rooms/" + std::to_string(id), admin_, room);
    ASSERT_EQ(updated.status, 200) << updated.body;
    auto const saved = json::parse(updated.body)["room"];
    EXPECT_EQ(saved["seats"].size(), 8u);
    EXPECT_EQ(saved["seats"][1]["label"], "A4");
    EXPECT_EQ(saved["seats"][3]["host"], "192.168.1.24");

    EXPECT_EQ(call("PUT", "/api/rooms/" + std::to_string(id), proctor(), room).status, 403);
    EXPECT_EQ(call("DELETE", "/api/rooms/" + std::to_string(id), admin_).status, 200);
    EXPECT_EQ(call("GET", "/api/rooms/" + std::to_string(id), admin_).status, 404);
    // The demo class sits in Phòng máy 1.
    auto const in_use = call("DELETE", "/api/rooms/1", admin_);
    EXPECT_EQ(in_use.status, 409);
    EXPECT_EQ(json::parse(in_use.body)["error"]["code"], "room_in_use");
}

TEST_F(RoomsTest, AWrongRoomIsRefusedNamingTheFieldAndTheSeat) {
    auto const refused = [&](json const& body) {
        auto const result = call("POST", "/api/rooms", admin_, body);
        EXPECT_EQ(result.status, 400) << result.body;
        return json::parse(result.body)["error"];
    };
    auto room = small_room("Phòng lỗi");
    EXPECT_EQ(refused({{"name", ""}, {"rows", 2}, {"cols", 2}})["field"], "name");
    EXPECT_EQ(refused({{"name", "X"}, {"rows", 27}, {"cols", 2}})["field"], "rows");
    EXPECT_EQ(refused({{"name", "X"}, {"rows", 2}, {"cols", 0}})["field"], "cols");
    room["seats"][3]["label"] = "A2";
    auto const twice = refused(room);
    EXPECT_EQ(twice["field"], "seats[3].label");
    EXPECT_EQ(twice["seat"], "A2");
    room = small_room("Phòng lỗi");
    room["seats"][5]["col"] = 9;
    EXPECT_EQ(refused(room)["field"], "seats[5].col");
    room = small_room("Phòng lỗi");
    room["seats"][4]["label"] = "QUÁ-DÀI-123";
    auto const long_label = refused(room);
    EXPECT_EQ(long_label["field"], "seats[4].label");
    EXPECT_EQ(long_label["seat"], "B1");
    auto const taken = call("POST", "/api/rooms", admin_, small_room("Phòng máy 1"));
    EXPECT_EQ(taken.status, 409);
    EXPECT_EQ(json::parse(taken.body)["error"]["code"], "room_name_taken");
}

TEST_F(RoomsTest, EachSeatingModeSeatsTheClassAndUnitsSpreadApart) {
    // The demo course class (40 learners, six cells) in a room of 5 x 11 with an aisle.
    json room = {{"name", "Hội trường B"}, {"rows", 5}, {"cols", 11}, {"seats", json::array()}};
    for (int row = 0; row < 5; ++row)
        for (int col = 0; col < 11; ++col)
            if (col != 5)
                room["seats"].push_back({{"row", row}, {"col", col}});
    auto const made = call("POST", "/api/rooms", admin_, room);
    ASSERT_EQ(made.status, 201) << made.body;
    auto const layout = json::parse(made.body)["room"];
    auto detail = json::parse(call("GET", "/api/classes/2", admin_).body)["class"];
    detail["room_id"] = layout["id"];
    ASSERT_EQ(call("PUT", "/api/classes/2", admin_,
                   {{"course_id", detail["course"]["id"]},
                    {"code", detail["code"]},
                    {"name", detail["name"]},
                    {"room_id", layout["id"]}})
                  .status,
              200);
    std::map<std::string, std::pair<int, int>> cell_of;
    for (auto const& seat : layout["seats"])
        cell_of[seat["label"]] = {seat["row"], seat["col"]};
    std::map<std::string, std::string> unit_of;
    for (auto const& e : detail["enrollments"])
        unit_of[e["username"]] = e["unit_code"].is_null() ? "" : e["unit_code"];

    for (std::string const mode : {"list_order", "random", "spread_units"}) {
        auto const seated = call("POST", "/api/classes/2/seating", proctor(), {{"mode", mode}});
        ASSERT_EQ(seated.status, 200) << seated.body;
        EXPECT_EQ(json::parse(seated.body)["seated"], 40);
        auto const seats = seats_of(2);
        std::set<std::string> labels;
        std::map<std::pair<int, int>, std::string> who_at;
        for (auto const& [user, label] : seats) {
            ASSERT_TRUE(cell_of.contains(label)) << mode << " " << user << " " << label;
            labels.insert(label);
            who_at[cell_of[label]] = user;
        }
        EXPECT_EQ(labels.size(), 40u) << mode;
        int same_unit = 0;
        for (auto const& [cell, user] : who_at)
            for (auto const& next :
                 {std::pair{cell.first, cell.second + 1}, std::pair{cell.first + 1, cell.second}})
                if (auto const n = who_at.find(next); n != who_at.end())
                    same_unit += unit_of[user] == unit_of[n->second] ? 1 : 0;
        if (mode == "spread_units") {
            EXPECT_EQ(same_unit, 0);
        }
        if (mode == "list_order") {
            EXPECT_GT(same_unit, 0); // the roster lists each cell's members together
            EXPECT_EQ(seats.at(detail["enrollments"][0]["username"]), "A1");
        }
    }
    EXPECT_EQ(json::parse(call("POST", "/api/classes/2/seating", proctor(), {{"mode", "abc"}})
                              .body)["error"]["field"],
              "mode");
}

TEST_F(RoomsTest, AtCheckInALearnerTakesTheNextFreeSeatOrAChosenOne) {
    // The demo class K01 sits thisinh01.. at A1..; move thisinh01 out and back.
    auto const user_of = [&](std::string const& name) {
        auto const k01 = json::parse(call("GET", "/api/classes/1", admin_).body);
        for (auto const& e : k01["class"]["enrollments"])
            if (e["username"] == name)
                return e["user_id"].get<std::int64_t>();
        return std::int64_t{0};
    };
    auto const seat = [&](std::string const& name, json const& body) {
        return call("POST", "/api/classes/1/seats/" + std::to_string(user_of(name)), proctor(),
                    body);
    };
    auto const taken = seat("thisinh01", {{"label", "A2"}});
    EXPECT_EQ(taken.status, 409);
    EXPECT_EQ(json::parse(taken.body)["error"]["code"], "seat_taken");
    auto const missing = seat("thisinh01", {{"label", "Z9"}});
    EXPECT_EQ(json::parse(missing.body)["error"]["code"], "no_such_seat");
    auto const chosen = seat("thisinh01", {{"label", "C5"}});
    ASSERT_EQ(chosen.status, 200) << chosen.body;
    EXPECT_EQ(json::parse(chosen.body)["seat_label"], "C5");
    auto const next = seat("thisinh01", json::object());
    ASSERT_EQ(next.status, 200) << next.body;
    EXPECT_EQ(json::parse(next.body)["seat_label"], "A1"); // the first free seat, row by row
}

TEST_F(RoomsTest, ACandidateOnAnotherPcThanTheirSeatsWaitsForTheProctor) {
    // thisinh01's seat A1 gets this PC (127.0.0.1) and thisinh02's seat A2 a PC that is not here.
    ASSERT_EQ(call("POST", "/api/rooms/1/pc", proctor(), {{"label", "A1"}}).status, 200);
    auto const bound = call("PUT", "/api/rooms/1", admin_, [&] {
        auto room = json::parse(call("GET", "/api/rooms/1", admin_).body)["room"];
        room["seats"][1]["host"] = "10.1.1.2";
        return room;
    }());
    ASSERT_EQ(bound.status, 200) << bound.body;
    EXPECT_EQ(json::parse(bound.body)["room"]["seats"][0]["host"], "127.0.0.1");

    auto const lecturer = token_of("giangvien", "giangvien2026");
    auto exam = json::parse(call("GET", "/api/exams/1", lecturer).body)["exam"];
    exam["settings"]["seat_pc_binding"] = true;
    ASSERT_EQ(call("PUT", "/api/exams/1", lecturer,
                   {{"class_id", exam["class_id"]},
                    {"title", exam["title"]},
                    {"settings", exam["settings"]},
                    {"blueprint", exam["blueprint"]}})
                  .status,
              200);
    act(demo_exam, "open");
    act(demo_exam, "start");
    signed_in_socket watcher(port(), proctor());
    watcher.send({{"t", "watch"}, {"exam", demo_exam}});
    ASSERT_EQ(watcher.next_of("room")["t"], "room");

    json reply;
    auto at_seat = join(1, demo_exam, &reply);
    EXPECT_EQ(reply["t"], "paper") << reply; // on its own seat's PC

    auto elsewhere = join(2, demo_exam, &reply);
    ASSERT_EQ(reply["t"], "resume_pending") << reply;
    EXPECT_EQ(reply["reason"], "seat_pc");
    EXPECT_EQ(reply["seat"], "A2");
    auto const alert = watcher.next_of("alert");
    EXPECT_EQ(alert["kind"], "seat_pc");
    EXPECT_EQ(alert["detail"]["expected"], "10.1.1.2");
    std::int64_t const user = alert["user"];

    auto const approved =
        call("POST", "/api/exams/1/candidates/" + std::to_string(user) + "/approve-pc", proctor());
    ASSERT_EQ(approved.status, 200) << approved.body;
    EXPECT_EQ(elsewhere->next_of("paper")["t"], "paper");
    EXPECT_EQ(
        call("POST", "/api/exams/1/candidates/" + std::to_string(user) + "/approve-pc", proctor())
            .status,
        409);
    auto const audit =
        json::parse(call("GET", "/api/audit?action=exam.approve_seat_pc", admin_).body);
    EXPECT_EQ(audit["rows"].size(), 1u) << audit;
}

TEST_F(RoomsTest, TheCliListsShowsCreatesRoomsAndSeatsAClass) {
    auto const created =
        offline({"room", "create", "--name", "Phòng 305", "--rows", "2", "--cols", "3"});
    ASSERT_EQ(created.exit_code, 0) << created.out;
    auto const shown = offline({"room", "show", "Phòng 305"});
    ASSERT_EQ(shown.exit_code, 0) << shown.out;
    EXPECT_NE(shown.out.find("B3"), std::string::npos) << shown.out;
    auto const listed = offline({"room", "list"});
    EXPECT_NE(listed.out.find("Phòng 305"), std::string::npos) << listed.out;
    auto const spare =
        offline({"room", "create", "--name", "Phòng dự phòng", "--rows", "1", "--cols", "2"});
    ASSERT_EQ(spare.exit_code, 0) << spare.err;
    auto const deleted = offline({"room", "delete", "Phòng dự phòng"});
    ASSERT_EQ(deleted.exit_code, 0) << deleted.err;
    EXPECT_EQ(offline({"room", "list"}).out.find("Phòng dự phòng"), std::string::npos);
    auto const in_use = offline({"room", "delete", "Phòng máy 1"}); // the demo class sits there
    EXPECT_NE(in_use.exit_code, 0);
    EXPECT_NE(in_use.err.find("Phòng máy 1: Phòng đang được một lớp hoặc bài thi sử dụng"),
              std::string::npos)
        << in_use.err;
    auto const seated = offline({"room", "seat", "K01", "--mode", "spread_units"});
    ASSERT_EQ(seated.exit_code, 0) << seated.out;
    EXPECT_NE(seated.out.find("seated"), std::string::npos) << seated.out;
    auto const bad = offline({"room", "seat", "K01", "--mode", "abc"});
    EXPECT_NE(bad.exit_code, 0);
    auto const session =
        offline({"attendance", "add-session", "K01", "--day", "2026-11-20", "--part", "morning"});
    ASSERT_EQ(session.exit_code, 0) << session.out;
    auto const sessions = offline({"attendance", "sessions", "K01"});
    EXPECT_NE(sessions.out.find("2026-11-20"), std::string::npos) << sessions.out;
    auto const checkin = offline({"attendance", "checkin", "1", "--code", "thisinh03"});
    ASSERT_EQ(checkin.exit_code, 0) << checkin.out;
    EXPECT_NE(checkin.out.find("late"), std::string::npos) << checkin.out;
    auto const report = offline({"attendance", "report", "K01"});
    EXPECT_NE(report.out.find("1/1 100%"), std::string::npos) << report.out;

    auto const undone = offline({"attendance", "undo", "1", "--code", "thisinh03"});
    ASSERT_EQ(undone.exit_code, 0) << undone.err;
    EXPECT_EQ(undone.out, "check-in of thisinh03 undone\n");
    EXPECT_NE(offline({"attendance", "report", "K01"}).out.find("0/1 0%"), std::string::npos);
    auto const again = offline({"attendance", "undo", "1", "--code", "thisinh03"});
    EXPECT_NE(again.exit_code, 0);
    EXPECT_NE(again.err.find("thisinh03 is not checked in to session 1"), std::string::npos)
        << again.err;
}
