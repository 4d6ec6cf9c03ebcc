#pragma once

#include "server/accounts/user.hpp"
#include "server/exams/answer_file_crypto.hpp"
#include "server/http/message.hpp"

#include <nlohmann/json.hpp>

#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>

namespace phongthi::store {
class data_store;
}

namespace phongthi::server {

class ws_peer;
struct live_exam;
struct live_candidate;
struct live_attempt;

/// One WebSocket connection as the exam runtime sees it.
struct exam_link {
    std::weak_ptr<ws_peer> peer;
    std::uint64_t id = 0; ///< unique per connection
    std::string address;
    language lang = language::vi;
};

/// The outcome of a proctor's REST action: 200, or an error status and catalogue code.
struct action_outcome {
    int status = 200;
    std::string code;
    nlohmann::json extra = nlohmann::json::object();
};
using action_done = std::function<void(action_outcome)>;

/// A proctor's action on one attempt.
enum class attempt_action { pause, resume, extend, submit, void_attempt, approve_move, irregularity };

/// The running exams: candidates' papers, answers and clocks in memory, every change written
/// through the group-commit writer, acks and feeds sent after the commit, deadlines kept by a
/// clock thread. See docs/PROTOCOL.md and docs/EXAMS.md.
///
/// Threads: every member may be called from any thread (WebSocket strands, HTTP handlers); each
/// exam has its own mutex; completions of writer jobs run on the writer thread and only send.
class exam_runtime {
public:
    /// Grace after a deadline for answers in flight before the attempt is submitted.
    static constexpr std::int64_t grace_ms = 3000;

    explicit exam_runtime(store::data_store& store);
    /// Stops the clock thread.
    ~exam_runtime();
    exam_runtime(exam_runtime const&) = delete;
    exam_runtime& operator=(exam_runtime const&) = delete;

    /// Loads every open exam and starts the clock thread, so deadlines pass even when no
    /// browser comes back after a restart.
    void start();
    /// Stops the clock thread. Idempotent.
    void stop();

    // Candidates (called on the connection's strand).
    void join(exam_link const& link, user_record const& user, std::int64_t exam_id,
              std::optional<std::string> const& start_code);
    void answer(exam_link const& link, std::int64_t exam_id, std::int64_t user_id,
                nlohmann::json const& message);
    void submit(exam_link const& link, std::int64_t exam_id, std::int64_t user_id);
    void integrity_event(exam_link const& link, std::int64_t exam_id, std::int64_t user_id,
                         nlohmann::json const& message);
    /// The connection closed; the candidate shows as disconnected.
    void left(exam_link const& link, std::int64_t exam_id, std::int64_t user_id);

    // Proctors.
    /// Sends the room snapshot and then every change to `link`; false when there is no such exam.
    bool watch(exam_link const& link, std::int64_t exam_id);
    void unwatch(std::uint64_t link_id, std::int64_t exam_id);
    /// The room snapshot, or nullopt when the exam is not open.
    std::optional<nlohmann::json> room(std::int64_t exam_id);

    void open_exam(std::int64_t exam_id, actor const& who, action_done done);
    void start_exam(std::int64_t exam_id, actor const& who, action_done done);
    void pause_exam(std::int64_t exam_id, bool pause, actor const& who, action_done done);
    void extend_exam(std::int64_t exam_id, std::int64_t ms, std::string const& reason,
                     actor const& who, action_done done);
    void close_exam(std::int64_t exam_id, actor const& who, action_done done);
    /// `detail` carries minutes/reason/category/note as the action needs.
    void act_on_attempt(std::int64_t attempt_id, attempt_action action,
                        nlohmann::json const& detail, actor const& who, action_done done);

    /// Lets a candidate held on a PC that is not their seat's (exam setting seat_pc_binding)
    /// start there; `done` once the audit row is durable.
    void approve_seat_pc(std::int64_t exam_id, std::int64_t user_id, actor const& who,
                         action_done done);
    /// Re-reads the seats (label, cell, PC) of every open exam's candidates after seating or a
    /// room changed; proctors watching get the new rows.
    void refresh_seats();

    /// Merges a candidate's saved answer file (docs/EXAMS.md) into its attempt, by the same
    /// rule as live answers; `done` gets {merged, stale, refused} once durable.
    void merge_answer_file(std::int64_t exam_id, nlohmann::json const& file, actor const& who,
                           action_done done);

    /// Submits every attempt past its deadline and closes exams past their closing time. The
    /// clock thread calls it a few times a second; tests may call it directly.
    void tick(std::int64_t now);

private:
    std::shared_ptr<live_exam> find_live(std::int64_t exam_id);
    std::shared_ptr<live_exam> load_live(std::int64_t exam_id);
    void forget(std::int64_t exam_id);
    void run_clock();

    // Under the exam's lock.
    /// Lets a joining candidate in: waiting for the start, or their attempt starts at once.
    void admit(live_exam& exam, live_candidate& who, exam_link const& link, std::int64_t now);
    /// Whether `link` must wait for the proctor because the candidate's seat has another PC.
    bool held_off_seat_pc(live_exam& exam, live_candidate& who, exam_link const& link,
                          std::int64_t now);
    void start_attempt(live_exam& exam, live_candidate& who, std::int64_t now);
    void send_paper(live_exam& exam, live_candidate& who);
    void finish_attempt(live_exam& exam, live_candidate& who, std::string_view state,
                        std::int64_t now, std::optional<actor> const& by, nlohmann::json detail);
    void attach(live_exam& exam, live_candidate& who, exam_link const& link);
    void push_row(live_exam& exam, live_candidate const& who);
    void push_alert(live_exam& exam, live_candidate const& who, std::string_view kind,
                    nlohmann::json const& detail, std::int64_t at);
    void push_room_state(live_exam& exam);
    void push_clock(live_exam& exam, live_candidate const& who, std::string_view reason);
    void write_clock(live_exam& exam, live_attempt const& attempt);

    store::data_store& store_;
    /// Set by start(), before any candidate joins; read-only after.
    answer_file_crypto::key_pair answer_key_;
    std::atomic<std::int64_t> last_attempt_id_{0};
    std::mutex exams_mutex_;
    std::map<std::int64_t, std::shared_ptr<live_exam>> exams_;

    std::mutex clock_mutex_;
    std::condition_variable clock_wake_;
    bool stopping_ = false;
    std::thread clock_thread_;
};

} // namespace phongthi::server
