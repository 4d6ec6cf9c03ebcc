#pragma once

#include "server/exams/live_exam.hpp"

#include <nlohmann/json.hpp>

#include <functional>
#include <string_view>

// The JSON the runtime sends, built from its in-memory state (docs/PROTOCOL.md).
namespace phongthi::server::runtime_messages {

/// Sends `message` to the link's peer if it is still there.
void send(exam_link const& link, nlohmann::json const& message);
/// {"t":"error","code","message"} in the link's language.
void send_error(exam_link const& link, std::string_view code);
void send_nack(exam_link const& link, std::int64_t seq, std::string_view code);

/// Loads a revision's content (on a read connection).
using revision_loader =
    std::function<std::shared_ptr<bank::question const>(std::int64_t revision_id)>;

/// The candidate's paper: questions without the key, and every saved answer.
nlohmann::json paper(live_exam const& exam, live_attempt const& attempt,
                     revision_loader const& load, std::int64_t now);
/// The option ids of a stored choice, as the paper shows them.
nlohmann::json choice_ids(bank::paper_item const& item, std::vector<int> const& choice);

nlohmann::json exam_summary(live_exam const& exam);
/// One row of the proctor's room table.
nlohmann::json candidate_row(live_exam const& exam, live_candidate const& who, std::int64_t now);
nlohmann::json room(live_exam const& exam, std::int64_t now);
nlohmann::json clock(live_attempt const& attempt, std::string_view reason, std::int64_t now);
/// `result` is what the exam lets the candidate see now (null: nothing).
nlohmann::json submitted(live_attempt const& attempt, nlohmann::json const& result = nullptr);

} // namespace phongthi::server::runtime_messages
