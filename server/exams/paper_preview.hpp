#pragma once

#include <nlohmann/json.hpp>

#include <cstdint>
#include <optional>
#include <string>

namespace phongthi::store {
class database;
}

/// A paper of an exam drawn for the lecturer before the exam, exactly as the exam runtime would
/// draw it for a candidate with the same seed or variant, shown with its key.
namespace phongthi::server::paper_preview {

/// What the lecturer asked for: a seed (decimal text) for an exam of per-candidate papers, a
/// variant code ("101") for an exam of fixed variants; a random one when absent.
struct request {
    std::optional<std::string> seed;
    std::optional<std::string> variant;
};

/// The drawn paper (status 200), or why not: 404 exam_not_found; 400 invalid_field with the
/// field (seed or variant); 409 invalid_state when the exam has no usable blueprint; 422
/// blueprint_short with the check (the shortages and their sentences, as publishing gives them).
struct outcome {
    int status = 200;
    std::string code;
    nlohmann::json body;        ///< the paper, or the error's extra members
    bool fixed_variant = false; ///< the paper is one of the exam's fixed variants
};

/// Draws the paper from the published blueprint's frozen pool, or for a draft from the latest
/// blueprint and the banks' current questions: {"exam":{id,title,state},"source":"published"|
/// "draft","blueprint_revision","paper_mode","seed" (decimal text, per-candidate papers only),
/// "variant" (code, fixed variants only),"variant_codes":[...],"total_points","questions":[{n,
/// question_id, revision, topic, level, stem, format, multiple, points, voided, explanation,
/// options:[{index, text, correct}] in paper order, media:[{name, mime_type, data (base64)}]}]}.
/// The key is the exam's, with its key corrections. Reads only; any connection.
outcome draw(store::database& db, std::int64_t exam_id, request const& asked);

} // namespace phongthi::server::paper_preview
