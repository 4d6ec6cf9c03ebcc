// The proctor's side of the exam runtime: open, start, pause/resume, extend and close the room,
// and act on one attempt. Every action is audited in the job that makes it durable, and `done`
// runs once it is.
#include "server/accounts/account_store.hpp"
#include "server/api/api_support.hpp"
#include "server/exams/exam_runtime.hpp"
#include "server/exams/exam_secret.hpp"
#include "server/exams/live_exam.hpp"
#include "server/exams/runtime_messages.hpp"
#include "server/net/http_server.hpp"
#include "server/store/data_store.hpp"

#include <array>

namespace phongthi::server {

namespace messages = runtime_messages;

namespace {

constexpr std::array<std::string_view, 5> irregularity_categories{
    "talking", "material", "device", "impersonation", "other"};

action_outcome failure(int status, std::string_view code, json extra = json::object()) {
    return {status, std::string(code), std::move(extra)};
}

/// Completion that reports success or the internal error to `done`.
auto reporting(action_done done) {
    return [done = std::move(done)](std::exception_ptr error) {
        done(error ? failure(500, "internal") : action_outcome{});
    };
}

std::string exam_target(std::int64_t id) {
    return "exam:" + std::to_string(id);
}

/// Whether the stored exam may go from state `from` to `to`: nullopt to go on, or the answer to
/// give at once (success when it is there already).
std::optional<action_outcome> refusal(std::optional<exam_store::exam_record> const& record,
                                      std::string_view from, std::string_view to) {
    if (!record)
        return failure(404, "exam_not_found");
    if (record->state == to)
        return action_outcome{};
    if (record->state != from)
        return failure(409, "invalid_state", {{"state", record->state}});
    return std::nullopt;
}

} // namespace

void exam_runtime::open_exam(std::int64_t exam_id, actor const& who, action_done done) {
    auto const record = store_.read_side().with(
        [&](store::database& db) { return exam_store::find_exam(db, exam_id); });
    if (auto const answer = refusal(record, "scheduled", "open"))
        return done(*answer);
    if (record->closes_at && now_ms() >= *record->closes_at)
        return done(failure(409, "exam_closed"));
    auto const now = now_ms();
    store_.write_side().submit(
        [exam_id, who, now, needs_secret = record->secret.empty()](store::database& db) {
            exam_store::set_exam_state(db, exam_id, "open");
            if (needs_secret)
                db.prepare("UPDATE exams SET secret = ?2 WHERE id = ?1")
                    .bind(1, exam_id)
                    .bind_blob(2, exam_secret::generate())
                    .run();
            account_store::append_audit(db, who, "exam.open", exam_target(exam_id), "", now);
        },
        [this, exam_id, done = std::move(done)](std::exception_ptr error) {
            if (error)
                return done(failure(500, "internal"));
            load_live(exam_id);
            done({});
        });
}

void exam_runtime::start_exam(std::int64_t exam_id, actor const& who, action_done done) {
    auto const exam = find_live(exam_id);
    if (!exam)
        return done(failure(409, "exam_not_open"));
    std::lock_guard lock(exam->mutex);
    if (exam->closed)
        return done(failure(409, "exam_closed"));
    if (!exam->plan)
        return done(failure(409, "paper_unavailable"));
    if (exam->record.started_at)
        return done({});
    auto const now = now_ms();
    exam->record.started_at = now;
    store_.write_side().submit(
        [exam_id, who, now](store::database& db) {
            exam_store::set_exam_started(db, exam_id, now);
            account_store::append_audit(db, who, "exam.start", exam_target(exam_id), "", now);
        },
        reporting(std::move(done)));
    if (!exam->record.paused_at)
        for (auto& [user_id, candidate] : exam->candidates)
            if (candidate.waiting && candidate.link)
                start_attempt(*exam, candidate, now);
    push_room_state(*exam);
}

void exam_runtime::pause_exam(std::int64_t exam_id, bool pause, actor const& who,
                              action_done done) {
    auto const exam = find_live(exam_id);
    if (!exam)
        return done(failure(409, "exam_not_open"));
    std::lock_guard lock(exam->mutex);
    if (exam->closed)
        return done(failure(409, "exam_closed"));
    if (exam->record.paused_at.has_value() == pause)
        return done({});
    auto const now = now_ms();
    exam->record.paused_at = pause ? std::optional(now) : std::nullopt;
    for (auto& [user_id, candidate] : exam->candidates) {
        auto const& a = candidate.attempt;
        if (!a || !a->running() || a->id == 0)
            continue;
        if (pause)
            a->clock.room_paused(now);
        else
            a->clock.room_resumed(now);
        write_clock(*exam, *a);
        push_clock(*exam, candidate, pause ? "paused" : "resumed");
        push_row(*exam, candidate);
    }
    store_.write_side().submit(
        [exam_id, who, now, paused = exam->record.paused_at](store::database& db) {
            exam_store::set_exam_paused(db, exam_id, paused);
            account_store::append_audit(db, who, paused ? "exam.pause" : "exam.resume",
                                        exam_target(exam_id), "", now);
        },
        reporting(std::move(done)));
    if (!pause && exam->record.started_at)
        for (auto& [user_id, candidate] : exam->candidates)
            if (candidate.waiting && candidate.link)
                start_attempt(*exam, candidate, now);
    push_room_state(*exam);
}

void exam_runtime::extend_exam(std::int64_t exam_id, std::int64_t ms, std::string const& reason,
                               actor const& who, action_done done) {
    auto const exam = find_live(exam_id);
    if (!exam)
        return done(failure(409, "exam_not_open"));
    std::lock_guard lock(exam->mutex);
    auto const now = now_ms();
    json const detail = {{"minutes", ms / 60'000}, {"reason", reason}};
    for (auto& [user_id, candidate] : exam->candidates) {
        auto const& a = candidate.attempt;
        if (!a || !a->running() || a->id == 0)
            continue;
        a->clock.extend(ms);
        write_clock(*exam, *a);
        store_.write_side().submit(
            [id = a->id, detail, who, now](store::database& db) {
                exam_store::add_event(db, id, "extend", detail, who.user_id, who.address, now);
            },
            {});
        push_clock(*exam, candidate, "extended");
        push_row(*exam, candidate);
    }
    store_.write_side().submit(
        [exam_id, who, now, detail](store::database& db) {
            account_store::append_audit(db, who, "exam.extend", exam_target(exam_id),
                                        detail.dump(), now);
        },
        reporting(std::move(done)));
}

void exam_runtime::close_exam(std::int64_t exam_id, actor const& who, action_done done) {
    auto const exam = find_live(exam_id);
    if (!exam) {
        auto const record = store_.read_side().with(
            [&](store::database& db) { return exam_store::find_exam(db, exam_id); });
        if (auto const answer = refusal(record, "scheduled", "closed"))
            return done(*answer);
    }
    auto const now = now_ms();
    if (exam) {
        std::lock_guard lock(exam->mutex);
        if (exam->closed)
            return done({});
        exam->closed = true;
        for (auto& [user_id, candidate] : exam->candidates) {
            auto const& a = candidate.attempt;
            if (a && a->running() && a->id != 0)
                finish_attempt(*exam, candidate, "auto_submitted", now, std::nullopt,
                               {{"reason", "closed"}});
            else if (candidate.link && candidate.waiting)
                messages::send_error(*candidate.link, "exam_closed");
            candidate.waiting = false;
        }
        push_room_state(*exam);
    }
    store_.write_side().submit(
        [exam_id, who, now](store::database& db) {
            exam_store::set_exam_state(db, exam_id, "closed");
            account_store::append_audit(db, who, "exam.close", exam_target(exam_id), "", now);
        },
        [this, exam_id, done = std::move(done)](std::exception_ptr error) {
            if (!error)
                forget(exam_id);
            done(error ? failure(500, "internal") : action_outcome{});
        });
}

void exam_runtime::act_on_attempt(std::int64_t attempt_id, attempt_action action,
                                  json const& detail, actor const& who, action_done done) {
    // A running attempt is in memory (its insert may not even be committed yet).
    std::shared_ptr<live_exam> exam;
    {
        std::lock_guard lock(exams_mutex_);
        for (auto const& [id, live] : exams_) {
            std::lock_guard guard(live->mutex);
            if (live->attempt_users.contains(attempt_id)) {
                exam = live;
                break;
            }
        }
    }
    if (!exam) {
        auto const in_store = store_.read_side().with(
            [&](store::database& db) { return exam_store::exam_of_attempt(db, attempt_id).has_value(); });
        return done(in_store ? failure(409, "exam_not_open") : failure(404, "not_found"));
    }
    std::lock_guard lock(exam->mutex);
    auto const user = exam->attempt_users.find(attempt_id);
    if (user == exam->attempt_users.end())
        return done(failure(404, "not_found"));
    auto& candidate = exam->candidates[user->second];
    auto const attempt = candidate.attempt;
    bool const running = attempt && attempt->id == attempt_id && attempt->running();
    auto const now = now_ms();
    std::string const reason = detail.value("reason", std::string());

    // What the job records besides the audit row; empty kind: nothing more.
    std::string kind;
    json event = json::object();
    switch (action) {
    case attempt_action::pause:
    case attempt_action::resume: {
        if (!running)
            return done(failure(409, "not_running"));
        if (action == attempt_action::pause)
            attempt->clock.hold(now);
        else
            attempt->clock.release(now, exam->record.paused_at.has_value());
        write_clock(*exam, *attempt);
        push_clock(*exam, candidate, action == attempt_action::pause ? "paused" : "resumed");
        kind = action == attempt_action::pause ? "pause" : "resume";
        break;
    }
    case attempt_action::extend: {
        auto const minutes = detail.value("minutes", 0);
        if (!running)
            return done(failure(409, "not_running"));
        if (minutes < 1 || minutes > 600 || reason.empty())
            return done(failure(400, "invalid_field", {{"field", minutes < 1 || minutes > 600 ? "minutes" : "reason"}}));
        attempt->clock.extend(std::int64_t{minutes} * 60'000);
        write_clock(*exam, *attempt);
        push_clock(*exam, candidate, "extended");
        kind = "extend";
        event = {{"minutes", minutes}, {"reason", reason}};
        break;
    }
    case attempt_action::submit:
    case attempt_action::void_attempt: {
        bool const voiding = action == attempt_action::void_attempt;
        if (voiding && reason.empty())
            return done(failure(400, "invalid_field", {{"field", "reason"}}));
        if (!attempt || attempt->id != attempt_id || (!voiding && !running) ||
            attempt->state == "voided")
            return done(failure(409, "not_running"));
        finish_attempt(*exam, candidate, voiding ? "voided" : "auto_submitted", now, who,
                       {{"reason", reason}});
        break;
    }
    case attempt_action::approve_move: {
        if (!running || !candidate.move_request)
            return done(failure(409, "invalid_state"));
        auto const to = *candidate.move_request;
        event = {{"from", attempt->address}, {"to", to.address}};
        candidate.move_request.reset();
        attach(*exam, candidate, to);
        send_paper(*exam, candidate);
        kind = "move";
        break;
    }
    case attempt_action::irregularity: {
        auto const category = detail.value("category", std::string());
        if (std::find(irregularity_categories.begin(), irregularity_categories.end(), category) ==
            irregularity_categories.end())
            return done(failure(400, "invalid_field", {{"field", "category"}}));
        kind = "irregularity";
        event = {{"category", category}, {"note", detail.value("note", std::string())}};
        ++candidate.alerts;
        candidate.last_alert = "irregularity";
        push_alert(*exam, candidate, "irregularity", event, now);
        break;
    }
    }
    push_row(*exam, candidate);
    if (kind.empty()) // finish_attempt wrote its own event and audit row: report once durable
        return store_.write_side().submit([](store::database&) {}, reporting(std::move(done)));
    store_.write_side().submit(
        [attempt_id, kind, event, who, now](store::database& db) {
            exam_store::add_event(db, attempt_id, kind, event, who.user_id, who.address, now);
            account_store::append_audit(db, who, "attempt." + kind,
                                        "attempt:" + std::to_string(attempt_id), event.dump(), now);
        },
        reporting(std::move(done)));
}

} // namespace phongthi::server
