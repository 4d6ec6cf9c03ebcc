#pragma once

#include <nlohmann/json.hpp>

#include <cstdint>
#include <optional>

namespace phongthi::store {
class database;
}

/// The seat plan of the room an exam sits in, for the proctor's seat map.
namespace phongthi::server::room_layout {

/// The layout of exam `exam_id`'s room (the exam's own room, else its class's room) as
/// {"room": {"id","name","rows","cols"} or null, "seats": [{"row","col","label","disabled"}]},
/// seats by row then column; nullopt when there is no such exam. On a read connection.
std::optional<nlohmann::json> of_exam(store::database& db, std::int64_t exam_id);

} // namespace phongthi::server::room_layout
