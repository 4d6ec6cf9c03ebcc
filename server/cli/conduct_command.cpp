// `phongthi conduct list|set|fill` and `phongthi course close|reopen` on the data directory.
#include "server/api/api_support.hpp"
#include "server/classes/class_store.hpp"
#include "server/cli/cli_support.hpp"
#include "server/cli/commands.hpp"
#include "server/course/conduct_json.hpp"
#include "server/course/conduct_store.hpp"
#include "server/course/course_closing.hpp"
#include "server/store/data_store.hpp"
#include "server/store/database.hpp"

#include <iomanip>
#include <iostream>
#include <tuple>

namespace phongthi::server {

namespace {

/// "tot, kha, ..." for usage errors.
std::string known_grades() {
    std::string keys;
    for (auto const& g : conduct_store::conduct_grades())
        keys += (keys.empty() ? "" : ", ") + g.label.key;
    return keys;
}

/// A --grade value: a key of the rules, or "" for "none" when `allow_none`.
std::string grade_option(std::string const& value, bool allow_none) {
    if (allow_none && value == "none")
        return {};
    if (!conduct_store::is_conduct_grade(value))
        throw usage_error("unknown conduct grade \"" + value + "\" (grades: " + known_grades() +
                          (allow_none ? "; none clears it)" : ")"));
    return value;
}

/// The Vietnamese label of a grade key, or "-".
std::string conduct_grade_label(std::string const& key) {
    for (auto const& g : conduct_store::conduct_grades())
        if (g.label.key == key)
            return g.label.vi;
    return "-";
}

/// Explains a refused change; returns the exit code.
int report_conduct_result(conduct_store::conduct_result result, std::string const& done) {
    switch (result) {
    case conduct_store::conduct_result::saved:
        std::cout << done << "\n";
        return 0;
    case conduct_store::conduct_result::unchanged:
        std::cout << "nothing to change\n";
        return 0;
    case conduct_store::conduct_result::no_class:
        throw std::runtime_error("no such class");
    case conduct_store::conduct_result::not_enrolled:
        throw std::runtime_error("the learner is not enrolled in this class");
    case conduct_store::conduct_result::course_closed:
        throw std::runtime_error(
            "the course is closed: reopen it (phongthi course reopen CODE) to change grades");
    }
    return 1;
}

int cli_list_conduct(int argc, char** argv, int first) {
    std::string const name = positional(argc, argv, first, "the class");
    command_args const args(argc, argv, first + 1, {"data"}, {"json"});
    store::data_store data(data_dir_of(args));
    auto const [id, closed, entries] = data.read_side().with([&](store::database& db) {
        std::int64_t const class_id = class_id_named(db, name);
        return std::tuple(class_id, course_closing::class_course_closed(db, class_id),
                          *conduct_store::class_conduct(db, class_id));
    });
    if (args.flag("json")) {
        std::cout << conduct_json::class_conduct(id, closed, entries).dump(2) << "\n";
        return 0;
    }
    if (closed)
        std::cout << "(course closed: grades are final)\n";
    for (auto const& e : entries)
        std::cout << std::right << std::setw(4)
                  << (e.list_number == 0 ? std::string("-") : std::to_string(e.list_number)) << "  "
                  << std::left << std::setw(18) << e.username << std::setw(14)
                  << conduct_grade_label(e.grade) << e.full_name
                  << (e.note.empty() ? "" : "  — " + e.note) << "\n";
    return 0;
}

int cli_set_conduct(int argc, char** argv, int first) {
    std::string const name = positional(argc, argv, first, "the class");
    command_args const args(argc, argv, first + 1, {"data", "username", "grade", "note"}, {});
    std::string const grade = grade_option(args.required("grade"), true);
    std::string const note = args.value("note").value_or("");
    store::data_store data(data_dir_of(args));
    conduct_store::conduct_result result{};
    data.write_side().write([&](store::database& db) {
        std::int64_t const class_id = class_id_named(db, name);
        std::int64_t const user_id = class_store::user_id_by_name(db, args.required("username"));
        if (user_id == 0)
            throw std::runtime_error("no account \"" + args.required("username") + "\"");
        result =
            conduct_store::set_conduct(db, class_id, user_id, grade, note, cli_actor(), now_ms());
    });
    return report_conduct_result(result, "conduct grade of " + args.required("username") + ": " +
                                             conduct_grade_label(grade));
}

int cli_fill_conduct(int argc, char** argv, int first) {
    std::string const name = positional(argc, argv, first, "the class");
    command_args const args(argc, argv, first + 1, {"data", "grade"}, {});
    std::string const grade = grade_option(
        args.value("grade").value_or(conduct_store::conduct_grades().front().label.key), false);
    store::data_store data(data_dir_of(args));
    conduct_store::conduct_result result{};
    int filled = 0;
    data.write_side().write([&](store::database& db) {
        result = conduct_store::fill_conduct(db, class_id_named(db, name), grade, cli_actor(),
                                             now_ms(), filled);
    });
    return report_conduct_result(result, std::to_string(filled) + " learners graded " +
                                             conduct_grade_label(grade));
}

} // namespace

int run_conduct(int argc, char** argv, int first) {
    std::string const action = positional(argc, argv, first, "an action (list, set, fill)");
    if (action == "list")
        return cli_list_conduct(argc, argv, first + 1);
    if (action == "set")
        return cli_set_conduct(argc, argv, first + 1);
    if (action == "fill")
        return cli_fill_conduct(argc, argv, first + 1);
    throw usage_error("unknown action \"" + std::string(action) + "\"");
}

int run_course_closing(int argc, char** argv, int first, bool closed) {
    std::string const code = positional(argc, argv, first, "the course code");
    command_args const args(argc, argv, first + 1, {"data"}, {});
    store::data_store data(data_dir_of(args));
    auto result = course_closing::closing_result::no_course;
    data.write_side().write([&](store::database& db) {
        for (auto const& c : class_store::list_courses(db))
            if (c.code == code)
                result = course_closing::close_course(db, c.id, closed, cli_actor(), now_ms());
    });
    if (result == course_closing::closing_result::no_course)
        throw std::runtime_error("no course \"" + code + "\"");
    std::cout << "course " << code << (closed ? " closed" : " open")
              << (result == course_closing::closing_result::unchanged ? " already" : "") << "\n";
    return 0;
}

} // namespace phongthi::server
