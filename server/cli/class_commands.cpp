// `phongthi course`, `phongthi class` and `phongthi roster import` on the data directory.
#include "question-bank/csv_bank.hpp"
#include "server/accounts/account_store.hpp"
#include "server/api/api_support.hpp"
#include "server/auth/password_hasher.hpp"
#include "server/auth/session_token.hpp"
#include "server/classes/class_json.hpp"
#include "server/classes/class_store.hpp"
#include "server/classes/class_validation.hpp"
#include "server/classes/roster_import.hpp"
#include "server/cli/cli_support.hpp"
#include "server/cli/commands.hpp"
#include "server/reports/report_format.hpp"
#include "server/store/data_store.hpp"
#include "server/store/database.hpp"

#include <fstream>
#include <iomanip>
#include <iostream>
#include <sstream>

namespace phongthi::server {

namespace {

/// Runs `write` and turns a unique violation into an error that says what was taken.
void write_unique(store::data_store& data, std::string const& taken,
                  std::function<void(store::database&)> const& write) {
    try {
        data.write_side().write(write);
    } catch (store::sqlite_error const& e) {
        if (e.is_unique_violation())
            throw std::runtime_error(taken);
        throw;
    }
}

int add_course(command_args const& args) {
    class_store::course_record course{0,
                                      args.required("code"),
                                      args.required("name"),
                                      args.required("kind"),
                                      args.value("starts").value_or(""),
                                      args.value("ends").value_or("")};
    if (auto const bad = check_course(course); !bad.empty())
        throw usage_error("invalid " + bad +
                          " (codes: 1-32 of A-Z a-z 0-9 . _ -; kinds: admission, new_member, "
                          "cell_secretary, professional, update; dates: YYYY-MM-DD)");
    store::data_store data(data_dir_of(args));
    write_unique(data, "the course code \"" + course.code + "\" is already taken",
                 [&](store::database& db) {
                     course.id = class_store::insert_course(db, course);
                     account_store::append_audit(db, cli_actor(), "course.create",
                                                 "course:" + std::to_string(course.id),
                                                 json{{"code", course.code}}.dump(), now_ms());
                 });
    std::cout << "created course " << course.code << "\n";
    return 0;
}

/// `course update CODE [--name N] [--kind K] [--starts D] [--ends D]`: the options given replace
/// the course's; "" clears a date.
int update_course(int argc, char** argv, int first) {
    std::string const code = positional(argc, argv, first, "the course code");
    command_args const args(argc, argv, first + 1, {"data", "name", "kind", "starts", "ends"}, {});
    store::data_store data(data_dir_of(args));
    auto course = *data.read_side().with([&](store::database& db) {
        return class_store::find_course(db, course_id_named(db, code));
    });
    course.name = args.value("name").value_or(course.name);
    course.kind = args.value("kind").value_or(course.kind);
    course.starts_on = args.value("starts").value_or(course.starts_on);
    course.ends_on = args.value("ends").value_or(course.ends_on);
    if (auto const bad = check_course(course); !bad.empty())
        throw usage_error("invalid " + bad +
                          " (kinds: admission, new_member, cell_secretary, professional, update; "
                          "dates: YYYY-MM-DD, the end not before the start)");
    data.write_side().write([&](store::database& db) {
        class_store::update_course(db, course);
        account_store::append_audit(db, cli_actor(), "course.update",
                                    "course:" + std::to_string(course.id),
                                    json{{"code", course.code}}.dump(), now_ms());
    });
    std::cout << "updated course " << course.code << "\n";
    return 0;
}

int list_courses(command_args const& args) {
    store::data_store data(data_dir_of(args));
    auto const courses =
        data.read_side().with([](store::database& db) { return class_store::list_courses(db); });
    for (auto const& c : courses)
        std::cout << std::left << std::setw(14) << c.code << std::setw(16) << c.kind
                  << std::setw(12) << (c.starts_on.empty() ? "-" : c.starts_on) << c.name << "\n";
    return 0;
}

int list_classes(command_args const& args) {
    store::data_store data(data_dir_of(args));
    auto const classes =
        data.read_side().with([](store::database& db) { return class_store::list_classes(db); });
    std::cout << std::left << std::setw(6) << "id" << std::setw(24) << "course/class"
              << std::setw(10) << "learners"
              << "name\n";
    for (auto const& c : classes)
        std::cout << std::setw(6) << c.id << std::setw(24) << (c.course_code + "/" + c.code)
                  << std::setw(10) << c.learners << c.name << "\n";
    return 0;
}

int show_class(int argc, char** argv, int first) {
    std::string const name = positional(argc, argv, first, "the class");
    command_args const args(argc, argv, first + 1, {"data"}, {"json"});
    store::data_store data(data_dir_of(args));
    auto const detail = data.read_side().with([&](store::database& db) {
        std::int64_t const id = class_id_named(db, name);
        return class_json::class_detail(*class_store::find_class(db, id),
                                        class_store::class_enrollments(db, id),
                                        class_store::class_staff(db, id));
    });
    if (args.flag("json")) {
        std::cout << detail.dump(2) << "\n";
        return 0;
    }
    std::cout << detail["course"]["code"].get<std::string>() << "/"
              << detail["code"].get<std::string>() << "  " << detail["name"].get<std::string>()
              << "  (" << detail["learners"].get<int>() << " learners)\n";
    for (auto const& s : detail["staff"])
        std::cout << "  " << std::left << std::setw(10) << s["duty"].get<std::string>()
                  << s["username"].get<std::string>() << "  " << s["full_name"].get<std::string>()
                  << "\n";
    auto const text = [](json const& value) {
        return value.is_null()     ? std::string("-")
               : value.is_string() ? value.get<std::string>()
                                   : value.dump();
    };
    for (auto const& e : detail["enrollments"])
        std::cout << std::right << std::setw(4) << text(e["list_number"]) << "  " << std::left
                  << std::setw(18) << e["username"].get<std::string>() << std::setw(12)
                  << text(e["birth_date"]) << std::setw(8) << text(e["gender"]) << std::setw(12)
                  << text(e["unit_code"]) << std::setw(11) << e["status"].get<std::string>()
                  << e["full_name"].get<std::string>() << "\n";
    return 0;
}

/// --room NAME and --unit CODE into `fields` when given ("none" takes either away).
void read_room_and_unit(store::database& db, command_args const& args,
                        class_store::class_fields& fields) {
    if (auto const room = args.value("room")) {
        fields.room_id = 0;
        for (auto const& r : class_store::list_rooms(db))
            fields.room_id = r.name == *room ? r.id : fields.room_id;
        if (fields.room_id == 0 && *room != "none")
            throw std::runtime_error("no room \"" + *room + "\"");
    }
    if (auto const unit_code = args.value("unit")) {
        auto const unit = account_store::find_unit(db, *unit_code);
        if (!unit && *unit_code != "none")
            throw std::runtime_error("no unit with code \"" + *unit_code + "\"");
        fields.unit_id = unit ? unit->id : 0;
    }
}

int create_class(command_args const& args) {
    class_store::class_fields fields;
    fields.code = args.required("code");
    fields.name = args.required("name");
    fields.starts_on = args.value("starts").value_or("");
    fields.ends_on = args.value("ends").value_or("");
    if (auto const bad = check_class(fields); !bad.empty())
        throw usage_error("invalid " + bad +
                          " (codes: 1-32 of A-Z a-z 0-9 . _ -; dates: YYYY-MM-DD)");
    store::data_store data(data_dir_of(args));
    data.read_side().with([&](store::database& db) {
        fields.course_id = course_id_named(db, args.required("course"));
        read_room_and_unit(db, args, fields);
    });
    write_unique(data, "the course already has a class \"" + fields.code + "\"",
                 [&](store::database& db) {
                     std::int64_t const id = class_store::insert_class(db, fields);
                     account_store::append_audit(db, cli_actor(), "class.create",
                                                 "class:" + std::to_string(id),
                                                 json{{"code", fields.code}}.dump(), now_ms());
                 });
    std::cout << "created class " << args.required("course") << "/" << fields.code << "\n";
    return 0;
}

/// `class update CLASS [--name N] [--room NAME|none] [--unit CODE|none] [--starts D] [--ends D]`.
int update_class(int argc, char** argv, int first) {
    std::string const name = positional(argc, argv, first, "the class");
    command_args const args(argc, argv, first + 1,
                            {"data", "name", "room", "unit", "starts", "ends"}, {});
    store::data_store data(data_dir_of(args));
    class_store::class_fields fields;
    std::int64_t const id = data.read_side().with([&](store::database& db) {
        auto const found = class_store::find_class(db, class_id_named(db, name));
        fields = {found->course_id, found->code,      found->name,   found->room_id,
                  found->unit_id,   found->starts_on, found->ends_on};
        fields.name = args.value("name").value_or(fields.name);
        fields.starts_on = args.value("starts").value_or(fields.starts_on);
        fields.ends_on = args.value("ends").value_or(fields.ends_on);
        read_room_and_unit(db, args, fields);
        return found->id;
    });
    if (auto const bad = check_class(fields); !bad.empty())
        throw usage_error("invalid " + bad + " (dates: YYYY-MM-DD, the end not before the start)");
    data.write_side().write([&](store::database& db) {
        class_store::update_class(db, id, fields);
        account_store::append_audit(db, cli_actor(), "class.update", "class:" + std::to_string(id),
                                    json{{"code", fields.code}, {"name", fields.name}}.dump(),
                                    now_ms());
    });
    std::cout << "updated class " << name << "\n";
    return 0;
}

/// `class enroll|withdraw CLASS --username U`.
int change_enrollment(int argc, char** argv, int first, bool enroll) {
    std::string const name = positional(argc, argv, first, "the class");
    command_args const args(argc, argv, first + 1, {"data", "username", "list-number"}, {});
    std::string const username = args.required("username");
    int const list_number = static_cast<int>(args.number("list-number", 0, 1, 99999));
    store::data_store data(data_dir_of(args));
    auto const [class_id, user_id] = data.read_side().with([&](store::database& db) {
        return std::pair(class_id_named(db, name), class_store::user_id_by_name(db, username));
    });
    if (user_id == 0)
        throw std::runtime_error("no account named \"" + username + "\"");
    bool changed = true;
    data.write_side().write([&](store::database& db) {
        if (enroll)
            class_store::enroll(db, class_id, user_id, list_number);
        else
            changed = class_store::withdraw(db, class_id, user_id);
        if (changed)
            account_store::append_audit(db, cli_actor(), enroll ? "class.enroll" : "class.withdraw",
                                        "class:" + std::to_string(class_id),
                                        json{{"username", username}}.dump(), now_ms());
    });
    if (!changed)
        throw std::runtime_error(username + " is not enrolled in " + name);
    std::cout << username << (enroll ? " enrolled in " : " withdrawn from ") << name << "\n";
    return 0;
}

/// `class staff CLASS --username U --duty lecturer|proctor|homeroom [--remove]`: who may act on
/// the class besides the admins.
int change_staff(int argc, char** argv, int first) {
    std::string const name = positional(argc, argv, first, "the class");
    command_args const args(argc, argv, first + 1, {"data", "username", "duty"}, {"remove"});
    std::string const username = args.required("username");
    std::string const duty = args.required("duty");
    if (!is_class_duty(duty))
        throw usage_error("--duty must be lecturer, proctor or homeroom");
    bool const remove = args.flag("remove");
    store::data_store data(data_dir_of(args));
    auto const [class_id, user] = data.read_side().with([&](store::database& db) {
        auto const id = class_store::user_id_by_name(db, username);
        return std::pair(class_id_named(db, name),
                         id == 0 ? std::nullopt : account_store::find_user(db, id));
    });
    if (!user)
        throw std::runtime_error("no account named \"" + username + "\"");
    if (user->user_role == role::candidate)
        throw std::runtime_error(username + " is a candidate, not staff");
    bool changed = true;
    data.write_side().write([&](store::database& db) {
        if (remove)
            changed = class_store::remove_staff(db, class_id, user->id, duty);
        else
            class_store::add_staff(db, class_id, user->id, duty);
        if (changed)
            account_store::append_audit(
                db, cli_actor(), remove ? "class.staff_remove" : "class.staff_add",
                "class:" + std::to_string(class_id),
                json{{"username", username}, {"duty", duty}}.dump(), now_ms());
    });
    if (!changed)
        throw std::runtime_error(username + " is not " + duty + " of " + name);
    std::cout << username << (remove ? " is no longer " : " is now ") << duty << " of " << name
              << "\n";
    return 0;
}

void print_problems(roster_plan const& plan, language lang) {
    for (auto const& p : plan.problems) {
        std::cout << (p.error ? "error" : "warning");
        if (p.row > 0)
            std::cout << " row " << p.row;
        if (!p.field.empty())
            std::cout << " [" << p.field << "]";
        std::cout << ": " << (lang == language::en ? p.en : p.vi) << "\n";
    }
}

int import_roster(int argc, char** argv, int first) {
    std::string const path = positional(argc, argv, first, "the roster file");
    command_args const args(argc, argv, first + 1,
                            {"data", "class", "format", "passwords-out", "lang"},
                            {"dry-run", "create-units"});
    std::string const format = args.value("format").value_or(
        path.ends_with(".xlsx") || path.ends_with(".XLSX") ? "xlsx" : "csv");
    if (format != "csv" && format != "xlsx")
        throw usage_error("--format is csv or xlsx");
    language const lang = language_of(args);
    bool const create_units = args.flag("create-units");
    roster_file const file = read_roster(read_file_bytes(path), format, path);
    store::data_store data(data_dir_of(args));
    auto const [class_id, plan] = data.read_side().with([&](store::database& db) {
        std::int64_t const id = class_id_named(db, args.required("class"));
        return std::pair(id, plan_roster(file, load_roster_state(db, id), create_units));
    });
    print_problems(plan, lang);
    auto const& s = plan.summary;
    std::cout << "created " << s.created << ", updated " << s.updated << ", unchanged "
              << s.unchanged << ", withdrawn " << s.withdrawn << ", not in the file "
              << s.not_in_file << ", new units " << plan.new_units.size() << "\n";
    if (plan.has_errors()) {
        std::cout << "nothing imported: fix the errors above\n";
        return 1;
    }
    if (args.flag("dry-run"))
        return 0;
    std::map<std::size_t, std::string> passwords;
    std::map<std::size_t, std::string> hashes;
    for (auto const& action : plan.actions) {
        if (action.change != roster_change::create)
            continue;
        passwords[action.row] = auth::random_password(8);
        hashes[action.row] = auth::hash_password(passwords[action.row]);
    }
    roster_plan written;
    data.write_side().write([&](store::database& db) {
        written = apply_roster(db, class_id, file, create_units, hashes, cli_actor(), now_ms());
    });
    std::vector<std::vector<std::string>> table{
        {"STT", "Họ và tên", "Ngày sinh", "Đơn vị", "Tài khoản", "Mật khẩu ban đầu"}};
    for (auto const& action : written.actions) {
        if (action.change != roster_change::create)
            continue;
        auto const& row = file.rows[action.row];
        table.push_back({std::to_string(action.list_number), row.full_name,
                         report_format::date_text(row.birth_date), row.unit, action.username,
                         passwords.at(action.row)});
    }
    if (auto const out = args.value("passwords-out")) {
        std::ofstream file_out(*out, std::ios::binary);
        file_out << bank::write_csv_table(table);
        if (!file_out)
            throw std::runtime_error("cannot write " + *out);
        std::cout << "initial passwords of " << table.size() - 1 << " new accounts written to "
                  << *out << "\n";
    } else {
        for (std::size_t i = 1; i < table.size(); ++i)
            std::cout << table[i][4] << "  " << table[i][5] << "  " << table[i][1] << "\n";
    }
    return 0;
}

std::string_view class_action(int argc, char** argv, int first) {
    if (first >= argc)
        throw usage_error("an action is missing");
    return argv[first];
}

} // namespace

int run_course(int argc, char** argv, int first) {
    std::string_view const action = class_action(argc, argv, first);
    if (action == "add")
        return add_course(command_args(argc, argv, first + 1,
                                       {"data", "code", "name", "kind", "starts", "ends"}, {}));
    if (action == "list")
        return list_courses(command_args(argc, argv, first + 1, {"data"}, {}));
    if (action == "update")
        return update_course(argc, argv, first + 1);
    if (action == "close" || action == "reopen")
        return run_course_closing(argc, argv, first + 1, action == "close");
    throw usage_error("unknown action \"" + std::string(action) + "\"");
}

int run_class(int argc, char** argv, int first) {
    std::string_view const action = class_action(argc, argv, first);
    if (action == "list")
        return list_classes(command_args(argc, argv, first + 1, {"data"}, {}));
    if (action == "show")
        return show_class(argc, argv, first + 1);
    if (action == "create")
        return create_class(
            command_args(argc, argv, first + 1,
                         {"data", "course", "code", "name", "room", "unit", "starts", "ends"}, {}));
    if (action == "enroll" || action == "withdraw")
        return change_enrollment(argc, argv, first + 1, action == "enroll");
    if (action == "staff")
        return change_staff(argc, argv, first + 1);
    if (action == "update")
        return update_class(argc, argv, first + 1);
    throw usage_error("unknown action \"" + std::string(action) + "\"");
}

int run_roster(int argc, char** argv, int first) {
    std::string_view const action = class_action(argc, argv, first);
    if (action == "import")
        return import_roster(argc, argv, first + 1);
    throw usage_error("unknown action \"" + std::string(action) + "\"");
}

} // namespace phongthi::server
