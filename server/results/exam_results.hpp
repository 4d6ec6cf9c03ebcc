#pragma once

#include "server/accounts/user.hpp"

#include <nlohmann/json.hpp>

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace phongthi::store {
class database;
}

/// The results of an exam as staff and candidates read them: ranked, classified, analysed.
namespace phongthi::server::exam_results {

/// A score an attempt would have (a regrade not yet stored).
struct score_override {
    double raw = 0;
    double score = 0;
};

/// {"exam":{...},"rows":[...],"summary":{...}} — one row per enrolled learner in list order:
/// the newest finished attempt's score, time used, class and unit rank, classification (by
/// the default rules), or state "absent". nullopt when there is no such exam.
std::optional<nlohmann::json> results(store::database& db, std::int64_t exam_id);

/// results() as if the attempts in `as_if` (by attempt id) had those scores instead of the
/// stored ones.
std::optional<nlohmann::json> results(store::database& db, std::int64_t exam_id,
                                      std::map<std::int64_t, score_override> const& as_if);

/// Item analysis of the finished attempts: per question (stem, options with weights, choice
/// counts, difficulty, discrimination, flags) and for the whole test. nullopt: no such exam.
std::optional<nlohmann::json> statistics(store::database& db, std::int64_t exam_id);

/// What a candidate may see of their newest attempt now (score, and the answers once the exam
/// is closed and allows it); null when nothing.
nlohmann::json candidate_result(store::database& db, std::int64_t exam_id, std::int64_t user_id);

/// The attempt's paper with the candidate's choices and, when `with_key`, the correct options
/// and explanations.
nlohmann::json review(store::database& db, std::int64_t attempt_id, bool with_key);

/// A key correction: new weights for the question's options as stored, a void mode
/// (full_credit or drop), or neither to restore the original key.
struct correction_request {
    std::int64_t question_id = 0;
    std::optional<std::vector<double>> weights;
    std::optional<std::string> void_mode;
    std::string reason;
};

/// Whether a question can be on the exam's papers: in the published blueprint's frozen pool or on
/// an attempt's paper. A key correction of any other question is refused.
bool question_in_exam(store::database& db, std::int64_t exam_id, std::int64_t question_id);

/// What a key correction would do, written nowhere and not audited: the reply of correct_key()
/// plus "dry_run":true, each changed attempt also with the candidate's name and username and
/// its classification and class rank before and after ("class_before", "class_after",
/// "rank_before", "rank_after"; null when the attempt is not the candidate's newest), and
/// "ranks_moved", how many candidates' class rank would change. Reads only; any connection.
nlohmann::json preview_correction(store::database& db, std::int64_t exam_id,
                                  correction_request const& request, std::int64_t now);

/// A key correction by `who`, applied and every finished attempt with that question regraded;
/// audited as exam.key_correction and one attempt.regrade per changed score. Returns
/// {"regraded":n,"changed":m,"attempts":[{attempt,user,before,after}]}. Inside a writer job.
nlohmann::json correct_key(store::database& db, std::int64_t exam_id,
                           correction_request const& request, actor const& who, std::int64_t now);

} // namespace phongthi::server::exam_results
