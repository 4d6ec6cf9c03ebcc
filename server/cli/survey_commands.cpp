// `phongthi survey show|set|close|reopen|report EXAM`: an exam's feedback survey on the data
// directory, checked and audited as on the admin page. Answers stay anonymous: the report has
// counts, means and sorted comments only.
#include "server/api/api_support.hpp"
#include "server/cli/cli_support.hpp"
#include "server/cli/commands.hpp"
#include "server/course/survey_input.hpp"
#include "server/course/survey_report.hpp"
#include "server/course/survey_store.hpp"
#include "server/store/data_store.hpp"
#include "server/store/database.hpp"

#include <iostream>

namespace phongthi::server {

namespace {

/// Throws the refusal of `result` in `lang`, if it is one.
void check_saved(survey_store::survey_result result, language lang) {
    if (auto const refused = survey_input::refusal_of(result))
        throw std::runtime_error(std::string(error_message(refused->code, lang)));
}

int show_survey(store::data_store& data, std::int64_t exam) {
    auto const survey = data.read_side().with(
        [&](store::database& db) { return survey_store::survey_of_exam(db, exam); });
    if (!survey)
        throw std::runtime_error("exam " + std::to_string(exam) + " has no survey");
    std::cout << survey_report::survey_json(*survey).dump(2) << "\n";
    return 0;
}

int set_survey(store::data_store& data, std::int64_t exam, command_args const& args) {
    std::string const file = args.required("json");
    survey_store::survey_fields fields;
    if (auto const bad = survey_input::read_fields(read_json_file(file), fields))
        throw std::runtime_error(file + " [" + std::string(*bad) + "]: " +
                                 std::string(error_message("invalid_field", language_of(args))));
    auto result = survey_store::survey_result::saved;
    data.write_side().write([&](store::database& db) {
        result = survey_store::save_survey(db, exam, fields, cli_actor(), now_ms());
    });
    check_saved(result, language_of(args));
    return show_survey(data, exam);
}

int report_survey(store::data_store& data, std::int64_t exam, command_args const& args) {
    auto const built = data.read_side().with([&](store::database& db) -> json {
        auto const survey = survey_store::survey_of_exam(db, exam);
        if (!survey)
            return nullptr;
        return survey_report::report(*survey, survey_store::responses(db, survey->id));
    });
    if (built.is_null())
        throw std::runtime_error("exam " + std::to_string(exam) + " has no survey");
    if (auto const out = args.value("o")) {
        save_file(survey_report::report_csv(built), *out);
        std::cout << "wrote " << *out << "\n";
        return 0;
    }
    std::cout << built.dump(2) << "\n";
    return 0;
}

} // namespace

int run_survey(int argc, char** argv, int first) {
    std::string const action =
        positional(argc, argv, first, "an action (show, set, close, reopen, report)");
    auto const exam = positional_id(argc, argv, first + 1, "the exam id");
    command_args const args(argc, argv, first + 2, {"data", "json", "o", "lang"}, {});
    store::data_store data(data_dir_of(args));
    if (action == "show")
        return show_survey(data, exam);
    if (action == "set")
        return set_survey(data, exam, args);
    if (action == "report")
        return report_survey(data, exam, args);
    if (action == "close" || action == "reopen") {
        auto result = survey_store::survey_result::saved;
        data.write_side().write([&](store::database& db) {
            result = survey_store::set_closed(db, exam, action == "close", cli_actor(), now_ms());
        });
        check_saved(result, language_of(args));
        std::cout << "survey of exam " << exam << (action == "close" ? " closed" : " open") << "\n";
        return 0;
    }
    throw usage_error("unknown action \"" + action + "\"");
}

} // namespace phongthi::server
