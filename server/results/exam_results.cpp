#include "server/results/exam_results.hpp"

#include "scoring/classification.hpp"
#include "scoring/item_analysis.hpp"
#include "scoring/ranking.hpp"
#include "server/accounts/account_store.hpp"
#include "server/api/api_support.hpp"
#include "server/banks/bank_store.hpp"
#include "server/classroom/attendance_store.hpp"
#include "server/course/conduct_store.hpp"
#include "server/exams/exam_settings.hpp"
#include "server/exams/exam_store.hpp"
#include "server/results/attempt_grader.hpp"
#include "server/store/database.hpp"

#include <algorithm>
#include <map>
#include <set>

namespace phongthi::server::exam_results {

namespace {

bool finished(std::string const& state) {
    return state == "submitted" || state == "auto_submitted";
}

/// A learner of the class with their newest attempt (if any).
struct learner {
    std::int64_t user_id = 0;
    std::string username, full_name, birth_date, unit_code, unit_name;
    int list_number = 0;
    std::string conduct; ///< the conduct grade key, empty while not graded
    std::optional<exam_store::attempt_record> attempt;
    std::optional<double> score, raw, max_raw;
};

std::vector<learner> learners_of(store::database& db, exam_store::exam_record const& exam,
                                 std::map<std::int64_t, score_override> const& as_if) {
    auto query = db.prepare(
        "SELECT u.id, u.username, u.full_name, COALESCE(u.birth_date, ''), COALESCE(un.code, ''), "
        "COALESCE(un.name, ''), COALESCE(e.list_number, 0), COALESCE(e.conduct_grade, '') "
        "FROM enrollments e "
        "JOIN users u ON u.id = e.user_id LEFT JOIN units un ON un.id = u.unit_id "
        "WHERE e.class_id = ?1 AND e.status = 'enrolled' AND u.role = 'candidate' "
        "ORDER BY COALESCE(e.list_number, 1e9), u.full_name, u.id");
    query.bind(1, exam.class_id);
    std::vector<learner> list;
    std::map<std::int64_t, std::size_t> by_user;
    while (query.step()) {
        by_user[query.column_int64(0)] = list.size();
        list.push_back({query.column_int64(0),
                        query.column_text(1),
                        query.column_text(2),
                        query.column_text(3),
                        query.column_text(4),
                        query.column_text(5),
                        static_cast<int>(query.column_int64(6)),
                        query.column_text(7),
                        std::nullopt,
                        {},
                        {},
                        {}});
    }
    auto scores = db.prepare("SELECT raw_score, score, grading FROM attempts WHERE id = ?1");
    for (auto& attempt : exam_store::exam_attempts(db, exam.id)) {
        auto const found = by_user.find(attempt.user_id);
        if (found == by_user.end() || attempt.state == "voided")
            continue;
        auto& who = list[found->second];
        scores.reset();
        scores.bind(1, attempt.id);
        if (scores.step() && !scores.is_null(1)) {
            who.raw = scores.column_double(0);
            who.score = scores.column_double(1);
            auto const grading = nlohmann::json::parse(scores.column_text(2), nullptr, false);
            if (grading.is_object())
                who.max_raw = grading.value("max_raw", 0.0);
        } else {
            who.raw = who.score = who.max_raw = std::nullopt;
        }
        if (auto const regraded = as_if.find(attempt.id); regraded != as_if.end()) {
            who.raw = regraded->second.raw;
            who.score = regraded->second.score;
        }
        who.attempt = std::move(attempt); // attempts come oldest first: the newest stays
    }
    return list;
}

/// The conduct grade classification looks at: none while the learner is not graded (or the key
/// is one the rules no longer know).
std::optional<std::string> conduct_key(std::string const& grade) {
    if (grade.empty() || !conduct_store::is_conduct_grade(grade))
        return std::nullopt;
    return grade;
}

json optional_number(std::optional<double> value) {
    return value ? json(*value) : json(nullptr);
}

json label_json(scoring::classification const& c) {
    json reasons = json::array();
    for (auto const& r : c.reasons)
        reasons.push_back({{"code", r.code}, {"vi", r.vi}, {"en", r.en}});
    return {{"key", c.label.key},
            {"vi", c.label.vi},
            {"en", c.label.en},
            {"passed", c.passed},
            {"reasons", std::move(reasons)}};
}

/// The default rules with the exam's own pass mark (on the rules' scale), so "passed" and the
/// class never disagree.
scoring::classification_rules rules_for(exam_settings const& settings) {
    auto rules = scoring::default_rules();
    rules.pass_mark = std::max(rules.pass_mark, settings.pass_mark * rules.scale / settings.scale);
    return rules;
}

std::vector<scoring::tie_breaker> tie_breakers_of(exam_settings const& settings) {
    std::vector<scoring::tie_breaker> rules;
    for (auto const rule : settings.tie_breakers)
        rules.push_back(rule == tie_rule::less_time ? scoring::tie_breaker::less_time
                                                    : scoring::tie_breaker::earlier_submission);
    return rules;
}

} // namespace

std::optional<json> results(store::database& db, std::int64_t exam_id) {
    return results(db, exam_id, {});
}

std::optional<json> results(store::database& db, std::int64_t exam_id,
                            std::map<std::int64_t, score_override> const& as_if) {
    auto const exam = exam_store::find_exam(db, exam_id);
    if (!exam)
        return std::nullopt;
    auto const settings = parse_exam_settings(exam->settings).value;
    auto const rules = rules_for(settings);
    auto const people = learners_of(db, *exam, as_if);
    auto const attendance = attendance_store::class_shares(db, exam->class_id, now_ms());

    std::vector<scoring::rank_entry> entries;
    std::vector<std::size_t> ranked_people;
    for (std::size_t i = 0; i < people.size(); ++i) {
        auto const& p = people[i];
        if (!p.score || !p.attempt || !finished(p.attempt->state))
            continue;
        auto const submitted = p.attempt->submitted_at.value_or(p.attempt->deadline_at);
        entries.push_back({std::to_string(p.user_id), p.full_name, p.unit_code, *p.score,
                           submitted - p.attempt->started_at - p.attempt->paused_ms, submitted});
        ranked_people.push_back(i);
    }
    auto const tie_breakers = tie_breakers_of(settings);
    std::map<std::size_t, scoring::ranked_entry> ranks;
    for (auto const& r : scoring::rank_entries(entries, tie_breakers))
        ranks[ranked_people[r.index]] = r;

    json rows = json::array();
    std::map<std::string, int> per_class;
    double sum = 0;
    int scored = 0, passed = 0;
    for (std::size_t i = 0; i < people.size(); ++i) {
        auto const& p = people[i];
        json row = {{"user", p.user_id},
                    {"list_number", p.list_number},
                    {"username", p.username},
                    {"full_name", p.full_name},
                    {"birth_date", p.birth_date},
                    {"unit_code", p.unit_code},
                    {"unit", p.unit_name},
                    {"attempt", p.attempt ? json(p.attempt->id) : json(nullptr)},
                    {"state", p.attempt ? p.attempt->state : "absent"},
                    {"variant", p.attempt && !p.attempt->variant_code.empty()
                                    ? json(p.attempt->variant_code)
                                    : json(nullptr)},
                    {"score", optional_number(p.score)},
                    {"raw", optional_number(p.raw)},
                    {"max_raw", optional_number(p.max_raw)},
                    {"class_rank", nullptr},
                    {"unit_rank", nullptr},
                    {"time_used_ms", nullptr},
                    {"submitted_at", nullptr},
                    {"classification", nullptr}};
        if (auto const r = ranks.find(i); r != ranks.end()) {
            auto const& entry = entries[r->second.index];
            row["class_rank"] = r->second.class_rank;
            row["unit_rank"] = r->second.unit_rank;
            row["time_used_ms"] = entry.time_used_ms;
            row["submitted_at"] = iso_utc(entry.submitted_at_ms);
            auto const c = scoring::classify(
                {*p.score, settings.scale,
                 attendance_store::share_for_classification(attendance, p.user_id),
                 conduct_key(p.conduct)},
                rules);
            row["classification"] = label_json(c);
            ++per_class[c.label.key];
            sum += *p.score;
            ++scored;
            passed += c.passed ? 1 : 0;
        }
        rows.push_back(std::move(row));
    }
    json counts = json::array(); // in the rules' order, best first
    for (auto const& band : rules.bands)
        counts.push_back({{"key", band.label.key},
                          {"vi", band.label.vi},
                          {"en", band.label.en},
                          {"count", per_class[band.label.key]}});
    counts.push_back({{"key", rules.fail.key},
                      {"vi", rules.fail.vi},
                      {"en", rules.fail.en},
                      {"count", per_class[rules.fail.key]}});
    auto const absent =
        std::count_if(people.begin(), people.end(), [](learner const& p) { return !p.attempt; });
    return json{
        {"exam",
         {{"id", exam->id},
          {"title", exam->title},
          {"state", exam->state},
          {"scale", settings.scale},
          {"pass_mark", settings.pass_mark}}},
        {"rules", {{"name", rules.name}, {"source", rules.source}}},
        {"rows", std::move(rows)},
        {"summary",
         {{"learners", people.size()},
          {"graded", scored},
          {"absent", absent},
          {"not_graded", static_cast<std::int64_t>(people.size()) - scored - absent},
          {"mean", scored ? json(sum / scored) : json(nullptr)},
          {"passed", passed},
          {"pass_rate", scored ? json(static_cast<double>(passed) / scored) : json(nullptr)},
          {"per_class", std::move(counts)}}}};
}

std::optional<json> statistics(store::database& db, std::int64_t exam_id) {
    auto const exam = exam_store::find_exam(db, exam_id);
    if (!exam)
        return std::nullopt;
    auto const corrections = key_corrections::current(db, exam_id);
    auto const settings = parse_exam_settings(exam->settings).value;
    auto const policy = attempt_grader::policy_of(settings);

    // Per question id: its key and each finished attempt's response, in first-seen order.
    struct column {
        std::int64_t question_id = 0;
        std::int64_t revision_id = 0;
        scoring::question_key key;
        std::map<std::size_t, std::pair<double, std::vector<int>>> answers; ///< by attempt row
    };
    std::vector<column> columns;
    std::map<std::int64_t, std::size_t> column_of;
    std::size_t attempts = 0;
    for (auto const& attempt : exam_store::exam_attempts(db, exam_id)) {
        if (!finished(attempt.state))
            continue;
        auto const keys = attempt_grader::keys_of(db, attempt.paper, corrections);
        auto const chosen = attempt_grader::choices_of(db, attempt.id, keys.size());
        for (std::size_t i = 0; i < keys.size(); ++i) {
            auto const qid = attempt.paper[i].value("q", std::int64_t{0});
            auto [at, added] = column_of.emplace(qid, columns.size());
            if (added)
                columns.push_back({qid, attempt.paper[i].value("r", std::int64_t{0}), keys[i], {}});
            auto const grade = scoring::grade_question(keys[i], chosen[i], policy);
            columns[at->second].answers[attempts] = {std::max(0.0, grade.fraction), chosen[i]};
        }
        ++attempts;
    }
    // Discrimination needs every candidate on every analysed question: the questions that are
    // on every paper are analysed together; the others only get their own counts.
    std::vector<std::size_t> common;
    for (std::size_t c = 0; c < columns.size(); ++c)
        if (columns[c].answers.size() == attempts)
            common.push_back(c);
    std::vector<scoring::question_key> keys;
    for (auto const c : common)
        keys.push_back(columns[c].key);
    std::vector<std::vector<scoring::item_response>> matrix(attempts);
    for (std::size_t a = 0; a < attempts; ++a)
        for (auto const c : common) {
            auto const& [fraction, chosen] = columns[c].answers.at(a);
            matrix[a].push_back({fraction, chosen, chosen.empty()});
        }
    auto const analysis = scoring::analyze_items(keys, matrix);

    auto optional = [](std::optional<double> v) { return v ? json(*v) : json(nullptr); };
    json items = json::array();
    for (std::size_t c = 0; c < columns.size(); ++c) {
        auto const& col = columns[c];
        auto const content = bank_store::load_revision(db, col.revision_id);
        auto const in_common = std::find(common.begin(), common.end(), c);
        json options = json::array();
        json item = {
            {"question_id", col.question_id},
            {"stem", content ? content->stem : ""},
            {"format", content && content->format == bank::text_format::html ? "html" : "plain"},
            {"topic", content ? content->topic : ""},
            {"candidates", col.answers.size()},
            {"voided", col.key.voided}};
        if (in_common != common.end()) {
            auto const& stats =
                analysis.items[static_cast<std::size_t>(in_common - common.begin())];
            for (std::size_t o = 0; o < stats.options.size(); ++o)
                options.push_back(
                    {{"text",
                      content && o < content->options.size() ? content->options[o].text : ""},
                     {"weight", o < col.key.weights.size() ? col.key.weights[o] : 0},
                     {"key", stats.options[o].key},
                     {"chosen", stats.options[o].chosen},
                     {"share", stats.options[o].share},
                     {"point_biserial", optional(stats.options[o].point_biserial)}});
            json flags = json::array();
            for (auto const f : stats.flags)
                flags.push_back(scoring::flag_key(f));
            item.update({{"difficulty", optional(stats.difficulty)},
                         {"point_biserial", optional(stats.point_biserial)},
                         {"corrected_point_biserial", optional(stats.corrected_point_biserial)},
                         {"upper_lower", optional(stats.upper_lower)},
                         {"unanswered_share", stats.unanswered_share},
                         {"flags", std::move(flags)}});
        } else {
            double sum = 0;
            int unanswered = 0;
            std::vector<int> counts(col.key.weights.size(), 0);
            for (auto const& [row, answer] : col.answers) {
                sum += answer.first;
                unanswered += answer.second.empty() ? 1 : 0;
                for (auto const o : answer.second)
                    if (o >= 0 && static_cast<std::size_t>(o) < counts.size())
                        ++counts[static_cast<std::size_t>(o)];
            }
            auto const n = static_cast<double>(col.answers.size());
            for (std::size_t o = 0; o < counts.size(); ++o)
                options.push_back(
                    {{"text",
                      content && o < content->options.size() ? content->options[o].text : ""},
                     {"weight", col.key.weights[o]},
                     {"key", col.key.weights[o] > 0},
                     {"chosen", counts[o]},
                     {"share", n > 0 ? counts[o] / n : 0.0},
                     {"point_biserial", nullptr}});
            item.update({{"difficulty", n > 0 ? json(sum / n) : json(nullptr)},
                         {"point_biserial", nullptr},
                         {"corrected_point_biserial", nullptr},
                         {"upper_lower", nullptr},
                         {"unanswered_share", n > 0 ? unanswered / n : 0.0},
                         {"flags", json::array({"not_on_every_paper"})}});
        }
        item["options"] = std::move(options);
        items.push_back(std::move(item));
    }
    auto const& t = analysis.test;
    return json{{"exam", {{"id", exam->id}, {"title", exam->title}}},
                {"attempts", attempts},
                {"test",
                 {{"questions_analysed", common.size()},
                  {"mean", optional(t.mean)},
                  {"standard_deviation", optional(t.standard_deviation)},
                  {"kr20", optional(t.kr20)},
                  {"alpha", optional(t.alpha)},
                  {"standard_error", optional(t.standard_error)}}},
                {"questions", std::move(items)}};
}

json review(store::database& db, std::int64_t attempt_id, bool with_key) {
    auto const attempt = exam_store::find_attempt(db, attempt_id);
    auto const exam_id = exam_store::exam_of_attempt(db, attempt_id);
    if (!attempt || !exam_id)
        return nullptr;
    // The key as graded: the exam's corrections applied.
    auto const keys =
        attempt_grader::keys_of(db, attempt->paper, key_corrections::current(db, *exam_id));
    auto const answers = attempt_grader::choices_of(db, attempt_id, attempt->paper.size());
    json questions = json::array();
    for (std::size_t n = 0; n < attempt->paper.size(); ++n) {
        auto const& item = attempt->paper[n];
        auto const revision = item.value("r", std::int64_t{0});
        auto const content = bank_store::load_revision(db, revision);
        if (!content)
            continue;
        auto const order = item.value("order", std::vector<int>{});
        json options = json::array();
        for (auto const index : order) {
            auto const i = static_cast<std::size_t>(index);
            if (i >= content->options.size())
                continue;
            json option = {{"text", content->options[i].text},
                           {"chosen", std::find(answers[n].begin(), answers[n].end(), index) !=
                                          answers[n].end()}};
            if (with_key)
                option["correct"] = i < keys[n].weights.size() && keys[n].weights[i] > 0;
            options.push_back(std::move(option));
        }
        json media = json::array();
        for (auto const& file : content->media)
            media.push_back({{"name", file.name},
                             {"url", "/api/attempts/" + std::to_string(attempt_id) + "/media/" +
                                         std::to_string(revision) + "/" + file.name}});
        json question = {{"n", n},
                         {"stem", content->stem},
                         {"format", content->format == bank::text_format::html ? "html" : "plain"},
                         {"options", std::move(options)},
                         {"media", std::move(media)}};
        if (with_key) {
            question["voided"] = keys[n].voided;
            if (!content->explanation.empty())
                question["explanation"] = content->explanation;
        }
        questions.push_back(std::move(question));
    }
    return {{"attempt", attempt_id}, {"with_key", with_key}, {"questions", std::move(questions)}};
}

json candidate_result(store::database& db, std::int64_t exam_id, std::int64_t user_id) {
    auto const exam = exam_store::find_exam(db, exam_id);
    auto const attempt = exam_store::latest_attempt(db, exam_id, user_id);
    if (!exam || !attempt || !finished(attempt->state))
        return nullptr;
    auto const settings = parse_exam_settings(exam->settings).value;
    bool const closed = exam->state == "closed" || exam->state == "archived";
    auto const shown = [&](disclosure when) {
        return when == disclosure::after_submit || (when == disclosure::after_close && closed);
    };
    if (!shown(settings.show_score))
        return nullptr;
    auto query =
        db.prepare("SELECT score, raw_score FROM attempts WHERE id = ?1 AND score IS NOT NULL");
    query.bind(1, attempt->id);
    if (!query.step())
        return nullptr;
    auto const score = query.column_double(0);
    auto const conduct = conduct_store::learner_conduct(db, exam->class_id, user_id);
    auto const c = scoring::classify(
        {score, settings.scale,
         attendance_store::share_for_classification(
             attendance_store::class_shares(db, exam->class_id, now_ms()), user_id),
         conduct_key(conduct)},
        rules_for(settings));
    // The key never reaches a browser before the exam is closed, whatever the setting says.
    return {{"attempt", attempt->id},
            {"score", score},
            {"scale", settings.scale},
            {"passed", c.passed},
            {"classification", label_json(c)},
            {"review_available", settings.show_answers != disclosure::never && closed}};
}

bool question_in_exam(store::database& db, std::int64_t exam_id, std::int64_t question_id) {
    auto const on = [&](json const& items) {
        return items.is_array() && std::any_of(items.begin(), items.end(), [&](json const& item) {
                   return item.is_object() && item.value("q", std::int64_t{0}) == question_id;
               });
    };
    auto const exam = exam_store::find_exam(db, exam_id);
    if (!exam)
        return false;
    if (exam->published_blueprint_id)
        if (auto const bp = exam_store::find_blueprint(db, *exam->published_blueprint_id);
            bp && bp->spec.contains("pool") && on(bp->spec["pool"]))
            return true;
    auto const attempts = exam_store::exam_attempts(db, exam_id);
    return std::any_of(attempts.begin(), attempts.end(),
                       [&](exam_store::attempt_record const& a) { return on(a.paper); });
}

namespace {

/// One finished attempt with the corrected question, graded as it would be.
struct regrade {
    exam_store::attempt_record attempt;
    json before; ///< the stored score, null when none
    scoring::attempt_grade after;
    bool changed = false;
};

/// Every finished attempt with the request's question, graded with the exam's corrections and
/// the request on top (as if it were the newest). Reads only.
std::vector<regrade> regrades_for(store::database& db, std::int64_t exam_id,
                                  correction_request const& request, std::int64_t now) {
    auto const exam = exam_store::find_exam(db, exam_id);
    if (!exam)
        return {};
    auto const settings = parse_exam_settings(exam->settings).value;
    auto corrections = key_corrections::current(db, exam_id);
    corrections[request.question_id] = {request.question_id, request.weights, request.void_mode,
                                        request.reason, now};
    auto stored = db.prepare("SELECT score FROM attempts WHERE id = ?1");
    std::vector<regrade> list;
    for (auto& attempt : exam_store::exam_attempts(db, exam_id)) {
        bool const has =
            std::any_of(attempt.paper.begin(), attempt.paper.end(), [&](json const& item) {
                return item.value("q", std::int64_t{0}) == request.question_id;
            });
        auto grade = has ? attempt_grader::grade(db, attempt, settings, corrections) : std::nullopt;
        if (!grade)
            continue;
        stored.reset();
        stored.bind(1, attempt.id);
        json old =
            stored.step() && !stored.is_null(0) ? json(stored.column_double(0)) : json(nullptr);
        bool const changed = old.is_null() || std::abs(old.get<double>() - grade->score) > 1e-9;
        list.push_back({std::move(attempt), std::move(old), std::move(*grade), changed});
    }
    return list;
}

/// {"attempt","user","before","after"} of a changed attempt.
json change_json(regrade const& r) {
    return {{"attempt", r.attempt.id},
            {"user", r.attempt.user_id},
            {"before", r.before},
            {"after", r.after.score}};
}

/// The results row of the candidate whose newest attempt is `attempt`, or null.
json const* row_of(json const& results, std::int64_t attempt) {
    for (auto const& row : results["rows"])
        if (row["attempt"] == attempt)
            return &row;
    return nullptr;
}

} // namespace

json preview_correction(store::database& db, std::int64_t exam_id,
                        correction_request const& request, std::int64_t now) {
    auto const regrades = regrades_for(db, exam_id, request, now);
    std::map<std::int64_t, score_override> as_if;
    for (auto const& r : regrades)
        as_if[r.attempt.id] = {r.after.raw, r.after.score};
    auto const before = results(db, exam_id).value_or(json{{"rows", json::array()}});
    auto const after = results(db, exam_id, as_if).value_or(json{{"rows", json::array()}});
    json changes = json::array();
    int changed = 0;
    for (auto const& r : regrades) {
        if (!r.changed)
            continue;
        ++changed;
        json change = change_json(r);
        auto const* was = row_of(before, r.attempt.id);
        auto const* will = row_of(after, r.attempt.id);
        change["full_name"] = was ? (*was)["full_name"] : json("");
        change["username"] = was ? (*was)["username"] : json("");
        change["class_before"] = was ? (*was)["classification"] : json(nullptr);
        change["class_after"] = will ? (*will)["classification"] : json(nullptr);
        change["rank_before"] = was ? (*was)["class_rank"] : json(nullptr);
        change["rank_after"] = will ? (*will)["class_rank"] : json(nullptr);
        changes.push_back(std::move(change));
    }
    int moved = 0;
    for (std::size_t i = 0; i < before["rows"].size() && i < after["rows"].size(); ++i)
        moved += before["rows"][i]["class_rank"] != after["rows"][i]["class_rank"] ? 1 : 0;
    return {{"dry_run", true},
            {"regraded", regrades.size()},
            {"changed", changed},
            {"ranks_moved", moved},
            {"attempts", std::move(changes)}};
}

json correct_key(store::database& db, std::int64_t exam_id, correction_request const& request,
                 actor const& who, std::int64_t now) {
    // Graded before the insert with the correction on top: the same as grading after it.
    auto const regrades = regrades_for(db, exam_id, request, now);
    key_corrections::insert(
        db, exam_id, {request.question_id, request.weights, request.void_mode, request.reason, now},
        who.user_id, now);
    json changes = json::array();
    for (auto const& r : regrades) {
        attempt_grader::store_grade(db, r.attempt, r.after);
        if (r.changed)
            changes.push_back(change_json(r));
    }
    auto const regraded = static_cast<int>(regrades.size());
    json const detail = {{"question_id", request.question_id},
                         {"weights", request.weights ? json(*request.weights) : json(nullptr)},
                         {"void", request.void_mode ? json(*request.void_mode) : json(nullptr)},
                         {"reason", request.reason},
                         {"regraded", regraded}};
    account_store::append_audit(db, who, "exam.key_correction", "exam:" + std::to_string(exam_id),
                                detail.dump(), now);
    for (auto const& change : changes)
        account_store::append_audit(
            db, who, "attempt.regrade",
            "attempt:" + std::to_string(change["attempt"].get<std::int64_t>()), change.dump(), now);
    return {{"regraded", regraded}, {"changed", changes.size()}, {"attempts", std::move(changes)}};
}

} // namespace phongthi::server::exam_results
