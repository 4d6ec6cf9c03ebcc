// `phongthi attendance ...`: course sessions, check-in and attendance shares on the data
// directory (docs/CLASSES.md, "Attendance").
#include "server/accounts/account_store.hpp"
#include "server/api/api_support.hpp"
#include "server/classes/class_store.hpp"
#include "server/classroom/attendance_store.hpp"
#include "server/classroom/session_clock.hpp"
#include "server/classroom/session_store.hpp"
#include "server/cli/cli_support.hpp"
#include "server/cli/commands.hpp"
#include "server/store/data_store.hpp"
#include "server/store/database.hpp"

#include <cmath>
#include <iomanip>
#include <iostream>

namespace phongthi::server {

namespace {

int list_class_sessions(int argc, char** argv, int first) {
    std::string const name = positional(argc, argv, first, "the class");
    command_args const args(argc, argv, first + 1, {"data"}, {});
    store::data_store data(data_dir_of(args));
    auto const sessions = data.read_side().with([&](store::database& db) {
        return session_store::class_sessions(db, class_id_named(db, name));
    });
    for (auto const& s : sessions)
        std::cout << std::left << std::setw(6) << s.id << s.day << "  " << std::setw(10) << s.part
                  << s.starts_at << "  late after " << s.late_after_minutes << " min\n";
    return 0;
}

int add_class_session(int argc, char** argv, int first) {
    std::string const name = positional(argc, argv, first, "the class");
    command_args const args(argc, argv, first + 1, {"data", "day", "part", "start", "late-after"},
                            {});
    session_store::session_record session;
    session.day = args.required("day");
    session.part = args.value("part").value_or("full");
    session.starts_at =
        args.value("start").value_or(session.part == "afternoon" ? "13:30" : "07:30");
    session.late_after_minutes = static_cast<int>(args.number("late-after", 15, 0, 600));
    if (!session_clock::is_day(session.day))
        throw usage_error("--day must be a date written YYYY-MM-DD");
    if (!session_store::is_session_part(session.part))
        throw usage_error("--part must be full, morning or afternoon");
    if (!session_clock::is_time_of_day(session.starts_at))
        throw usage_error("--start must be a time written HH:MM");
    store::data_store data(data_dir_of(args));
    session.class_id =
        data.read_side().with([&](store::database& db) { return class_id_named(db, name); });
    try {
        data.write_side().write([&](store::database& db) {
            session.id = session_store::insert_session(db, session);
            account_store::append_audit(
                db, cli_actor(), "class.session_add", "class:" + std::to_string(session.class_id),
                json{{"day", session.day}, {"part", session.part}}.dump(), now_ms());
        });
    } catch (store::sqlite_error const& e) {
        if (!e.is_unique_violation())
            throw;
        throw std::runtime_error("the class already has a " + session.part + " session on " +
                                 session.day);
    }
    std::cout << "created session " << session.id << "\n";
    return 0;
}

/// The session `session_id` and the learner of `code` in its class; throws when either is not.
std::pair<session_store::session_record, std::int64_t>
session_and_learner(store::data_store& data, std::int64_t session_id, std::string const& code) {
    auto const [session, user_id, enrolled] = data.read_side().with([&](store::database& db) {
        auto found = session_store::find_session(db, session_id);
        std::int64_t const user = class_store::user_id_by_name(db, code);
        bool in_class = false;
        if (found)
            for (auto const& e : class_store::class_enrollments(db, found->class_id))
                in_class = in_class || (e.user_id == user && e.status == "enrolled");
        return std::tuple(found, user, in_class);
    });
    if (!session)
        throw std::runtime_error("no session " + std::to_string(session_id));
    if (user_id == 0)
        throw std::runtime_error("no learner with the code \"" + code + "\"");
    if (!enrolled)
        throw std::runtime_error("\"" + code + "\" is not in this session's class");
    return {*session, user_id};
}

int check_in_by_code(int argc, char** argv, int first) {
    std::int64_t const session_id = positional_id(argc, argv, first, "the session id");
    command_args const args(argc, argv, first + 1, {"data", "code"}, {});
    std::string const code = args.required("code");
    store::data_store data(data_dir_of(args));
    auto const [session, user_id] = session_and_learner(data, session_id, code);
    attendance_store::check_in_outcome outcome;
    data.write_side().write([&](store::database& db) {
        auto const who = cli_actor();
        outcome = attendance_store::check_in(db, session, user_id, "manual", who.user_id, now_ms());
        if (outcome.created)
            account_store::append_audit(
                db, who, "attendance.check_in", "session:" + std::to_string(session_id),
                json{{"user_id", user_id}, {"method", "manual"}}.dump(), now_ms());
    });
    std::cout << (outcome.created ? "checked in " : "already checked in ") << code << " at "
              << session_clock::vietnam_time_of_day(outcome.record.checked_in_at);
    if (outcome.record.minutes_after_start > session.late_after_minutes)
        std::cout << ", " << outcome.record.minutes_after_start << " minutes late";
    std::cout << "\n";
    return 0;
}

/// `attendance undo SESSION --code CODE`: takes back a check-in made by mistake (audited).
int undo_check_in_by_code(int argc, char** argv, int first) {
    std::int64_t const session_id = positional_id(argc, argv, first, "the session id");
    command_args const args(argc, argv, first + 1, {"data", "code"}, {});
    std::string const code = args.required("code");
    store::data_store data(data_dir_of(args));
    auto const user_id = session_and_learner(data, session_id, code).second;
    bool undone = false;
    data.write_side().write([&](store::database& db) {
        undone = attendance_store::undo_check_in(db, session_id, user_id);
        if (undone)
            account_store::append_audit(db, cli_actor(), "attendance.undo",
                                        "session:" + std::to_string(session_id),
                                        json{{"user_id", user_id}}.dump(), now_ms());
    });
    if (!undone)
        throw std::runtime_error(code + " is not checked in to session " +
                                 std::to_string(session_id));
    std::cout << "check-in of " << code << " undone\n";
    return 0;
}

int attendance_report(int argc, char** argv, int first) {
    std::string const name = positional(argc, argv, first, "the class");
    command_args const args(argc, argv, first + 1, {"data"}, {});
    store::data_store data(data_dir_of(args));
    data.read_side().with([&](store::database& db) {
        std::int64_t const class_id = class_id_named(db, name);
        auto const shares = attendance_store::class_shares(db, class_id, now_ms());
        for (auto const& e : class_store::class_enrollments(db, class_id)) {
            if (e.status != "enrolled")
                continue;
            auto const found = shares.find(e.user_id);
            std::cout << std::left << std::setw(18) << e.username;
            if (found == shares.end())
                std::cout << std::setw(12) << "-";
            else
                std::cout << std::setw(12)
                          << (std::to_string(found->second.attended) + "/" +
                              std::to_string(found->second.held) + " " +
                              std::to_string(
                                  static_cast<int>(std::lround(found->second.share() * 100))) +
                              "%");
            std::cout << e.profile.full_name << "\n";
        }
    });
    return 0;
}

} // namespace

int run_attendance(int argc, char** argv, int first) {
    if (first >= argc)
        throw usage_error("an action is missing");
    std::string_view const action = argv[first];
    if (action == "sessions")
        return list_class_sessions(argc, argv, first + 1);
    if (action == "add-session")
        return add_class_session(argc, argv, first + 1);
    if (action == "checkin")
        return check_in_by_code(argc, argv, first + 1);
    if (action == "undo")
        return undo_check_in_by_code(argc, argv, first + 1);
    if (action == "report")
        return attendance_report(argc, argv, first + 1);
    throw usage_error("unknown action \"" + std::string(action) + "\"");
}

} // namespace phongthi::server
