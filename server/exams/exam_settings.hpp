#pragma once

#include <nlohmann/json.hpp>

#include <optional>
#include <string>
#include <vector>

namespace phongthi::server {

/// When a candidate may see something about their attempt.
enum class disclosure { never, after_submit, after_close };

/// How candidates get their papers.
enum class paper_mode { per_candidate, variants };

/// How a question with several right options scores (scoring::multiple_answer_rule).
enum class multiple_scoring { partial, all_or_nothing };

/// What separates equal scores in the ranking, in order (scoring::tie_breaker).
enum class tie_rule { less_time, earlier_submission };

/// An exam's settings (exams.settings) besides its blueprint and window; see docs/EXAMS.md.
struct exam_settings {
    int duration_minutes = 45;
    int attempts_allowed = 1;
    disclosure show_score = disclosure::after_submit;
    disclosure show_answers = disclosure::after_close;
    double pass_mark = 5.0;
    double scale = 10.0;
    paper_mode mode = paper_mode::per_candidate;
    int variant_count = 4;
    bool start_code = false;
    bool seat_pc_binding = false; ///< a candidate starts only on their seat's PC or when approved
    multiple_scoring multiple = multiple_scoring::partial;
    bool negative_marking = false;
    double rounding_step = 0.1; ///< the mark is rounded half up to a multiple of it, once
    std::vector<tie_rule> tie_breakers;
};

/// A member of the settings that is wrong: which, and the catalogue code of why.
struct settings_error {
    std::string field;
    std::string code; ///< invalid_field or unknown_field
};

/// Reads settings, defaulting absent members; every bad or unknown member is an error.
struct settings_parse {
    exam_settings value;
    std::vector<settings_error> errors;
};
settings_parse parse_exam_settings(nlohmann::json const& object);

nlohmann::json to_json(exam_settings const& settings);

} // namespace phongthi::server
