// The candidate's side of the exam runtime: join, answer, submit, integrity events, leaving.
#include "server/accounts/account_store.hpp"
#include "server/api/api_support.hpp"
#include "server/exams/exam_runtime.hpp"
#include "server/exams/exam_secret.hpp"
#include "server/exams/live_exam.hpp"
#include "server/exams/runtime_messages.hpp"
#include "server/log.hpp"
#include "server/net/http_server.hpp"
#include "server/store/data_store.hpp"

#include <algorithm>
#include <array>

namespace phongthi::server {

namespace messages = runtime_messages;

namespace {

constexpr std::array<std::string_view, 7> integrity_kinds{
    "focus_lost", "fullscreen_left", "paste", "page_hidden", "reload", "copy", "context_menu"};

/// The candidate of `user_id` when `link` is the connection holding their running attempt.
live_candidate* holder(live_exam& exam, std::int64_t user_id, exam_link const& link) {
    auto const found = exam.candidates.find(user_id);
    if (found == exam.candidates.end() || !found->second.link || found->second.link->id != link.id)
        return nullptr;
    return &found->second;
}

/// Maps the paper's option ids to the revision's option indexes; nullopt for an unknown id.
std::optional<std::vector<int>> choice_of(bank::paper_item const& item, json const& ids) {
    std::vector<int> choice;
    for (auto const& id : ids) {
        if (!id.is_string())
            return std::nullopt;
        auto const at = std::find(item.option_ids.begin(), item.option_ids.end(),
                                  id.get_ref<std::string const&>());
        if (at == item.option_ids.end())
            return std::nullopt;
        choice.push_back(item.option_order[static_cast<std::size_t>(at - item.option_ids.begin())]);
    }
    std::sort(choice.begin(), choice.end());
    choice.erase(std::unique(choice.begin(), choice.end()), choice.end());
    return choice;
}

} // namespace

void exam_runtime::join(exam_link const& link, user_record const& user, std::int64_t exam_id,
                        std::optional<std::string> const& start_code) {
    auto exam = find_live(exam_id);
    if (!exam) {
        auto const record = store_.read_side().with(
            [&](store::database& db) { return exam_store::find_exam(db, exam_id); });
        if (!record)
            return messages::send_error(link, "exam_not_found");
        if (record->state == "closed" || record->state == "archived")
            return messages::send_error(link, "exam_closed");
        if (record->state != "open" || !(exam = load_live(exam_id)))
            return messages::send_error(link, "exam_not_open");
    }
    std::lock_guard lock(exam->mutex);
    auto const found = exam->candidates.find(user.id);
    if (found == exam->candidates.end())
        return messages::send_error(link, "not_enrolled");
    if (exam->closed)
        return messages::send_error(link, "exam_closed");
    auto& who = found->second;
    auto const now = now_ms();
    auto const& attempt = who.attempt;

    if (attempt && attempt->running()) {
        if (!attempt->address.empty() && attempt->address != link.address) {
            who.move_request = link;
            messages::send(link, {{"t", "resume_pending"}, {"exam", exam_id}});
            push_alert(*exam, who, "move_request",
                       {{"from", attempt->address}, {"to", link.address}}, now);
            push_row(*exam, who);
            return;
        }
        attach(*exam, who, link);
        if (attempt->id != 0) // otherwise the paper goes out when the insert commits
            send_paper(*exam, who);
        return;
    }
    if (who.attempts_used >= exam->settings.attempts_allowed) {
        if (attempt)
            return messages::send(link, messages::submitted(*attempt));
        return messages::send_error(link, "attempts_used");
    }
    if (exam->settings.start_code && !who.waiting) {
        if (!start_code || start_code->empty())
            return messages::send_error(link, "start_code_required");
        if (!exam_secret::accepts_start_code(exam->record.secret, *start_code, now))
            return messages::send_error(link, "wrong_start_code");
    }
    if (held_off_seat_pc(*exam, who, link, now))
        return;
    admit(*exam, who, link, now);
}

void exam_runtime::admit(live_exam& exam, live_candidate& who, exam_link const& link,
                         std::int64_t now) {
    who.waiting = true;
    attach(exam, who, link);
    if (exam.record.started_at && !exam.record.paused_at)
        return start_attempt(exam, who, now);
    messages::send(
        link, {{"t", "waiting"}, {"exam", messages::exam_summary(exam)}, {"server_time", now}});
}

void exam_runtime::answer(exam_link const& link, std::int64_t exam_id, std::int64_t user_id,
                          json const& message) {
    auto const seq_member = message.find("seq");
    if (seq_member == message.end() || !seq_member->is_number_integer() ||
        seq_member->get<std::int64_t>() <= 0)
        return messages::send_error(link, "bad_request");
    auto const seq = seq_member->get<std::int64_t>();
    auto const exam = find_live(exam_id);
    if (!exam)
        return messages::send_nack(link, seq, "not_running");
    std::lock_guard lock(exam->mutex);
    auto* who = holder(*exam, user_id, link);
    if (!who || !who->attempt || !who->attempt->running() || who->attempt->id == 0)
        return messages::send_nack(link, seq, who ? "not_running" : "taken_over");
    auto& attempt = *who->attempt;
    auto const now = now_ms();
    if (attempt.clock.frozen())
        return messages::send_nack(link, seq, "paused");
    if (now > attempt.clock.deadline_at + grace_ms)
        return messages::send_nack(link, seq, "time_over");
    auto const n = message.find("n");
    if (n == message.end() || !n->is_number_integer() || n->get<std::int64_t>() < 0 ||
        n->get<std::uint64_t>() >= attempt.paper.items.size())
        return messages::send_nack(link, seq, "bad_question");
    auto const position = n->get<std::size_t>();
    auto const ids = message.find("choice");
    if (ids == message.end() || !ids->is_array())
        return messages::send_nack(link, seq, "bad_option");
    auto const& item = attempt.paper.items[position];
    auto choice = choice_of(item, *ids);
    auto const& content = exam->revisions.find(item.revision_id);
    bool const multiple = content != exam->revisions.end() && content->second->is_multiple_answer();
    if (!choice || (choice->size() > 1 && !multiple))
        return messages::send_nack(link, seq, "bad_option");
    bool const flagged = message.value("flag", false);

    auto& slot = attempt.answers[position];
    if (seq <= slot.seq) {
        // Already superseded; ack once everything queued before it (the newer answer) is
        // durable. If that write failed, the memory was reloaded from the database: then this
        // one is not kept anywhere, so no ack, and the browser replays it on a new connection.
        store_.write_side().submit(
            [](store::database&) {},
            [link, seq, exam, user_id, position](std::exception_ptr) {
                std::lock_guard guard(exam->mutex);
                auto const found = exam->candidates.find(user_id);
                bool const kept = found != exam->candidates.end() && found->second.attempt &&
                                  position < found->second.attempt->answers.size() &&
                                  found->second.attempt->answers[position].seq >= seq;
                if (kept)
                    return messages::send(link, {{"t", "ack"}, {"seq", seq}, {"stale", true}});
                if (auto peer = link.peer.lock())
                    peer->close();
            });
        return;
    }
    int const before = attempt.answered;
    attempt.answered += (choice->empty() ? 0 : 1) - (slot.choice.empty() ? 0 : 1);
    slot = {seq, *choice, flagged};
    attempt.last_seq = std::max(attempt.last_seq, seq);
    exam_store::answer_record const row{
        attempt.id, static_cast<int>(position), std::move(*choice), seq, flagged, now};
    store_.write_side().submit(
        [row](store::database& db) { exam_store::save_answer(db, row); },
        [this, link, seq, exam, user_id](std::exception_ptr error) {
            if (!error)
                return messages::send(link, {{"t", "ack"}, {"seq", seq}});
            // Not saved: the memory is ahead of the database. Say so, reload the truth and drop
            // the connection, so the browser replays its outbox against it.
            log(log_level::error, "exam.answer_not_saved", {{"user", std::to_string(user_id)}});
            messages::send_error(link, "not_saved");
            std::lock_guard guard(exam->mutex);
            if (auto const found = exam->candidates.find(user_id);
                found != exam->candidates.end() && found->second.attempt) {
                auto& a = *found->second.attempt;
                auto const saved = store_.read_side().with(
                    [&](store::database& db) { return exam_store::attempt_answers(db, a.id); });
                a.answers.assign(a.paper.items.size(), {});
                a.answered = 0;
                for (auto const& s : saved)
                    if (static_cast<std::size_t>(s.position) < a.answers.size()) {
                        a.answers[static_cast<std::size_t>(s.position)] = {s.seq, s.choice,
                                                                           s.flagged};
                        a.answered += s.choice.empty() ? 0 : 1;
                    }
            }
            if (auto peer = link.peer.lock())
                peer->close();
        });
    if (attempt.answered != before)
        push_row(*exam, *who);
}

void exam_runtime::submit(exam_link const& link, std::int64_t exam_id, std::int64_t user_id) {
    auto const exam = find_live(exam_id);
    if (!exam)
        return messages::send_error(link, "not_running");
    std::lock_guard lock(exam->mutex);
    auto* who = holder(*exam, user_id, link);
    if (!who || !who->attempt || !who->attempt->running() || who->attempt->id == 0)
        return messages::send_error(link, who ? "not_running" : "taken_over");
    finish_attempt(*exam, *who, "submitted", now_ms(), std::nullopt, json::object());
}

void exam_runtime::integrity_event(exam_link const& link, std::int64_t exam_id,
                                   std::int64_t user_id, json const& message) {
    auto const kind = message.value("kind", std::string());
    if (std::find(integrity_kinds.begin(), integrity_kinds.end(), kind) == integrity_kinds.end())
        return messages::send_error(link, "bad_request");
    auto const exam = find_live(exam_id);
    if (!exam)
        return;
    std::lock_guard lock(exam->mutex);
    auto* who = holder(*exam, user_id, link);
    if (!who || !who->attempt || who->attempt->id == 0 || !who->attempt->running())
        return;
    auto const now = now_ms();
    json detail = {{"client_at", message.value("at", json())}};
    if (auto const text = message.find("detail"); text != message.end() && text->is_string())
        detail["detail"] = text->get<std::string>().substr(0, 200);
    ++who->alerts;
    who->last_alert = kind;
    store_.write_side().submit(
        [id = who->attempt->id, kind, detail, address = link.address, now](store::database& db) {
            exam_store::add_event(db, id, kind, detail, std::nullopt, address, now);
        },
        {});
    push_alert(*exam, *who, kind, detail, now);
    push_row(*exam, *who);
}

void exam_runtime::left(exam_link const& link, std::int64_t exam_id, std::int64_t user_id) {
    auto const exam = find_live(exam_id);
    if (!exam)
        return;
    std::lock_guard lock(exam->mutex);
    auto const found = exam->candidates.find(user_id);
    if (found == exam->candidates.end())
        return;
    auto& who = found->second;
    if (who.move_request && who.move_request->id == link.id)
        who.move_request.reset();
    if (!who.link || who.link->id != link.id)
        return push_row(*exam, who);
    who.link.reset();
    who.disconnected_at = now_ms();
    if (!who.attempt || !who.attempt->running())
        who.waiting = false;
    push_row(*exam, who);
}

} // namespace phongthi::server
