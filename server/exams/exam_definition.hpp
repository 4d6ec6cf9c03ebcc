#pragma once

#include "question-bank/paper.hpp"
#include "server/exams/exam_settings.hpp"
#include "server/exams/exam_store.hpp"

#include <nlohmann/json.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace phongthi::store {
class database;
}

namespace phongthi::server {

/// What a lecturer sends to create or change an exam (docs/EXAMS.md), checked.
struct exam_definition {
    exam_store::exam_record exam; ///< class_id, title, settings, window
    std::vector<std::int64_t> bank_ids;
    nlohmann::json blueprint_spec; ///< normalized: bank_ids and the parsed blueprint
};

/// A member of the definition that is wrong, with the catalogue code of why.
struct definition_error {
    std::string field;
    std::string code;
};

struct definition_parse {
    std::optional<exam_definition> value;
    std::vector<definition_error> errors;
};

/// Reads {class_id, title, settings, blueprint, opens_at, closes_at}; every problem is listed.
definition_parse parse_definition(nlohmann::json const& body);

/// Whether the banks of a blueprint spec can fill it now.
struct exam_check {
    std::vector<bank::shortage> shortages;
    std::size_t pool_size = 0;
    std::string message_vi; ///< empty when nothing is short
    std::string message_en;

    /// Nothing short and the blueprint usable.
    bool ok() const noexcept { return message_en.empty(); }
};

/// Checks a plan against a pool: any seed shows the shortages, which do not depend on it. Pure.
exam_check check_against(bank::blueprint const& plan, std::vector<bank::pool_entry> const& pool);

/// Checks a blueprint spec against the current questions of its banks.
exam_check check_blueprint(store::database& db, nlohmann::json const& spec);

/// What a paper of a blueprint spec is drawn from: its plan, and its frozen pool when it has one
/// (a published revision, exactly what the exam runtime draws from), else the current questions
/// of its banks.
struct paper_source {
    bank::blueprint plan;
    std::vector<bank::pool_entry> pool;
    bool frozen = false;
};

/// The source of a stored blueprint spec; nullopt when the spec is no blueprint (or its frozen
/// pool cannot be read). Reads only.
std::optional<paper_source> paper_source_of(store::database& db, nlohmann::json const& spec);

/// Freezes the banks' current questions into a new blueprint revision of the exam and makes it
/// the published one, unless the pool is short (then nothing is written). Inside a writer job.
exam_check publish_blueprint(store::database& db, std::int64_t exam_id, nlohmann::json const& spec,
                             std::optional<std::int64_t> author_id, std::int64_t now);

} // namespace phongthi::server
