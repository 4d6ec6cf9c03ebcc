#include "server/classroom/seating_store.hpp"

#include "server/store/database.hpp"

#include <algorithm>
#include <set>

namespace phongthi::server::seating_store {

std::optional<class_seating> seating_of_class(store::database& db, std::int64_t class_id) {
    auto room = db.prepare("SELECT COALESCE(room_id, 0) FROM classes WHERE id = ?1");
    room.bind(1, class_id);
    if (!room.step())
        return std::nullopt;
    class_seating seating;
    seating.room_id = room.column_int64(0);
    auto seats = db.prepare("SELECT label, row, col FROM seats WHERE room_id = ?1 AND "
                            "disabled = 0 ORDER BY row, col");
    seats.bind(1, seating.room_id);
    while (seats.step())
        seating.seats.push_back({seats.column_text(0), static_cast<int>(seats.column_int64(1)),
                                 static_cast<int>(seats.column_int64(2))});
    auto learners = db.prepare(
        "SELECT u.id, COALESCE(n.code, '') FROM enrollments e JOIN users u ON u.id = e.user_id "
        "LEFT JOIN units n ON n.id = u.unit_id WHERE e.class_id = ?1 AND e.status = 'enrolled' "
        "AND u.role = 'candidate' ORDER BY COALESCE(e.list_number, 1e9), u.full_name, u.id");
    learners.bind(1, class_id);
    while (learners.step())
        seating.learners.push_back({learners.column_int64(0), learners.column_text(1)});
    return seating;
}

void write_placements(store::database& db, std::int64_t class_id,
                      std::vector<seat_assignment::placement> const& placements) {
    db.prepare("UPDATE enrollments SET seat_label = NULL WHERE class_id = ?1")
        .bind(1, class_id)
        .run();
    auto update =
        db.prepare("UPDATE enrollments SET seat_label = ?3 WHERE class_id = ?1 AND user_id = ?2");
    for (auto const& p : placements)
        update.bind_all(class_id, p.user_id, p.label).run();
}

seat_outcome seat_learner(store::database& db, std::int64_t class_id, std::int64_t user_id,
                          std::string const& label) {
    auto const seating = seating_of_class(db, class_id);
    if (!seating || seating->room_id == 0)
        return {seat_refusal::no_room, ""};
    auto const learner =
        std::find_if(seating->learners.begin(), seating->learners.end(),
                     [&](seat_assignment::learner_unit const& l) { return l.user_id == user_id; });
    if (learner == seating->learners.end())
        return {seat_refusal::not_enrolled, ""};
    std::set<std::string> taken;
    auto others = db.prepare("SELECT seat_label FROM enrollments WHERE class_id = ?1 AND "
                             "status = 'enrolled' AND user_id <> ?2 AND seat_label IS NOT NULL");
    others.bind_all(class_id, user_id);
    while (others.step())
        taken.insert(others.column_text(0));
    std::string chosen;
    if (label.empty()) {
        auto const free = std::find_if(
            seating->seats.begin(), seating->seats.end(),
            [&](seat_assignment::seat_cell const& s) { return !taken.contains(s.label); });
        if (free == seating->seats.end())
            return {seat_refusal::room_full, ""};
        chosen = free->label;
    } else {
        if (std::none_of(seating->seats.begin(), seating->seats.end(),
                         [&](seat_assignment::seat_cell const& s) { return s.label == label; }))
            return {seat_refusal::no_such_seat, label};
        if (taken.contains(label))
            return {seat_refusal::seat_taken, label};
        chosen = label;
    }
    db.prepare("UPDATE enrollments SET seat_label = ?3 WHERE class_id = ?1 AND user_id = ?2")
        .bind_all(class_id, user_id, chosen)
        .run();
    return {seat_refusal::none, chosen};
}

} // namespace phongthi::server::seating_store
