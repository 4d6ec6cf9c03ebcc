#pragma once

#include "server/course/survey_store.hpp"

#include <nlohmann/json.hpp>

#include <array>
#include <string>
#include <string_view>

/// The report of a survey: per item the count of each Likert value and the mean, the number of
/// responses, and the comments sorted (so their order says nothing about who wrote them). Pure;
/// any thread.
namespace phongthi::server::survey_report {

/// The labels of Likert values 1..5, Vietnamese and English.
struct likert_label {
    std::string_view vi;
    std::string_view en;
};
extern std::array<likert_label, survey_store::likert_points> const likert_labels;

/// {"survey":{id, exam_id, title, items, comment, closed, responses}, "likert":[{value, vi,
/// en}], "items":[{text, counts:[n1..n5], answered, mean|null}], "comments":[...]}.
nlohmann::json report(survey_store::survey_record const& survey,
                      std::vector<survey_store::survey_answer> const& responses);

/// The survey as JSON, without responses (for the editor and the candidate).
nlohmann::json survey_json(survey_store::survey_record const& survey);

/// The report as a CSV table for Excel (UTF-8 with BOM): one row per item with its counts and
/// mean, then the comments.
std::string report_csv(nlohmann::json const& report);

} // namespace phongthi::server::survey_report
