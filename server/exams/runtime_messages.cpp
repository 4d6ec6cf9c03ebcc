#include "server/exams/runtime_messages.hpp"

#include "server/api/api_support.hpp"
#include "server/net/http_server.hpp"

namespace phongthi::server::runtime_messages {

void send(exam_link const& link, json const& message) {
    if (auto peer = link.peer.lock())
        peer->send(std::make_shared<std::string const>(message.dump()));
}

void send_error(exam_link const& link, std::string_view code) {
    send(link, {{"t", "error"}, {"code", code}, {"message", error_message(code, link.lang)}});
}

void send_nack(exam_link const& link, std::int64_t seq, std::string_view code) {
    send(link, {{"t", "nack"},
                {"seq", seq},
                {"code", code},
                {"message", error_message(code, link.lang)}});
}

namespace {

json question_of(live_attempt const& attempt, std::size_t n, bank::question const& content) {
    auto const& item = attempt.paper.items[n];
    json options = json::array();
    for (std::size_t k = 0; k < item.option_order.size(); ++k) {
        auto const index = static_cast<std::size_t>(item.option_order[k]);
        options.push_back({{"id", item.option_ids[k]},
                           {"text", index < content.options.size() ? content.options[index].text
                                                                    : std::string()}});
    }
    json media = json::array();
    for (auto const& file : content.media)
        media.push_back({{"name", file.name},
                         {"url", "/api/attempts/" + std::to_string(attempt.id) + "/media/" +
                                     std::to_string(item.revision_id) + "/" + file.name}});
    return {{"n", n},
            {"stem", content.stem},
            {"format", content.format == bank::text_format::html ? "html" : "plain"},
            {"multiple", content.is_multiple_answer()},
            {"points", item.points},
            {"options", std::move(options)},
            {"media", std::move(media)}};
}

} // namespace

json choice_ids(bank::paper_item const& item, std::vector<int> const& choice) {
    json ids = json::array();
    for (auto const index : choice)
        for (std::size_t k = 0; k < item.option_order.size(); ++k)
            if (item.option_order[k] == index)
                ids.push_back(item.option_ids[k]);
    return ids;
}

json paper(live_exam const& exam, live_attempt const& attempt, revision_loader const& load,
           std::int64_t now) {
    json questions = json::array();
    for (std::size_t n = 0; n < attempt.paper.items.size(); ++n) {
        auto const content = load(attempt.paper.items[n].revision_id);
        questions.push_back(content ? question_of(attempt, n, *content) : json{{"n", n}});
    }
    json answers = json::array();
    for (std::size_t n = 0; n < attempt.answers.size(); ++n) {
        auto const& slot = attempt.answers[n];
        if (slot.seq > 0)
            answers.push_back({{"n", n},
                               {"choice", choice_ids(attempt.paper.items[n], slot.choice)},
                               {"flag", slot.flagged},
                               {"seq", slot.seq}});
    }
    return {{"t", "paper"},
            {"attempt", attempt.id},
            {"exam",
             {{"id", exam.record.id},
              {"title", exam.record.title},
              {"variant", attempt.variant.empty() ? json(nullptr) : json(attempt.variant)}}},
            {"server_time", now},
            {"deadline", attempt.clock.deadline_at},
            {"remaining", attempt.clock.remaining(now)},
            {"paused", attempt.clock.frozen()},
            {"last_seq", attempt.last_seq},
            {"questions", std::move(questions)},
            {"answers", std::move(answers)}};
}

json exam_summary(live_exam const& exam) {
    auto const& r = exam.record;
    auto optional_time = [](std::optional<std::int64_t> t) { return t ? json(*t) : json(nullptr); };
    return {{"id", r.id},
            {"title", r.title},
            {"state", exam.closed ? "closed" : r.state},
            {"started", r.started_at.has_value()},
            {"started_at", optional_time(r.started_at)},
            {"paused", r.paused_at.has_value()},
            {"closes_at", optional_time(r.closes_at)},
            {"duration_minutes", exam.settings.duration_minutes},
            {"start_code", exam.settings.start_code},
            {"questions", exam.plan ? bank::total_questions(*exam.plan) : 0}};
}

namespace {

std::string_view row_state(live_candidate const& who) {
    if (who.attempt) {
        if (who.attempt->running())
            return who.attempt->clock.frozen() ? "paused" : "in_progress";
        if (who.attempt->state != "voided" || !who.waiting)
            return who.attempt->state;
    }
    return who.waiting && who.link ? "waiting" : "absent";
}

} // namespace

json candidate_row(live_exam const&, live_candidate const& who, std::int64_t now) {
    auto const& a = who.attempt;
    return {{"user", who.who.user_id},
            {"username", who.who.username},
            {"full_name", who.who.full_name},
            {"unit", who.who.unit},
            {"seat", who.who.seat_label},
            {"attempt", a && a->id ? json(a->id) : json(nullptr)},
            {"state", row_state(who)},
            {"connected", who.link.has_value()},
            {"address", who.link ? json(who.link->address) : json(nullptr)},
            {"disconnected_at", who.disconnected_at ? json(*who.disconnected_at) : json(nullptr)},
            {"answered", a ? a->answered : 0},
            {"total", a ? static_cast<int>(a->paper.items.size()) : 0},
            {"deadline", a && a->running() ? json(a->clock.deadline_at) : json(nullptr)},
            {"remaining", a && a->running() ? json(a->clock.remaining(now)) : json(nullptr)},
            {"variant", a && !a->variant.empty() ? json(a->variant) : json(nullptr)},
            {"alerts", who.alerts},
            {"last_alert", who.last_alert.empty() ? json(nullptr) : json(who.last_alert)},
            {"move_pending", who.move_request.has_value()}};
}

json room(live_exam const& exam, std::int64_t now) {
    json rows = json::array();
    for (auto const& [id, who] : exam.candidates)
        rows.push_back(candidate_row(exam, who, now));
    return {{"t", "room"},
            {"exam", exam_summary(exam)},
            {"candidates", std::move(rows)},
            {"server_time", now}};
}

json clock(live_attempt const& attempt, std::string_view reason, std::int64_t now) {
    return {{"t", "clock"},
            {"deadline", attempt.clock.deadline_at},
            {"remaining", attempt.clock.remaining(now)},
            {"paused", attempt.clock.frozen()},
            {"server_time", now},
            {"reason", reason}};
}

json submitted(live_attempt const& attempt, json const& result) {
    return {{"t", "submitted"},
            {"attempt", attempt.id},
            {"at", attempt.submitted_at ? json(*attempt.submitted_at) : json(nullptr)},
            {"auto", attempt.state == "auto_submitted"},
            {"answered", attempt.answered},
            {"total", attempt.paper.items.size()},
            {"result", result}};
}

} // namespace phongthi::server::runtime_messages
