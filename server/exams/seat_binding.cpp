// Seats in the exam runtime: candidates bound to their seat's PC (exam setting seat_pc_binding)
// and seats re-read after the class is seated or its room edited. See docs/CLASSES.md.
#include "server/accounts/account_store.hpp"
#include "server/api/api_support.hpp"
#include "server/exams/exam_runtime.hpp"
#include "server/exams/live_exam.hpp"
#include "server/exams/runtime_messages.hpp"
#include "server/store/data_store.hpp"

#include <vector>

namespace phongthi::server {

bool exam_runtime::held_off_seat_pc(live_exam& exam, live_candidate& who, exam_link const& link,
                                    std::int64_t now) {
    auto const& seat = who.who;
    if (!exam.settings.seat_pc_binding || seat.seat_host.empty() ||
        seat.seat_host == link.address || who.approved_address == link.address)
        return false;
    who.move_request = link;
    runtime_messages::send(link, {{"t", "resume_pending"},
                                  {"exam", exam.record.id},
                                  {"reason", "seat_pc"},
                                  {"seat", seat.seat_label}});
    push_alert(exam, who, "seat_pc",
               {{"seat", seat.seat_label}, {"expected", seat.seat_host}, {"from", link.address}},
               now);
    push_row(exam, who);
    return true;
}

void exam_runtime::approve_seat_pc(std::int64_t exam_id, std::int64_t user_id, actor const& who,
                                   action_done done) {
    auto const exam = find_live(exam_id);
    if (!exam)
        return done({404, "exam_not_found", json::object()});
    std::lock_guard lock(exam->mutex);
    auto const found = exam->candidates.find(user_id);
    if (found == exam->candidates.end())
        return done({404, "not_found", json::object()});
    auto& candidate = found->second;
    if (!candidate.move_request || (candidate.attempt && candidate.attempt->running()))
        return done({409, "invalid_state", json::object()});
    auto const link = *candidate.move_request;
    candidate.move_request.reset();
    candidate.approved_address = link.address;
    auto const now = now_ms();
    admit(*exam, candidate, link, now);
    json const detail{{"user_id", user_id},
                      {"seat", candidate.who.seat_label},
                      {"expected", candidate.who.seat_host},
                      {"address", link.address}};
    store_.write_side().submit(
        [exam_id, detail, who, now](store::database& db) {
            account_store::append_audit(db, who, "exam.approve_seat_pc",
                                        "exam:" + std::to_string(exam_id), detail.dump(), now);
        },
        [done = std::move(done)](std::exception_ptr error) {
            done(error ? action_outcome{500, "internal", json::object()} : action_outcome{});
        });
}

void exam_runtime::refresh_seats() {
    std::vector<std::shared_ptr<live_exam>> open;
    {
        std::lock_guard lock(exams_mutex_);
        for (auto const& [id, exam] : exams_)
            open.push_back(exam);
    }
    for (auto const& exam : open) {
        std::int64_t class_id = 0;
        std::optional<std::int64_t> room_id;
        {
            std::lock_guard lock(exam->mutex);
            class_id = exam->record.class_id;
            room_id = exam->record.room_id;
        }
        auto const roster = store_.read_side().with(
            [&](store::database& db) { return exam_store::class_roster(db, class_id, room_id); });
        std::lock_guard lock(exam->mutex);
        for (auto const& entry : roster) {
            auto const found = exam->candidates.find(entry.user_id);
            if (found == exam->candidates.end())
                continue;
            auto& seat = found->second.who;
            if (seat.seat_label == entry.seat_label && seat.seat_host == entry.seat_host &&
                seat.seat_id == entry.seat_id)
                continue;
            seat.seat_label = entry.seat_label;
            seat.seat_id = entry.seat_id;
            seat.seat_row = entry.seat_row;
            seat.seat_col = entry.seat_col;
            seat.seat_host = entry.seat_host;
            push_row(*exam, found->second);
        }
    }
}

} // namespace phongthi::server
