#pragma once

#include "scoring/scale.hpp"

#include <cstddef>
#include <span>
#include <vector>

namespace phongthi::scoring {

/// How a question with several right options is scored.
enum class multiple_answer_rule {
    all_or_nothing, ///< full points only for exactly the right options, else 0
    partial,        ///< Moodle: the chosen options' weights summed, floored at 0%, capped at 100%
};

/// What a voided question does to every attempt.
enum class void_mode {
    full_credit, ///< everyone gets the question's points
    drop,        ///< the question leaves the total: no points earned, none possible
};

/// An exam's grading rules.
struct grading_policy {
    multiple_answer_rule multiple_answer = multiple_answer_rule::all_or_nothing;
    /// A wrong single answer scores its option's negative weight (e.g. -25% of the points).
    /// Off, no question scores below 0.
    bool negative_marking = false;
    scale_rule scale{}; ///< the reported mark: scale (10 or 100) and rounding step
};

/// The part of a question grading needs, the same for every attempt.
struct question_key {
    double points = 1;
    /// Moodle's fraction of each option in percent: 100 for the single right answer, positive
    /// shares summing to 100 when several are right, 0 or negative for wrong ones. More than one
    /// positive weight makes the question multiple-answer.
    std::vector<double> weights;
    bool voided = false;
    void_mode void_as = void_mode::full_credit; ///< used when voided
};

/// One question of one attempt, graded.
struct question_grade {
    double earned = 0;   ///< points earned; below 0 only with negative marking
    double fraction = 0; ///< earned / points, from -1 to 1
    bool answered = false;
    bool correct = false; ///< full points on a question that is not voided
    bool counted = true;  ///< false for a question voided with void_mode::drop
};

/// One attempt, graded.
struct attempt_grade {
    std::vector<question_grade> questions; ///< in the order of the keys
    double raw = 0;                        ///< the earned points summed in question order
    double max_raw = 0;                    ///< the points of the counted questions
    double score = 0;                      ///< raw scaled to policy.scale and rounded once, half up
    int answered = 0;
    int correct = 0;
};

/// Percentage points within which a sum of weights counts as 100 (33.33 x 3 is full credit).
constexpr double weight_epsilon = 0.05;

/// True when chosen[at] is an option index below option_count that chosen does not list earlier:
/// the choices that count, each once. Pure; any thread.
bool counts_as_choice(std::span<int const> chosen, std::size_t at, std::size_t option_count);

/// Grades one question. `chosen` holds option indexes (empty: unanswered); an index out of range
/// or repeated counts once or not at all. Several choices on a single-answer question score as a
/// wrong answer (with negative marking, the lowest weight among them). Pure; any thread.
question_grade grade_question(question_key const& key, std::span<int const> chosen,
                              grading_policy const& policy);

/// Grades an attempt: `chosen[i]` answers `keys[i]`; a missing entry is unanswered. Pure; any
/// thread.
attempt_grade grade_attempt(std::span<question_key const> keys,
                            std::span<std::vector<int> const> chosen, grading_policy const& policy);

} // namespace phongthi::scoring
