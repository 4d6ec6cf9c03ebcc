#include "scoring/grading.hpp"

#include <algorithm>
#include <cstddef>

namespace phongthi::scoring {

namespace {

bool is_chosen(std::span<int const> chosen, std::size_t option) {
    return std::find(chosen.begin(), chosen.end(), static_cast<int>(option)) != chosen.end();
}

// A sum of weights in percent as a fraction of the points, snapping near-100 sums to 1.
double weight_fraction(double percent) {
    if (percent >= 100 - weight_epsilon)
        return 1;
    return percent / 100;
}

double single_answer_fraction(question_key const& key, std::span<int const> chosen,
                              std::size_t distinct, bool negative_marking) {
    double lowest = 0;
    double only = 0;
    for (std::size_t at = 0; at < chosen.size(); ++at) {
        if (!counts_as_choice(chosen, at, key.weights.size()))
            continue;
        double const weight = key.weights[static_cast<std::size_t>(chosen[at])];
        lowest = std::min(lowest, weight);
        only = weight;
    }
    double const penalty = negative_marking ? std::max(lowest, -100.0) / 100 : 0;
    if (distinct > 1 || only <= 0)
        return penalty;
    return weight_fraction(only);
}

double multiple_answer_fraction(question_key const& key, std::span<int const> chosen,
                                multiple_answer_rule rule) {
    if (rule == multiple_answer_rule::all_or_nothing) {
        for (std::size_t option = 0; option < key.weights.size(); ++option)
            if ((key.weights[option] > 0) != is_chosen(chosen, option))
                return 0;
        return 1;
    }
    // Summed in option order so that the same choices always give the same double.
    double sum = 0;
    for (std::size_t option = 0; option < key.weights.size(); ++option)
        if (is_chosen(chosen, option))
            sum += key.weights[option];
    return std::clamp(weight_fraction(sum), 0.0, 1.0);
}

} // namespace

bool counts_as_choice(std::span<int const> chosen, std::size_t at, std::size_t option_count) {
    int const index = chosen[at];
    if (index < 0 || static_cast<std::size_t>(index) >= option_count)
        return false;
    auto const earlier = chosen.begin() + static_cast<std::ptrdiff_t>(at);
    return std::find(chosen.begin(), earlier, index) == earlier;
}

question_grade grade_question(question_key const& key, std::span<int const> chosen,
                              grading_policy const& policy) {
    std::size_t distinct = 0;
    for (std::size_t at = 0; at < chosen.size(); ++at)
        distinct += counts_as_choice(chosen, at, key.weights.size()) ? 1 : 0;
    question_grade grade;
    grade.answered = distinct > 0;
    if (key.voided) {
        grade.counted = key.void_as == void_mode::full_credit;
        grade.fraction = grade.counted ? 1 : 0;
        grade.earned = grade.counted ? key.points : 0;
        return grade;
    }
    if (distinct == 0)
        return grade;
    auto const positive = std::count_if(key.weights.begin(), key.weights.end(),
                                        [](double weight) { return weight > 0; });
    grade.fraction = positive > 1
                         ? multiple_answer_fraction(key, chosen, policy.multiple_answer)
                         : single_answer_fraction(key, chosen, distinct, policy.negative_marking);
    grade.earned = grade.fraction * key.points;
    grade.correct = grade.fraction >= 1;
    return grade;
}

attempt_grade grade_attempt(std::span<question_key const> keys,
                            std::span<std::vector<int> const> chosen,
                            grading_policy const& policy) {
    attempt_grade result;
    result.questions.reserve(keys.size());
    for (std::size_t i = 0; i < keys.size(); ++i) {
        std::span<int const> const answer =
            i < chosen.size() ? std::span<int const>(chosen[i]) : std::span<int const>();
        question_grade const grade = grade_question(keys[i], answer, policy);
        // Summed in question order: a regrade of the same answers gives the same raw score.
        result.raw += grade.earned;
        result.max_raw += grade.counted ? keys[i].points : 0;
        result.answered += grade.answered ? 1 : 0;
        result.correct += grade.correct ? 1 : 0;
        result.questions.push_back(grade);
    }
    result.score = scale_score(result.raw, result.max_raw, policy.scale);
    return result;
}

} // namespace phongthi::scoring
