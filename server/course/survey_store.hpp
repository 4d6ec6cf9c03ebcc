#pragma once

#include "server/accounts/user.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace phongthi::store {
class database;
}

/// Feedback surveys (phiếu khảo sát) of exams, answered anonymously (docs/COURSE.md): a response
/// row holds the answers and the comment but no user and no time, and its id is random; a
/// separate respondent marker per (survey, user) only stops a second answer. Both are written by
/// one writer job, and nothing links them. Plain functions over one connection: reads on a
/// read-side connection, writes in a writer job.
namespace phongthi::server::survey_store {

/// Likert values run 1 (Rất không đồng ý) to 5 (Rất đồng ý).
constexpr int likert_points = 5;

/// A survey of one exam.
struct survey_record {
    std::int64_t id = 0;
    std::int64_t exam_id = 0;
    std::string title;
    std::vector<std::string> items; ///< the Likert statements, in order
    bool comment = true;            ///< whether a free comment is asked for
    bool closed = false;
    int responses = 0;
};

/// What a survey is created or edited with.
struct survey_fields {
    std::string title;
    std::vector<std::string> items;
    bool comment = true;
};

/// One anonymous response: per item a value 1..likert_points, or 0 for no answer.
struct survey_answer {
    std::vector<int> values;
    std::string comment;
};

std::optional<survey_record> survey_of_exam(store::database& db, std::int64_t exam_id);

/// What save_survey(), set_closed() and record_answer() did.
enum class survey_result {
    saved,
    unchanged,
    no_exam,
    no_survey,
    has_responses,
    closed,
    not_finished,
    already_answered
};

/// Creates the exam's survey or edits it while nobody has answered it; audits "survey.create"
/// or "survey.update".
survey_result save_survey(store::database& db, std::int64_t exam_id, survey_fields const& fields,
                          actor const& who, std::int64_t now);

/// Closes or reopens the exam's survey; audits "survey.close" or "survey.reopen".
survey_result set_closed(store::database& db, std::int64_t exam_id, bool closed, actor const& who,
                         std::int64_t now);

/// Whether `user_id` has answered the survey.
bool has_answered(store::database& db, std::int64_t survey_id, std::int64_t user_id);

/// Whether `user_id` has a submitted attempt of the exam (the condition to answer its survey).
bool finished_exam(store::database& db, std::int64_t exam_id, std::int64_t user_id);

/// Records the candidate's answer to the exam's survey: the respondent marker, then a response
/// row with a random id and neither the user nor a time. Refuses a closed survey, a candidate
/// without a submitted attempt, and a second answer. `answer.values` must have one value per
/// item.
survey_result record_answer(store::database& db, std::int64_t exam_id, std::int64_t user_id,
                            survey_answer const& answer);

/// Every response of the survey, in the order of their random ids.
std::vector<survey_answer> responses(store::database& db, std::int64_t survey_id);

/// A survey open to a candidate: of an exam they submitted, with whether they answered.
struct open_survey {
    survey_record survey;
    std::string exam_title;
    bool answered = false;
};

/// The open surveys of the exams the candidate has submitted, newest exam first.
std::vector<open_survey> surveys_for(store::database& db, std::int64_t user_id);

} // namespace phongthi::server::survey_store
