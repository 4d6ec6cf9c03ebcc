#pragma once

#include "question-bank/paper.hpp"
#include "scoring/login_cards.hpp"
#include "scoring/printable_papers.hpp"
#include "server/accounts/user.hpp"

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace phongthi::store {
class database;
}

/// What is printed for the day of an exam: login cards for its class, and its paper variants
/// with their answer keys (the fallback when the network fails). Reads on any connection of the
/// caller's thread; writes inside a writer job.
namespace phongthi::server::printables {

/// The exam's login cards, in list order, with its title. The password box is filled for the
/// learners in `passwords` (by user id) and blank for the others.
struct cards {
    std::string title;
    std::vector<scoring::login_card> list;
};
/// nullopt: no such exam.
std::optional<cards> login_cards(store::database& db, std::int64_t exam_id,
                                 std::map<std::int64_t, std::string> const& passwords);

/// The learners of the exam's class (enrolled candidates) who have never signed in.
std::vector<std::int64_t> never_signed_in(store::database& db, std::int64_t exam_id);

/// Sets each learner's new password hash (by user id), to be changed at first login, for those
/// who still have never signed in; audited (when any is) as exam.cards_reset with their
/// usernames. Returns the ids that were reset. Inside a writer job.
std::vector<std::int64_t> reset_passwords(store::database& db, std::int64_t exam_id,
                                          std::map<std::int64_t, std::string> const& hashes,
                                          actor const& who, std::int64_t now);

/// The plan and frozen pool of an exam's published blueprint, as the exam runtime draws from.
struct published_blueprint {
    std::int64_t id = 0;
    bank::blueprint plan;
    std::vector<bank::pool_entry> pool;
};
/// nullopt when the exam has no published blueprint or it cannot be read.
std::optional<published_blueprint> find_published(store::database& db, std::int64_t exam_id);

/// The printable variants of an exam: variant i drawn from the published blueprint's frozen pool
/// with the exam's seed for variant i (exactly the papers of a variants exam), settings'
/// variant_count of them; the key with the exam's key corrections.
struct papers {
    scoring::paper_header header;
    std::vector<scoring::paper_variant> variants;
};
/// The outcome: no such exam, no published blueprint (or its pool cannot fill it), or papers.
struct papers_outcome {
    bool found = false;
    std::optional<papers> value;
};
papers_outcome paper_variants(store::database& db, std::int64_t exam_id);

/// Writes "exam.print" to the audit log with what was printed (papers or keys). Inside a writer
/// job.
void audit_print(store::database& db, std::int64_t exam_id, std::string_view what, actor const& who,
                 std::int64_t now);

} // namespace phongthi::server::printables
