// Merging a candidate's saved answer file: the offline fallback of docs/EXAMS.md.
#include "server/accounts/account_store.hpp"
#include "server/api/api_support.hpp"
#include "server/banks/bank_store.hpp"
#include "server/exams/exam_runtime.hpp"
#include "server/exams/live_exam.hpp"
#include "server/exams/paper_codec.hpp"
#include "server/exams/runtime_messages.hpp"
#include "server/store/data_store.hpp"

#include <algorithm>

namespace phongthi::server {

namespace {

constexpr std::size_t max_file_answers = 1000;

/// A member that is an integer, or nullopt (absent or of another type).
std::optional<std::int64_t> integer_member(json const& object, std::string_view key) {
    auto const found = object.find(key);
    if (found == object.end() || !found->is_number_integer())
        return std::nullopt;
    return found->get<std::int64_t>();
}

struct merge_counts {
    int merged = 0;
    int stale = 0;
    int refused = 0;
};

/// What an answer file says, checked against the attempt's paper; bad entries are counted.
std::vector<exam_store::answer_record> read_answers(json const& answers, std::int64_t attempt_id,
                                                    bank::paper const& paper,
                                                    std::function<bool(std::int64_t)> const& multiple,
                                                    merge_counts& counts, std::int64_t now) {
    std::vector<exam_store::answer_record> records;
    for (auto const& entry : answers) {
        if (!entry.is_object()) {
            ++counts.refused;
            continue;
        }
        // -1 marks a member that is missing or not an integer.
        auto const n = integer_member(entry, "n").value_or(-1);
        auto const seq = integer_member(entry, "seq").value_or(-1);
        auto const ids = entry.find("choice");
        auto const flag = entry.find("flag");
        if (n < 0 || static_cast<std::uint64_t>(n) >= paper.items.size() || seq <= 0 ||
            ids == entry.end() || !ids->is_array() || (flag != entry.end() && !flag->is_boolean())) {
            ++counts.refused;
            continue;
        }
        auto const& item = paper.items[static_cast<std::size_t>(n)];
        std::vector<int> choice;
        bool known = true;
        for (auto const& id : *ids) {
            auto const at = id.is_string() ? std::find(item.option_ids.begin(), item.option_ids.end(),
                                                       id.get<std::string>())
                                           : item.option_ids.end();
            if (at == item.option_ids.end()) {
                known = false;
                break;
            }
            choice.push_back(item.option_order[static_cast<std::size_t>(at - item.option_ids.begin())]);
        }
        std::sort(choice.begin(), choice.end());
        choice.erase(std::unique(choice.begin(), choice.end()), choice.end());
        if (!known || (choice.size() > 1 && !multiple(item.revision_id))) {
            ++counts.refused;
            continue;
        }
        records.push_back({attempt_id, static_cast<int>(n), std::move(choice), seq,
                           flag != entry.end() && flag->get<bool>(), now});
    }
    return records;
}

} // namespace

void exam_runtime::merge_answer_file(std::int64_t exam_id, json const& uploaded, actor const& who,
                                     action_done done) {
    auto const bad = [&](std::string field) {
        done({400, "invalid_field", {{"field", std::move(field)}}});
    };
    json opened;
    auto const outer_format = uploaded.find("format");
    if (outer_format != uploaded.end() && *outer_format == answer_file_crypto::sealed_format) {
        if (integer_member(uploaded, "version") != 2)
            return bad("version");
        std::string field;
        auto inner = answer_file_crypto::open(uploaded, answer_key_, field);
        if (!inner)
            return bad(field);
        opened = std::move(*inner);
    }
    json const& file = opened.is_null() ? uploaded : opened;
    auto const format = file.find("format");
    if (format == file.end() || *format != "phongthi-answers" || integer_member(file, "version") != 1)
        return bad("format");
    if (integer_member(file, "exam") != exam_id)
        return bad("exam");
    auto const attempt_id = integer_member(file, "attempt").value_or(0);
    auto const answers = file.find("answers");
    if (answers == file.end() || !answers->is_array() || answers->size() > max_file_answers)
        return bad("answers");
    auto const username = file.find("username");
    std::string const uploaded_for =
        username != file.end() && username->is_string() ? username->get<std::string>() : "";

    auto const row = store_.read_side().with(
        [&](store::database& db) { return exam_store::find_attempt(db, attempt_id); });
    auto const owner = row ? store_.read_side().with([&](store::database& db) {
        return exam_store::exam_of_attempt(db, attempt_id);
    })
                           : std::nullopt;
    if (!row || owner != exam_id)
        return bad("attempt");
    if (row->state == "voided")
        return done({409, "not_running"});
    auto const paper = paper_codec::paper_from_json(row->paper);
    if (!paper)
        return bad("attempt");

    auto const multiple = [this](std::int64_t revision_id) {
        auto const content = store_.read_side().with(
            [&](store::database& db) { return bank_store::load_revision(db, revision_id); });
        return content && content->is_multiple_answer();
    };
    auto const counts = std::make_shared<merge_counts>();
    auto records = read_answers(*answers, attempt_id, *paper, multiple, *counts, now_ms());

    // A live attempt keeps its memory in step with what the file brings.
    if (auto const exam = find_live(exam_id)) {
        std::lock_guard lock(exam->mutex);
        if (auto const user = exam->attempt_users.find(attempt_id); user != exam->attempt_users.end()) {
            auto& candidate = exam->candidates[user->second];
            if (auto const& a = candidate.attempt; a && a->id == attempt_id) {
                for (auto const& r : records) {
                    auto& slot = a->answers[static_cast<std::size_t>(r.position)];
                    if (r.seq <= slot.seq)
                        continue;
                    a->answered += (r.choice.empty() ? 0 : 1) - (slot.choice.empty() ? 0 : 1);
                    slot = {r.seq, r.choice, r.flagged};
                    a->last_seq = std::max(a->last_seq, r.seq);
                }
                push_row(*exam, candidate);
            }
        }
    }

    store_.write_side().submit(
        [records = std::move(records), counts, attempt_id, who,
         username = uploaded_for](store::database& db) {
            for (auto const& r : records)
                ++(exam_store::save_answer(db, r) ? counts->merged : counts->stale);
            json const detail = {{"merged", counts->merged},
                                 {"stale", counts->stale},
                                 {"refused", counts->refused},
                                 {"username", username}};
            auto const now = now_ms();
            exam_store::add_event(db, attempt_id, "answer_file", detail, who.user_id, who.address, now);
            account_store::append_audit(db, who, "attempt.answer_file",
                                        "attempt:" + std::to_string(attempt_id), detail.dump(), now);
        },
        [counts, done = std::move(done)](std::exception_ptr error) {
            if (error)
                return done({500, "internal"});
            done({200, "",
                  {{"merged", counts->merged}, {"stale", counts->stale}, {"refused", counts->refused}}});
        });
}

} // namespace phongthi::server
