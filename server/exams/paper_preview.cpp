#include "server/exams/paper_preview.hpp"

#include "question-bank/base64.hpp"
#include "server/api/exam_json.hpp"
#include "server/banks/bank_store.hpp"
#include "server/exams/exam_definition.hpp"
#include "server/exams/exam_secret.hpp"
#include "server/exams/paper_codec.hpp"
#include "server/results/attempt_grader.hpp"
#include "server/store/database.hpp"

#include <algorithm>
#include <charconv>

namespace phongthi::server::paper_preview {

namespace {

using json = nlohmann::json;

/// A whole decimal number of `text` (digits only), or nullopt.
std::optional<std::uint64_t> decimal_of(std::string const& text) {
    std::uint64_t value = 0;
    auto const [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (text.empty() || error != std::errc() || end != text.data() + text.size())
        return std::nullopt;
    return value;
}

outcome refused(int status, std::string code, json extra = json::object()) {
    return {status, std::move(code), std::move(extra), false};
}

/// One question of the paper as the candidate sees it, with the key for staff.
json preview_question(std::size_t n, bank::paper_item const& item, bank::question const& content,
                      scoring::question_key const& key) {
    json options = json::array();
    for (auto const index : item.option_order) {
        auto const i = static_cast<std::size_t>(index);
        if (i >= content.options.size())
            continue;
        options.push_back({{"index", index},
                           {"text", content.options[i].text},
                           {"correct", i < key.weights.size() && key.weights[i] > 0}});
    }
    json media = json::array();
    for (auto const& file : content.media)
        media.push_back({{"name", file.name},
                         {"mime_type", file.mime_type},
                         {"data", bank::base64_encode(file.data)}});
    return {{"n", n},
            {"question_id", item.question_id},
            {"revision", item.revision_id},
            {"topic", content.topic},
            {"level", bank::level_key(content.level)},
            {"stem", content.stem},
            {"format", content.format == bank::text_format::html ? "html" : "plain"},
            {"multiple", content.is_multiple_answer()},
            {"points", item.points},
            {"voided", key.voided},
            {"explanation", content.explanation},
            {"options", std::move(options)},
            {"media", std::move(media)}};
}

} // namespace

outcome draw(store::database& db, std::int64_t exam_id, request const& asked) {
    auto const exam = exam_store::find_exam(db, exam_id);
    if (!exam)
        return refused(404, "exam_not_found");
    auto const settings = parse_exam_settings(exam->settings).value;
    bool const variants = settings.mode == paper_mode::variants;
    auto const variant_count = std::max(1, settings.variant_count);
    // Drawn from what the runtime would draw from: the published revision, else the draft's.
    auto const bp = exam->published_blueprint_id
                        ? exam_store::find_blueprint(db, *exam->published_blueprint_id)
                        : exam_store::latest_blueprint(db, exam_id);
    auto const source = bp ? paper_source_of(db, bp->spec) : std::nullopt;
    if (!source)
        return refused(409, "invalid_state", {{"reason", "no_blueprint"}});

    std::uint64_t seed = 0;
    int variant = -1;
    if (variants) {
        if (asked.seed)
            return refused(400, "invalid_field", {{"field", "seed"}});
        auto const code = asked.variant ? decimal_of(*asked.variant) : std::nullopt;
        if (asked.variant &&
            (!code || *code < 101 || *code >= 101 + static_cast<std::uint64_t>(variant_count)))
            return refused(400, "invalid_field", {{"field", "variant"}});
        variant = code ? static_cast<int>(*code - 101)
                       : static_cast<int>(exam_secret::random_seed() %
                                          static_cast<std::uint64_t>(variant_count));
        seed = exam_secret::variant_seed(exam->secret, variant);
    } else {
        if (asked.variant)
            return refused(400, "invalid_field", {{"field", "variant"}});
        auto const given = asked.seed ? decimal_of(*asked.seed) : std::nullopt;
        if (asked.seed && !given)
            return refused(400, "invalid_field", {{"field", "seed"}});
        seed = given ? *given : exam_secret::random_seed();
    }

    auto const drawn = bank::draw_paper(source->plan, source->pool, seed);
    if (!drawn.value)
        return refused(422, "blueprint_short", to_json(check_against(source->plan, source->pool)));
    auto const paper = paper_codec::paper_to_json(*drawn.value);
    auto const keys = attempt_grader::keys_of(db, paper, key_corrections::current(db, exam_id));
    json questions = json::array();
    double total = 0;
    for (std::size_t n = 0; n < drawn.value->items.size(); ++n) {
        auto const& item = drawn.value->items[n];
        auto const content = bank_store::load_revision(db, item.revision_id);
        if (!content)
            continue;
        total += item.points;
        questions.push_back(preview_question(n, item, *content, keys[n]));
    }
    json codes = json::array();
    for (int i = 0; variants && i < variant_count; ++i)
        codes.push_back(bank::variant_code(i));
    json body = {{"exam", {{"id", exam->id}, {"title", exam->title}, {"state", exam->state}}},
                 {"source", source->frozen ? "published" : "draft"},
                 {"blueprint_revision", bp->revision},
                 {"paper_mode", variants ? "variants" : "per_candidate"},
                 {"seed", variants ? json(nullptr) : json(std::to_string(seed))},
                 {"variant", variants ? json(bank::variant_code(variant)) : json(nullptr)},
                 {"variant_codes", std::move(codes)},
                 {"total_points", total},
                 {"questions", std::move(questions)}};
    return {200, "", std::move(body), variants};
}

} // namespace phongthi::server::paper_preview
