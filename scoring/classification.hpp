#pragma once

#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace phongthi::scoring {

/// A class (xếp loại) or conduct grade: a stable key and its labels.
struct grade_label {
    std::string key; ///< e.g. "gioi"; what data and the API carry
    std::string vi;  ///< e.g. "Giỏi"
    std::string en;  ///< e.g. "Excellent"
};

/// A class reached from `min_score` up (on the rules' scale).
struct score_band {
    grade_label label;
    double min_score = 0;
};

/// A conduct grade (kết quả rèn luyện); a failing one fails the course.
struct conduct_grade {
    grade_label label;
    bool passing = true;
};

/// Classification rules, read from a data file (see docs/GRADING.md for the format).
struct classification_rules {
    std::string name;
    std::string source;   ///< where the rules come from, in words
    double scale = 10;    ///< the scale of the bands and the pass mark
    double pass_mark = 5; ///< below it the exam fails; at least the lowest band's min_score
    double required_attendance = 0.8; ///< the share of sessions a learner must attend
    std::vector<score_band> bands;    ///< highest first, min_score strictly falling
    grade_label fail;                 ///< the class of a learner who does not pass
    std::vector<conduct_grade> conduct_grades;
    /// Conduct key → the highest class key it allows (e.g. "trung_binh" → "kha").
    std::vector<std::pair<std::string, std::string>> max_class_when_conduct;
};

/// A rules file that cannot be used; field() names the faulty field, e.g. "bands[1].min_score".
class rules_error : public std::runtime_error {
public:
    rules_error(std::string field, std::string const& problem);
    std::string const& field() const { return field_; }

private:
    std::string field_;
};

/// What classification looks at for one learner.
struct learner_record {
    double score = 0;                   ///< the exam mark
    double scale = 10;                  ///< the scale of `score`; converted to the rules' scale
    std::optional<double> attendance;   ///< share of sessions attended, 0..1; absent: not checked
    std::optional<std::string> conduct; ///< conduct grade key; absent: not checked
};

/// Why a learner did not pass, or was capped.
struct classification_reason {
    std::string code; ///< below_pass_mark, attendance_below_required, conduct_failing, conduct_cap
    std::string vi;
    std::string en;
};

/// A learner's class.
struct classification {
    grade_label label;
    bool passed = false; ///< the certificate flag: any class but the fail class
    std::vector<classification_reason> reasons;
};

/// Reads rules from JSON text. Throws rules_error naming the faulty field. Pure; any thread.
classification_rules parse_rules(std::string_view json);

/// The default rules file (scoring/rules/party_course_default.json), embedded at build time.
std::string_view default_rules_json();

/// The default rules, parsed. Pure; any thread.
classification_rules default_rules();

/// Classifies one learner. Throws std::invalid_argument for a conduct key the rules do not know.
/// Pure; any thread.
classification classify(learner_record const& learner, classification_rules const& rules);

} // namespace phongthi::scoring
