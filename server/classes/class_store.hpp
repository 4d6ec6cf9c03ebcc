#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace phongthi::store {
class database;
}

/// SQL for courses, classes, their staff and enrollments. Plain functions over one connection:
/// reads take a read-side connection, writes run inside a writer job (or the CLI's write()).
namespace phongthi::server::class_store {

/// A course (khoá học): admission, new members, cell secretaries... Dates are 'YYYY-MM-DD' or
/// empty.
struct course_record {
    std::int64_t id = 0;
    std::string code;
    std::string name;
    std::string kind; ///< admission | new_member | cell_secretary | professional | update
    std::string starts_on;
    std::string ends_on;
    std::int64_t closed_at = 0; ///< 0: open; closed: conduct grades frozen (server/course/)
};

/// A class (lớp) of a course, with its room, organising unit and number of enrolled learners.
struct class_record {
    std::int64_t id = 0;
    std::int64_t course_id = 0;
    std::string course_code;
    std::string course_name;
    std::int64_t course_closed_at = 0; ///< 0: the course is open
    std::string code;
    std::string name;
    std::int64_t room_id = 0; ///< 0: none
    std::string room_name;
    std::int64_t unit_id = 0; ///< 0: none
    std::string unit_code;
    std::string starts_on;
    std::string ends_on;
    std::int64_t learners = 0;
};

/// What a class is created or updated with; 0 ids mean none.
struct class_fields {
    std::int64_t course_id = 0;
    std::string code;
    std::string name;
    std::int64_t room_id = 0;
    std::int64_t unit_id = 0;
    std::string starts_on;
    std::string ends_on;
};

/// A learner's own details as a roster lists them; empty texts are stored as NULL.
struct learner_profile {
    std::string full_name;
    std::string birth_date; ///< 'YYYY-MM-DD'
    std::string gender;     ///< "male" | "female" | ""
    std::int64_t unit_id = 0;
    std::string position;
    std::string phone;
};

/// One learner of a class, withdrawn ones included.
struct enrollment_record {
    std::int64_t user_id = 0;
    std::string username;
    int list_number = 0; ///< 0: none
    learner_profile profile;
    std::string unit_code;
    std::string unit_name;
    std::string seat_label;
    std::string conduct_grade;
    std::string status; ///< enrolled | withdrawn
    bool must_change_password = false;
};

/// A staff member's duty in a class.
struct staff_record {
    std::int64_t user_id = 0;
    std::string username;
    std::string full_name;
    std::string duty; ///< lecturer | proctor | homeroom
};

std::vector<course_record> list_courses(store::database& db);
std::optional<course_record> find_course(store::database& db, std::int64_t id);
/// Inserts and returns the new id; throws store::sqlite_error (unique violation) on a taken code.
std::int64_t insert_course(store::database& db, course_record const& course);
/// False when there is no such course; throws on a taken code.
bool update_course(store::database& db, course_record const& course);

/// Every class, newest first, with its learner count.
std::vector<class_record> list_classes(store::database& db);
std::optional<class_record> find_class(store::database& db, std::int64_t id);
/// Inserts and returns the new id; throws store::sqlite_error (unique violation) when the course
/// already has a class with this code.
std::int64_t insert_class(store::database& db, class_fields const& fields);
/// False when there is no such class.
bool update_class(store::database& db, std::int64_t id, class_fields const& fields);

/// The class's learners by list number (then name), withdrawn ones last.
std::vector<enrollment_record> class_enrollments(store::database& db, std::int64_t class_id);
std::vector<staff_record> class_staff(store::database& db, std::int64_t class_id);

/// Enrolls the user, or enrolls again a withdrawn one; `list_number` 0 takes the next free
/// number for a new enrollment and keeps the old one otherwise.
void enroll(store::database& db, std::int64_t class_id, std::int64_t user_id, int list_number);
/// Marks the enrollment withdrawn; false when the user is not enrolled.
bool withdraw(store::database& db, std::int64_t class_id, std::int64_t user_id);
/// Adds a duty (idempotent).
void add_staff(store::database& db, std::int64_t class_id, std::int64_t user_id,
               std::string_view duty);
/// False when the user did not have that duty.
bool remove_staff(store::database& db, std::int64_t class_id, std::int64_t user_id,
                  std::string_view duty);

/// Writes the learner's roster details into their account.
void set_profile(store::database& db, std::int64_t user_id, learner_profile const& profile,
                 std::int64_t now);

/// The id of the account named `username` (any case), or 0.
std::int64_t user_id_by_name(store::database& db, std::string_view username);
/// A room as the class form offers it.
struct room_record {
    std::int64_t id = 0;
    std::string name;
};
std::vector<room_record> list_rooms(store::database& db);

} // namespace phongthi::server::class_store
