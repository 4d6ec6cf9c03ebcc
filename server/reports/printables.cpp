#include "server/reports/printables.hpp"

#include "question-bank/html_sanitizer.hpp"
#include "server/accounts/account_store.hpp"
#include "server/banks/bank_store.hpp"
#include "server/exams/exam_secret.hpp"
#include "server/exams/paper_codec.hpp"
#include "server/reports/report_data.hpp"
#include "server/reports/report_settings.hpp"
#include "server/results/attempt_grader.hpp"
#include "server/store/database.hpp"

#include <algorithm>

namespace phongthi::server::printables {

namespace {

using nlohmann::json;

std::string plain(std::string const& text, bank::question const& q) {
    return q.format == bank::text_format::html ? bank::html_to_text(text) : text;
}

/// One drawn paper as printed: texts from the drawn revisions, options in the paper's order, the
/// key as graded (corrections applied).
scoring::paper_variant
variant_of(store::database& db, bank::paper const& paper, std::string code,
           std::map<std::int64_t, key_corrections::correction> const& corrections) {
    auto const keys = attempt_grader::keys_of(db, paper_codec::paper_to_json(paper), corrections);
    scoring::paper_variant variant{std::move(code), {}};
    for (std::size_t n = 0; n < paper.items.size(); ++n) {
        auto const& item = paper.items[n];
        auto const content = bank_store::load_revision(db, item.revision_id);
        if (!content)
            continue;
        scoring::printable_question q{plain(content->stem, *content), {}, {}, item.points};
        for (auto const index : item.option_order) {
            auto const i = static_cast<std::size_t>(index);
            if (i >= content->options.size())
                continue;
            q.options.push_back(plain(content->options[i].text, *content));
            q.correct.push_back(i < keys[n].weights.size() && keys[n].weights[i] > 0);
        }
        variant.questions.push_back(std::move(q));
    }
    return variant;
}

} // namespace

std::optional<cards> login_cards(store::database& db, std::int64_t exam_id,
                                 std::map<std::int64_t, std::string> const& passwords) {
    auto const context = report_data::find_context(db, exam_id);
    if (!context)
        return std::nullopt;
    cards out{context->exam.title, {}};
    auto code = db.prepare("SELECT COALESCE(candidate_code, username) FROM users WHERE id = ?1");
    for (auto const& learner :
         exam_store::class_roster(db, context->exam.class_id, context->exam.room_id)) {
        code.reset();
        code.bind(1, learner.user_id);
        code.step();
        auto const password = passwords.find(learner.user_id);
        out.list.push_back({learner.full_name, learner.unit, context->class_name, learner.username,
                            password == passwords.end() ? "" : password->second, learner.seat_label,
                            code.column_text(0)});
    }
    return out;
}

std::vector<std::int64_t> never_signed_in(store::database& db, std::int64_t exam_id) {
    auto query = db.prepare(
        "SELECT e.user_id FROM exams x JOIN enrollments e ON e.class_id = x.class_id "
        "JOIN users u ON u.id = e.user_id WHERE x.id = ?1 AND e.status = 'enrolled' "
        "AND u.role = 'candidate' AND u.disabled = 0 "
        "AND NOT EXISTS (SELECT 1 FROM sessions s WHERE s.user_id = u.id) ORDER BY e.user_id");
    query.bind(1, exam_id);
    std::vector<std::int64_t> ids;
    while (query.step())
        ids.push_back(query.column_int64(0));
    return ids;
}

std::vector<std::int64_t> reset_passwords(store::database& db, std::int64_t exam_id,
                                          std::map<std::int64_t, std::string> const& hashes,
                                          actor const& who, std::int64_t now) {
    std::vector<std::int64_t> reset;
    json usernames = json::array();
    for (auto const id : never_signed_in(db, exam_id)) {
        auto const hash = hashes.find(id);
        if (hash == hashes.end() || !account_store::set_password(db, id, hash->second, true, now))
            continue;
        reset.push_back(id);
        if (auto const user = account_store::find_user(db, id))
            usernames.push_back(user->username);
    }
    if (!reset.empty())
        account_store::append_audit(db, who, "exam.cards_reset", "exam:" + std::to_string(exam_id),
                                    json{{"users", std::move(usernames)}}.dump(), now);
    return reset;
}

std::optional<published_blueprint> find_published(store::database& db, std::int64_t exam_id) {
    auto const exam = exam_store::find_exam(db, exam_id);
    auto const bp = exam && exam->published_blueprint_id
                        ? exam_store::find_blueprint(db, *exam->published_blueprint_id)
                        : std::nullopt;
    if (!bp)
        return std::nullopt;
    json spec = bp->spec;
    auto pool = paper_codec::pool_from_json(spec.contains("pool") ? spec["pool"] : json());
    spec.erase("pool");
    spec.erase("bank_ids");
    auto plan = bank::parse_blueprint(spec);
    if (!plan.value || !pool)
        return std::nullopt;
    return published_blueprint{bp->id, std::move(*plan.value), std::move(*pool)};
}

papers_outcome paper_variants(store::database& db, std::int64_t exam_id) {
    auto const context = report_data::find_context(db, exam_id);
    if (!context)
        return {};
    auto const published = find_published(db, exam_id);
    if (!published)
        return {true, std::nullopt};
    papers out;
    out.header.issuing_body = report_settings::issuing_body(report_settings::read_header(db));
    out.header.exam_title = context->exam.title;
    out.header.course = context->course_name + " — " + context->class_name;
    out.header.duration_minutes = context->settings.duration_minutes;
    auto const corrections = key_corrections::current(db, exam_id);
    for (int i = 0; i < std::max(1, context->settings.variant_count); ++i) {
        auto const seed = exam_secret::variant_seed(context->exam.secret, i);
        auto drawn = bank::draw_paper(published->plan, published->pool, seed);
        if (!drawn.value)
            return {true, std::nullopt};
        out.variants.push_back(variant_of(db, *drawn.value, bank::variant_code(i), corrections));
    }
    return {true, std::move(out)};
}

void audit_print(store::database& db, std::int64_t exam_id, std::string_view what, actor const& who,
                 std::int64_t now) {
    account_store::append_audit(db, who, "exam.print", "exam:" + std::to_string(exam_id),
                                json{{"what", what}}.dump(), now);
}

} // namespace phongthi::server::printables
