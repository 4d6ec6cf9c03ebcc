#include "server/exams/exam_runtime.hpp"

#include "server/accounts/account_store.hpp"
#include "server/api/api_support.hpp"
#include "server/banks/bank_store.hpp"
#include "server/exams/exam_secret.hpp"
#include "server/exams/live_exam.hpp"
#include "server/exams/paper_codec.hpp"
#include "server/exams/runtime_messages.hpp"
#include "server/results/attempt_grader.hpp"
#include "server/log.hpp"
#include "server/net/http_server.hpp"
#include "server/store/data_store.hpp"

#include <algorithm>
#include <cmath>
#include <cstdlib>

namespace phongthi::server {

namespace messages = runtime_messages;

namespace {

constexpr auto clock_period = std::chrono::milliseconds(250);
/// A step of the system clock larger than this is logged.
constexpr std::int64_t clock_step_reported_ms = 2000;

/// Logs when the storage starts refusing writes (no answer is acked meanwhile) and when it
/// takes them again. Clock thread only.
class storage_watch {
public:
    void check(store::writer const& writes) {
        bool const now_failing = writes.failing();
        if (now_failing && !failing_) {
            failed_before_ = writes.batches_failed() - 1;
            log(log_level::error, "store.writes_failing",
                {{"error", writes.last_failure()}, {"answers", "not acked until writes succeed"}});
        } else if (!now_failing && failing_) {
            log(log_level::warn, "store.writes_recovered",
                {{"failed_batches", std::to_string(writes.batches_failed() - failed_before_)},
                 {"last_error", writes.last_failure()}});
        }
        failing_ = now_failing;
    }

private:
    bool failing_ = false;
    std::uint64_t failed_before_ = 0;
};

/// Fills the in-memory attempt from its row and its saved answers.
std::shared_ptr<live_attempt> live_from(exam_store::attempt_record const& row,
                                        std::vector<exam_store::answer_record> const& answers) {
    auto attempt = std::make_shared<live_attempt>();
    attempt->id = row.id;
    attempt->number = row.attempt_number;
    attempt->state = row.state;
    attempt->clock = attempt_clock{row.deadline_at, row.paused_ms, row.extension_ms,
                                   row.paused_at, row.held};
    attempt->started_at = row.started_at;
    attempt->submitted_at = row.submitted_at;
    attempt->variant = row.variant_code;
    attempt->address = row.client_address;
    if (auto paper = paper_codec::paper_from_json(row.paper))
        attempt->paper = std::move(*paper);
    attempt->answers.resize(attempt->paper.items.size());
    for (auto const& saved : answers) {
        if (saved.position < 0 || static_cast<std::size_t>(saved.position) >= attempt->answers.size())
            continue;
        auto& slot = attempt->answers[static_cast<std::size_t>(saved.position)];
        slot = {saved.seq, saved.choice, saved.flagged};
        attempt->last_seq = std::max(attempt->last_seq, saved.seq);
        if (!saved.choice.empty())
            ++attempt->answered;
    }
    return attempt;
}

} // namespace

exam_runtime::exam_runtime(store::data_store& store) : store_(store) {}

exam_runtime::~exam_runtime() {
    stop();
}

void exam_runtime::start() {
    answer_key_ = answer_file_crypto::load_or_create(store_);
    last_attempt_id_ = store_.read_side().with(
        [](store::database& db) { return exam_store::max_attempt_id(db); });
    auto const open = store_.read_side().with(
        [](store::database& db) { return exam_store::exams_in_state(db, "open"); });
    for (auto const& exam : open)
        load_live(exam.id);
    std::lock_guard lock(clock_mutex_);
    if (!clock_thread_.joinable() && !stopping_)
        clock_thread_ = std::thread([this] { run_clock(); });
}

void exam_runtime::stop() {
    {
        std::lock_guard lock(clock_mutex_);
        stopping_ = true;
    }
    clock_wake_.notify_all();
    if (clock_thread_.joinable() && clock_thread_.get_id() != std::this_thread::get_id())
        clock_thread_.join();
}

void exam_runtime::run_clock() {
    std::unique_lock lock(clock_mutex_);
    auto step_seen = wall_clock_step_ms();
    storage_watch storage;
    while (!clock_wake_.wait_for(lock, clock_period, [this] { return stopping_; })) {
        lock.unlock();
        try {
            // The exam clocks run on now_ms(), which ignores steps of the system clock; say so
            // when one happens, since the times in the log and the room's wall clock now differ.
            auto const step = wall_clock_step_ms();
            if (std::abs(step - step_seen) > clock_step_reported_ms) {
                log(log_level::warn, "clock.system_clock_stepped",
                    {{"by_seconds", std::to_string(std::lround((step - step_seen) / 1000.0))},
                     {"exam_clocks", "unchanged"}});
                step_seen = step;
            }
            storage.check(store_.write_side());
            tick(now_ms());
        } catch (std::exception const& e) {
            log(log_level::error, "exam.clock_failed", {{"error", e.what()}});
        }
        lock.lock();
    }
}

std::shared_ptr<live_exam> exam_runtime::find_live(std::int64_t exam_id) {
    std::lock_guard lock(exams_mutex_);
    auto const found = exams_.find(exam_id);
    return found == exams_.end() ? nullptr : found->second;
}

void exam_runtime::forget(std::int64_t exam_id) {
    std::lock_guard lock(exams_mutex_);
    exams_.erase(exam_id);
}

std::shared_ptr<live_exam> exam_runtime::load_live(std::int64_t exam_id) {
    std::lock_guard lock(exams_mutex_);
    if (auto const found = exams_.find(exam_id); found != exams_.end())
        return found->second;
    auto exam = store_.read_side().with([&](store::database& db) -> std::shared_ptr<live_exam> {
        auto record = exam_store::find_exam(db, exam_id);
        if (!record || record->state != "open")
            return nullptr;
        auto live = std::make_shared<live_exam>();
        live->record = std::move(*record);
        live->settings = parse_exam_settings(live->record.settings).value;
        if (live->record.published_blueprint_id) {
            if (auto const bp = exam_store::find_blueprint(db, *live->record.published_blueprint_id)) {
                json spec = bp->spec;
                auto pool = paper_codec::pool_from_json(spec.contains("pool") ? spec["pool"] : json());
                spec.erase("pool");
                spec.erase("bank_ids");
                auto plan = bank::parse_blueprint(spec);
                if (plan.value && pool) {
                    live->plan = std::move(plan.value);
                    live->pool = std::move(*pool);
                    live->blueprint_id = bp->id;
                }
            }
        }
        for (auto& entry : exam_store::class_roster(db, live->record.class_id, live->record.room_id))
            live->candidates[entry.user_id].who = std::move(entry);
        for (auto const& row : exam_store::exam_attempts(db, exam_id)) {
            auto found = live->candidates.find(row.user_id);
            if (found == live->candidates.end())
                continue; // withdrawn from the class since
            auto& who = found->second;
            ++who.attempts_total;
            if (row.state != "voided")
                ++who.attempts_used;
            who.attempt = live_from(row, row.state == "in_progress"
                                             ? exam_store::attempt_answers(db, row.id)
                                             : std::vector<exam_store::answer_record>{});
            if (row.state != "in_progress") {
                // A finished attempt only needs its counts for the feed.
                for (auto const& saved : exam_store::attempt_answers(db, row.id))
                    who.attempt->answered += saved.choice.empty() ? 0 : 1;
            }
            live->attempt_users[row.id] = row.user_id;
        }
        return live;
    });
    if (exam)
        exams_.emplace(exam_id, exam);
    return exam;
}

void exam_runtime::tick(std::int64_t now) {
    std::vector<std::shared_ptr<live_exam>> exams;
    {
        std::lock_guard lock(exams_mutex_);
        for (auto const& [id, exam] : exams_)
            exams.push_back(exam);
    }
    for (auto const& exam : exams) {
        bool close_now = false;
        {
            std::lock_guard lock(exam->mutex);
            if (exam->closed)
                continue;
            for (auto& [user_id, who] : exam->candidates) {
                auto const& a = who.attempt;
                if (a && a->id != 0 && a->running() && a->clock.expired(now, grace_ms))
                    finish_attempt(*exam, who, "auto_submitted", now, std::nullopt,
                                   {{"reason", "deadline"}});
            }
            close_now = exam->record.closes_at && now >= *exam->record.closes_at + grace_ms;
        }
        if (close_now)
            close_exam(exam->record.id, actor{std::nullopt, "server", ""}, [](action_outcome) {});
    }
}

// ---- Helpers under the exam's lock ----

void exam_runtime::attach(live_exam& exam, live_candidate& who, exam_link const& link) {
    auto const now = now_ms();
    if (who.link && who.link->id != link.id) {
        messages::send(*who.link, {{"t", "taken_over"}});
        if (auto old = who.link->peer.lock())
            old->close();
        if (who.attempt && who.attempt->running())
            push_alert(exam, who, "takeover",
                       {{"from", who.link->address}, {"to", link.address}}, now);
    }
    who.link = link;
    who.disconnected_at.reset();
    auto const& a = who.attempt;
    if (a && a->running() && a->id != 0 && a->address != link.address) {
        a->address = link.address;
        store_.write_side().submit(
            [id = a->id, address = link.address](store::database& db) {
                exam_store::set_attempt_address(db, id, address);
            },
            {});
    }
    push_row(exam, who);
}

void exam_runtime::send_paper(live_exam& exam, live_candidate& who) {
    if (!who.link || !who.attempt)
        return;
    auto load = [this, &exam](std::int64_t revision_id) -> std::shared_ptr<bank::question const> {
        if (auto const found = exam.revisions.find(revision_id); found != exam.revisions.end())
            return found->second;
        auto content = store_.read_side().with(
            [&](store::database& db) { return bank_store::load_revision(db, revision_id); });
        if (!content)
            return nullptr;
        auto shared = std::make_shared<bank::question const>(std::move(*content));
        exam.revisions.emplace(revision_id, shared);
        return shared;
    };
    auto message = messages::paper(exam, *who.attempt, load, now_ms());
    // What the browser seals an offline answer file to (only the server holds the private key).
    message["answer_file_key"] = {{"alg", answer_file_crypto::algorithm},
                                  {"spki", answer_key_.public_spki_base64}};
    messages::send(*who.link, message);
}

void exam_runtime::start_attempt(live_exam& exam, live_candidate& who, std::int64_t now) {
    if (!exam.plan) {
        if (who.link)
            messages::send_error(*who.link, "paper_unavailable");
        push_alert(exam, who, "paper_unavailable", {{"reason", "no_blueprint"}}, now);
        return;
    }
    std::uint64_t seed = 0;
    std::string variant;
    if (exam.settings.mode == paper_mode::variants) {
        int index = 0;
        if (who.who.seat_row >= 0)
            index = bank::variant_for_seat(who.who.seat_row, who.who.seat_col,
                                           exam.settings.variant_count);
        else
            index = static_cast<int>(std::distance(exam.candidates.begin(),
                                                   exam.candidates.find(who.who.user_id))) %
                    exam.settings.variant_count;
        seed = exam_secret::variant_seed(exam.record.secret, index);
        variant = bank::variant_code(index);
    } else {
        seed = exam_secret::random_seed();
    }
    auto drawn = bank::draw_paper(*exam.plan, exam.pool, seed);
    if (!drawn.value) {
        if (who.link)
            messages::send_error(*who.link, "paper_unavailable");
        push_alert(exam, who, "paper_unavailable",
                   {{"message", bank::describe_shortages(drawn.shortages, true)}}, now);
        return;
    }
    auto attempt = std::make_shared<live_attempt>();
    attempt->number = who.attempts_total + 1;
    attempt->clock = attempt_clock::started(
        now, std::int64_t{exam.settings.duration_minutes} * 60'000, exam.record.closes_at);
    attempt->started_at = now;
    attempt->variant = variant;
    attempt->paper = std::move(*drawn.value);
    attempt->answers.resize(attempt->paper.items.size());
    attempt->address = who.link ? who.link->address : std::string();
    who.attempt = attempt;
    who.waiting = false;
    ++who.attempts_used;
    ++who.attempts_total;

    // The id is ours to give, so the paper goes out now; an answer to it is acked only after
    // the insert below has committed, because the writer keeps the order of its jobs.
    attempt->id = ++last_attempt_id_;
    exam.attempt_users[attempt->id] = who.who.user_id;

    exam_store::attempt_record row;
    row.id = attempt->id;
    row.user_id = who.who.user_id;
    row.attempt_number = attempt->number;
    row.blueprint_id = exam.blueprint_id;
    row.paper_seed = seed;
    row.variant_code = variant;
    row.seat_id = who.who.seat_id;
    row.started_at = now;
    row.deadline_at = attempt->clock.deadline_at;
    row.client_address = attempt->address;
    row.paper = paper_codec::paper_to_json(attempt->paper);
    store_.write_side().submit(
        [exam_id = exam.record.id, row = std::move(row), now](store::database& db) {
            exam_store::insert_attempt(db, exam_id, row);
            exam_store::add_event(db, row.id, "start",
                                  {{"variant", row.variant_code}, {"address", row.client_address}},
                                  std::nullopt, row.client_address, now);
        },
        [this, exam_id = exam.record.id, attempt, user_id = who.who.user_id](std::exception_ptr error) {
            if (!error)
                return;
            log(log_level::error, "exam.start_failed", {{"user", std::to_string(user_id)}});
            auto const live = find_live(exam_id);
            if (!live)
                return;
            std::lock_guard guard(live->mutex);
            auto& starter = live->candidates[user_id];
            live->attempt_users.erase(attempt->id);
            if (starter.attempt != attempt)
                return;
            starter.attempt.reset();
            --starter.attempts_used;
            --starter.attempts_total;
            starter.waiting = true;
            if (starter.link)
                messages::send_error(*starter.link, "internal");
        });
    send_paper(exam, who);
    push_row(exam, who);
}

void exam_runtime::finish_attempt(live_exam& exam, live_candidate& who, std::string_view state,
                                  std::int64_t now, std::optional<actor> const& by, json detail) {
    auto const attempt = who.attempt;
    attempt->state = std::string(state);
    attempt->submitted_at = now;
    if (state == "voided") {
        --who.attempts_used;
        who.waiting = false;
    }
    std::string const kind = state == "voided"        ? "void"
                             : by                     ? "force_submit"
                             : state == "submitted"   ? "submit"
                                                      : "auto_submit";
    std::optional<exam_link> const link = who.link;
    // Graded in the same job, so the result the browser may see is the stored one.
    auto const result = std::make_shared<json>(nullptr);
    bool const shows_score = exam.settings.show_score == disclosure::after_submit;
    store_.write_side().submit(
        [id = attempt->id, state = std::string(state), kind, detail, by, now, result, shows_score,
         settings = exam.settings](store::database& db) {
            exam_store::set_attempt_state(db, id, state,
                                          state == "voided" ? std::nullopt : std::optional(now));
            exam_store::add_event(db, id, kind, detail, by ? by->user_id : std::nullopt,
                                  by ? by->address : std::string(), now);
            if (by)
                account_store::append_audit(db, *by, "attempt." + kind,
                                            "attempt:" + std::to_string(id), detail.dump(), now);
            if (auto const grade = attempt_grader::grade_and_store(db, id); grade && shows_score)
                *result = attempt_grader::result_json(*grade, settings);
        },
        [link, attempt, detail, result](std::exception_ptr error) {
            if (error || !link)
                return;
            if (attempt->state == "voided")
                messages::send(*link, {{"t", "voided"}, {"reason", detail.value("reason", "")}});
            else
                messages::send(*link, messages::submitted(*attempt, *result));
        });
    push_row(exam, who);
}

void exam_runtime::write_clock(live_exam&, live_attempt const& attempt) {
    exam_store::attempt_clock_row const row{attempt.clock.deadline_at, attempt.clock.paused_ms,
                                            attempt.clock.extension_ms, attempt.clock.paused_at,
                                            attempt.clock.held};
    store_.write_side().submit(
        [id = attempt.id, row](store::database& db) { exam_store::save_clock(db, id, row); }, {});
}

namespace {

/// Sends one message to every live watcher, dropping the ones that went away.
void broadcast(std::vector<exam_link>& watchers, json const& message) {
    auto const text = std::make_shared<std::string const>(message.dump());
    std::erase_if(watchers, [&](exam_link const& link) {
        auto peer = link.peer.lock();
        if (!peer)
            return true;
        peer->send(text);
        return false;
    });
}

} // namespace

void exam_runtime::push_row(live_exam& exam, live_candidate const& who) {
    if (!exam.watchers.empty())
        broadcast(exam.watchers,
                  {{"t", "candidate"}, {"row", messages::candidate_row(exam, who, now_ms())}});
}

void exam_runtime::push_alert(live_exam& exam, live_candidate const& who, std::string_view kind,
                              json const& detail, std::int64_t at) {
    if (!exam.watchers.empty())
        broadcast(exam.watchers, {{"t", "alert"},
                                  {"user", who.who.user_id},
                                  {"full_name", who.who.full_name},
                                  {"attempt", who.attempt ? json(who.attempt->id) : json(nullptr)},
                                  {"kind", kind},
                                  {"at", at},
                                  {"detail", detail}});
}

void exam_runtime::push_room_state(live_exam& exam) {
    if (!exam.watchers.empty())
        broadcast(exam.watchers, {{"t", "room_state"}, {"exam", messages::exam_summary(exam)}});
}

void exam_runtime::push_clock(live_exam&, live_candidate const& who, std::string_view reason) {
    if (who.link && who.attempt)
        messages::send(*who.link, messages::clock(*who.attempt, reason, now_ms()));
}

// ---- Watching ----

bool exam_runtime::watch(exam_link const& link, std::int64_t exam_id) {
    auto exam = find_live(exam_id);
    if (!exam)
        exam = load_live(exam_id);
    if (!exam)
        return false;
    std::lock_guard lock(exam->mutex);
    exam->watchers.push_back(link);
    messages::send(link, messages::room(*exam, now_ms()));
    return true;
}

void exam_runtime::unwatch(std::uint64_t link_id, std::int64_t exam_id) {
    auto exam = find_live(exam_id);
    if (!exam)
        return;
    std::lock_guard lock(exam->mutex);
    std::erase_if(exam->watchers, [&](exam_link const& link) { return link.id == link_id; });
}

std::optional<json> exam_runtime::room(std::int64_t exam_id) {
    auto exam = find_live(exam_id);
    if (!exam)
        return std::nullopt;
    std::lock_guard lock(exam->mutex);
    return messages::room(*exam, now_ms());
}

} // namespace phongthi::server
