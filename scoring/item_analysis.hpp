#pragma once

#include "scoring/grading.hpp"

#include <optional>
#include <span>
#include <string_view>
#include <vector>

namespace phongthi::scoring {

/// One candidate's answer to one question, as graded.
struct item_response {
    double fraction = 0; ///< the share of the question's points earned, 0..1
    /// The chosen option indexes: a view of the caller's answers, which must outlive the call.
    /// Out-of-range and repeated indexes count once or not at all.
    std::span<int const> chosen;
    bool unanswered = false;
};

/// Where a question is flagged. The defaults are the usual classroom-test rules of thumb.
struct item_thresholds {
    double too_easy = 0.9;            ///< difficulty p above it
    double too_hard = 0.2;            ///< difficulty p below it
    double weak_discrimination = 0.2; ///< corrected point-biserial from 0 up to below it
    int min_candidates_for_unused_distractor = 20;
};

/// Why a question wants a look.
enum class item_flag {
    too_easy,
    too_hard,
    negative_discrimination, ///< corrected point-biserial below 0
    weak_discrimination,     ///< corrected point-biserial from 0 up to below the threshold
    unused_distractor,       ///< a wrong option nobody chose (with enough candidates)
    distractor_beats_key,    ///< a wrong option correlates with the total more than the key
};

/// The flag's stable key: "too_easy", "distractor_beats_key" …
std::string_view flag_key(item_flag flag);

/// One option of one question. Correlations are absent where they are undefined.
struct option_statistics {
    bool key = false;                     ///< a positive weight
    int chosen = 0;                       ///< candidates who chose it
    double share = 0;                     ///< chosen / candidates
    std::optional<double> point_biserial; ///< choosing it vs the total score
};

/// One question. Statistics are absent where they are undefined (fewer than 2 candidates, or
/// no variance in the item or in the total).
struct item_statistics {
    std::optional<double> difficulty;               ///< p: the mean fraction
    std::optional<double> point_biserial;           ///< item vs total
    std::optional<double> corrected_point_biserial; ///< item vs total without this item
    std::optional<double> upper_lower;              ///< p of the top 27% minus p of the bottom 27%
    double unanswered_share = 0;
    std::vector<option_statistics> options;
    std::vector<item_flag> flags;
};

/// The whole test. Totals are the candidates' points: sum of points x fraction.
struct test_statistics {
    int candidates = 0;
    int questions = 0;
    std::optional<double> mean;
    std::optional<double> standard_deviation; ///< sample SD (n - 1)
    std::optional<double> kr20;               ///< only when every fraction is 0 or 1
    std::optional<double> alpha;              ///< Cronbach's alpha on points x fraction
    std::optional<double> standard_error;     ///< SEM = SD x sqrt(1 - alpha)
};

/// An exam's item analysis.
struct item_analysis {
    std::vector<item_statistics> items; ///< in the order of the keys
    test_statistics test;
};

/// Analyses `responses[candidate][question]` against `keys` (points and option weights; the
/// voided fields are ignored: leave out the columns of dropped questions). A row shorter than the
/// keys counts the missing questions as unanswered. Pure; any thread.
item_analysis analyze_items(std::span<question_key const> keys,
                            std::span<std::vector<item_response> const> responses,
                            item_thresholds const& thresholds = {});

} // namespace phongthi::scoring
