#pragma once

#include <nlohmann/json.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace phongthi::store {
class database;
}

/// SQL for exams, blueprints, attempts, answers and attempt events. Writes run inside a writer
/// job; reads on a read connection. Plain functions over one connection.
namespace phongthi::server::exam_store {

struct exam_record {
    std::int64_t id = 0;
    std::int64_t class_id = 0;
    std::string title;
    std::string state; ///< draft, scheduled, open, closed, archived
    nlohmann::json settings = nlohmann::json::object();
    std::optional<std::int64_t> opens_at;
    std::optional<std::int64_t> closes_at;
    std::optional<std::int64_t> paused_at;
    std::optional<std::int64_t> started_at;
    std::optional<std::int64_t> room_id;
    std::optional<std::int64_t> published_blueprint_id;
    std::string secret; ///< 32 random bytes: start codes and variant seeds
    std::int64_t created_at = 0;
};

struct blueprint_record {
    std::int64_t id = 0;
    int revision = 0;
    nlohmann::json spec; ///< docs/EXAMS.md blueprint, plus "pool" once published
};

/// A learner of the exam's class, with the seat they were given.
struct roster_entry {
    std::int64_t user_id = 0;
    std::string username;
    std::string full_name;
    std::string unit;
    std::string seat_label;
    std::optional<std::int64_t> seat_id;
    int seat_row = -1;
    int seat_col = -1;
    std::string seat_host; ///< the PC bound to the seat, "" when none
    int list_number = 0;
};

struct attempt_record {
    std::int64_t id = 0;
    std::int64_t user_id = 0;
    int attempt_number = 1;
    std::string state;
    std::optional<std::int64_t> blueprint_id;
    std::uint64_t paper_seed = 0;
    std::string variant_code;
    std::optional<std::int64_t> seat_id;
    std::int64_t started_at = 0;
    std::int64_t deadline_at = 0;
    std::int64_t paused_ms = 0;
    std::int64_t extension_ms = 0;
    std::optional<std::int64_t> paused_at;
    bool held = false;
    std::optional<std::int64_t> submitted_at;
    std::string client_address;
    nlohmann::json paper; ///< the drawn items (see paper_codec)
};

struct answer_record {
    std::int64_t attempt_id = 0;
    int position = 0;
    std::vector<int> choice; ///< indexes into the revision's options
    std::int64_t seq = 0;
    bool flagged = false;
    std::int64_t saved_at = 0;
};

/// Where an exam's clock stands, for the columns a clock change touches.
struct attempt_clock_row {
    std::int64_t deadline_at = 0;
    std::int64_t paused_ms = 0;
    std::int64_t extension_ms = 0;
    std::optional<std::int64_t> paused_at;
    bool held = false;
};

/// A class as the exam pages list it.
struct class_summary {
    std::int64_t id = 0;
    std::string code;
    std::string name;
    std::int64_t course_id = 0;
    std::string course_code;
    std::string course_name;
    std::optional<std::int64_t> room_id;
    std::int64_t learners = 0;
};
std::vector<class_summary> list_classes(store::database& db);
bool class_exists(store::database& db, std::int64_t class_id);

std::int64_t insert_exam(store::database& db, exam_record const& exam,
                         std::optional<std::int64_t> author_id, std::int64_t now);
/// Title, settings and window; false when there is no such exam.
bool update_exam(store::database& db, exam_record const& exam);
std::optional<exam_record> find_exam(store::database& db, std::int64_t id);
/// Exams of a class, or of every class when class_id is nullopt; newest first.
std::vector<exam_record> list_exams(store::database& db, std::optional<std::int64_t> class_id);
/// Exams in a given state (e.g. every open exam, to resume at start-up).
std::vector<exam_record> exams_in_state(store::database& db, std::string_view state);
/// The exams of the classes a learner is enrolled in (not withdrawn), newest first.
std::vector<exam_record> exams_of_learner(store::database& db, std::int64_t user_id);

void set_exam_state(store::database& db, std::int64_t exam_id, std::string_view state);
void set_exam_started(store::database& db, std::int64_t exam_id, std::int64_t started_at);
void set_exam_paused(store::database& db, std::int64_t exam_id,
                     std::optional<std::int64_t> paused_at);
void set_published_blueprint(store::database& db, std::int64_t exam_id,
                             std::int64_t blueprint_id);

/// Stores `spec` as the exam's next blueprint revision; returns its id.
std::int64_t insert_blueprint(store::database& db, std::int64_t exam_id,
                              nlohmann::json const& spec, std::optional<std::int64_t> author_id,
                              std::int64_t now);
std::optional<blueprint_record> find_blueprint(store::database& db, std::int64_t blueprint_id);
std::optional<blueprint_record> latest_blueprint(store::database& db, std::int64_t exam_id);

/// The enrolled (not withdrawn) learners of a class in list order, with their seats in `room_id`
/// (nullopt: the class's own room).
std::vector<roster_entry> class_roster(store::database& db, std::int64_t class_id,
                                       std::optional<std::int64_t> room_id);
/// Whether the user is an enrolled learner of the class.
bool is_enrolled(store::database& db, std::int64_t class_id, std::int64_t user_id);

/// Every attempt of an exam, oldest first.
std::vector<attempt_record> exam_attempts(store::database& db, std::int64_t exam_id);
/// A learner's newest attempt at an exam.
std::optional<attempt_record> latest_attempt(store::database& db, std::int64_t exam_id,
                                             std::int64_t user_id);
std::optional<attempt_record> find_attempt(store::database& db, std::int64_t attempt_id);
/// The exam an attempt belongs to.
std::optional<std::int64_t> exam_of_attempt(store::database& db, std::int64_t attempt_id);
/// The saved answers of one attempt, by position.
std::vector<answer_record> attempt_answers(store::database& db, std::int64_t attempt_id);

/// Inserts a running attempt under the id the runtime gave it (a.id).
void insert_attempt(store::database& db, std::int64_t exam_id, attempt_record const& a);
/// The highest attempt id so far (0 for none), where the runtime continues numbering.
std::int64_t max_attempt_id(store::database& db);
/// Upserts one answer, keeping the stored one when its seq is not lower. True when it changed.
bool save_answer(store::database& db, answer_record const& answer);
void save_clock(store::database& db, std::int64_t attempt_id, attempt_clock_row const& clock);
void set_attempt_state(store::database& db, std::int64_t attempt_id, std::string_view state,
                       std::optional<std::int64_t> submitted_at);
void set_attempt_address(store::database& db, std::int64_t attempt_id, std::string_view address);

/// Appends one event to an attempt's timeline. `detail` is a JSON object or null.
void add_event(store::database& db, std::int64_t attempt_id, std::string_view kind,
               nlohmann::json const& detail, std::optional<std::int64_t> by_user_id,
               std::string_view address, std::int64_t at);

struct event_record {
    std::int64_t at = 0;
    std::string kind;
    nlohmann::json detail;
    std::optional<std::int64_t> by_user_id;
    std::string address;
};
std::vector<event_record> attempt_events(store::database& db, std::int64_t attempt_id);

} // namespace phongthi::server::exam_store
