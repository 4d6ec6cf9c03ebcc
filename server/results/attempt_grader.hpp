#pragma once

#include "scoring/grading.hpp"
#include "server/exams/exam_settings.hpp"
#include "server/exams/exam_store.hpp"
#include "server/results/key_corrections.hpp"

#include <nlohmann/json.hpp>

#include <cstdint>
#include <map>
#include <optional>
#include <vector>

namespace phongthi::store {
class database;
}

/// Grading attempts from the database: the paper's questions (as drawn, with the exam's key
/// corrections), the saved answers and the exam's policy, through the pure scoring library.
namespace phongthi::server::attempt_grader {

scoring::grading_policy policy_of(exam_settings const& settings);

/// The keys of an attempt's paper, in paper order: each question's drawn revision and points,
/// with the exam's corrections applied. Questions whose revision is gone get an empty key.
std::vector<scoring::question_key>
keys_of(store::database& db, nlohmann::json const& paper,
        std::map<std::int64_t, key_corrections::correction> const& corrections);

/// The chosen option indexes per paper position.
std::vector<std::vector<int>> choices_of(store::database& db, std::int64_t attempt_id,
                                         std::size_t positions);

/// The grade of a finished attempt under the exam's `settings` and `corrections` (which need not
/// be stored yet: a dry run passes the ones it would add); nullopt when the attempt is not
/// finished (running or voided). Reads only; any connection.
std::optional<scoring::attempt_grade>
grade(store::database& db, exam_store::attempt_record const& attempt, exam_settings const& settings,
      std::map<std::int64_t, key_corrections::correction> const& corrections);

/// Stores a grade as the attempt's raw_score, score and grading. Inside a writer job.
void store_grade(store::database& db, exam_store::attempt_record const& attempt,
                 scoring::attempt_grade const& grade);

/// Grades a finished attempt and stores raw_score, score and grading; returns the grade, or
/// nullopt when the attempt is not finished (running or voided). Inside a writer job.
std::optional<scoring::attempt_grade> grade_and_store(store::database& db, std::int64_t attempt_id);

/// The candidate's view of a grade: {score, scale, raw, max_raw, passed}.
nlohmann::json result_json(scoring::attempt_grade const& grade, exam_settings const& settings);

} // namespace phongthi::server::attempt_grader
