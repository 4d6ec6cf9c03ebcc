#pragma once

#include "question-bank/question.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace phongthi::store {
class database;
}

/// SQL for question banks. Writes run inside a writer job, reads on a read connection.
/// A question's content lives in immutable revisions: an edit adds a revision, so attempts
/// keep the wording they were given.
namespace phongthi::server::bank_store {

struct bank_summary {
    std::int64_t id = 0;
    std::string name;
    std::string description;
    std::int64_t question_count = 0; ///< live (not retired) questions
    std::int64_t created_at = 0;
};

/// A question as stored: its identity, current revision and content.
struct stored_question {
    std::int64_t id = 0;
    std::int64_t bank_id = 0;
    std::int64_t revision_id = 0;
    int revision = 0;
    bool retired = false;
    bank::question content;
};

/// Which questions a list shows.
struct question_filter {
    std::string topic;                       ///< exact topic, "" for all
    std::optional<bank::cognitive_level> level;
    std::string text;                        ///< found in stem or options, any case
    bool include_retired = false;
    int limit = 200;
    int offset = 0;
};

/// Inserts a bank and its questions, each as revision 1; returns the bank id. Throws
/// store::sqlite_error (unique violation) when the name is taken.
std::int64_t insert_bank(store::database& db, std::string_view name, std::string_view description,
                         std::optional<std::int64_t> owner_id,
                         std::vector<bank::question> const& questions, std::int64_t now);
/// Adds questions to an existing bank, each as revision 1; returns their ids in order.
std::vector<std::int64_t> add_questions(store::database& db, std::int64_t bank_id, std::optional<std::int64_t> author_id,
                   std::vector<bank::question> const& questions, std::int64_t now);

std::vector<bank_summary> list_banks(store::database& db);
std::optional<bank_summary> find_bank(store::database& db, std::int64_t id);
std::optional<bank_summary> find_bank_by_name(store::database& db, std::string_view name);

std::vector<stored_question> list_questions(store::database& db, std::int64_t bank_id,
                                            question_filter const& filter);
/// The question with its current revision (pictures included).
std::optional<stored_question> find_question(store::database& db, std::int64_t question_id);
/// The content of one revision, as an attempt was given it.
std::optional<bank::question> load_revision(store::database& db, std::int64_t revision_id);
/// Every live question of a bank in its current revision, in insertion order (for export).
std::vector<bank::question> load_bank_questions(store::database& db, std::int64_t bank_id);

/// Stores `content` as the question's next revision; returns the new revision number, or
/// nullopt when there is no such question.
std::optional<int> revise_question(store::database& db, std::int64_t question_id,
                                   bank::question const& content,
                                   std::optional<std::int64_t> author_id, std::int64_t now);
/// Retires (or restores) a question: it stays for the attempts that used it, but is no longer
/// drawn. False when there is no such question.
bool set_retired(store::database& db, std::int64_t question_id, bool retired, std::int64_t now);

/// Number of live (not retired) questions in a bank.
std::int64_t count_questions(store::database& db, std::int64_t bank_id);

} // namespace phongthi::server::bank_store
