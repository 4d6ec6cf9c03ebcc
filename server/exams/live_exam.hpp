#pragma once

#include "question-bank/blueprint.hpp"
#include "question-bank/paper.hpp"
#include "question-bank/question.hpp"
#include "server/exams/attempt_clock.hpp"
#include "server/exams/exam_runtime.hpp"
#include "server/exams/exam_settings.hpp"
#include "server/exams/exam_store.hpp"

#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

// The in-memory state of the exam runtime, shared by its .cpp files only. Everything here is
// guarded by live_exam::mutex.
namespace phongthi::server {

/// The newest answer of one question of a paper.
struct answer_slot {
    std::int64_t seq = 0; ///< 0: never answered
    std::vector<int> choice; ///< indexes into the revision's options, ascending
    bool flagged = false;
};

struct live_attempt {
    std::int64_t id = 0; ///< 0 until the insert has committed
    int number = 1;
    std::string state = "in_progress"; ///< in_progress, submitted, auto_submitted, voided
    attempt_clock clock;
    std::int64_t started_at = 0;
    std::optional<std::int64_t> submitted_at;
    std::string variant;
    bank::paper paper;
    std::vector<answer_slot> answers; ///< one per paper item
    std::int64_t last_seq = 0;
    int answered = 0;
    std::string address; ///< the PC the attempt runs on

    bool running() const noexcept { return state == "in_progress"; }
};

/// A learner of the exam's class and where they stand.
struct live_candidate {
    exam_store::roster_entry who;
    std::shared_ptr<live_attempt> attempt; ///< the newest attempt, if any
    int attempts_used = 0;   ///< attempts that count (not voided)
    int attempts_total = 0;  ///< every attempt, for numbering
    std::optional<exam_link> link; ///< the connection holding the attempt or waiting
    bool waiting = false;          ///< joined, no running attempt yet
    std::optional<std::int64_t> disconnected_at;
    std::optional<exam_link> move_request; ///< another PC asking to continue or start the attempt
    std::string approved_address; ///< a PC the proctor let in though it is not the seat's
    int alerts = 0;
    std::string last_alert; ///< the kind of the newest alert, "" before the first
};

struct live_exam {
    std::mutex mutex;
    exam_store::exam_record record;
    exam_settings settings;
    std::optional<bank::blueprint> plan; ///< nullopt: no usable published blueprint
    std::int64_t blueprint_id = 0;
    std::vector<bank::pool_entry> pool;
    std::map<std::int64_t, live_candidate> candidates; ///< by user id
    std::map<std::int64_t, std::int64_t> attempt_users; ///< attempt id -> user id
    std::vector<exam_link> watchers;
    std::map<std::int64_t, std::shared_ptr<bank::question const>> revisions;
    bool closed = false;
};

} // namespace phongthi::server
