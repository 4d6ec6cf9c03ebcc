#pragma once

#include "server/accounts/user.hpp"
#include "server/bundles/bundle_problem.hpp"

#include <nlohmann/json.hpp>

#include <cstdint>
#include <optional>
#include <string>

namespace phongthi::store {
class database;
}

/// The body of a result bundle: everything another server needs to show, re-grade and print the
/// results of one exam (docs/DEPLOY.md, "Carrying results to the province"). Ids in the body are
/// the source server's; the importer maps them.
namespace phongthi::server::bundle_document {

/// Whether an exam can be exported: there is none, it is not closed yet, or it can.
enum class availability { missing, not_closed, ready };

/// Reads only; any connection.
availability exportable(store::database& db, std::int64_t exam_id);

/// The document line (bundle_file::document_text) of a closed exam, its header naming the
/// signer `fingerprint`: {exam, class (with its course), units, learners (candidates enrolled or
/// with an attempt, with their enrollment), sessions, attendance, questions (the revisions on
/// the papers and the corrected ones, with their keys and pictures), corrections, attempts (with
/// paper, answers, scores and grading), results (ranks and classifications as computed here)}.
/// Reads only; any connection.
std::string document(store::database& db, std::int64_t exam_id, std::string const& fingerprint,
                     std::int64_t now);

/// Audits an export as exam.export with the file's SHA-256. Inside a writer job.
void audit_export(store::database& db, std::int64_t exam_id, std::string const& sha256,
                  actor const& who, std::int64_t now);

/// What does not hold together in a body: a missing section, or an attempt, answer or attendance
/// naming a learner, question or session that is not in the bundle. nullopt when consistent.
std::optional<bundle_problem> inconsistency(nlohmann::json const& body);

/// {learners, attempts, answers, questions, corrections} of a body.
nlohmann::json counts(nlohmann::json const& body);

} // namespace phongthi::server::bundle_document
