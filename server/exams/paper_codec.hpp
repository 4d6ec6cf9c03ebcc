#pragma once

#include "question-bank/paper.hpp"

#include <nlohmann/json.hpp>

#include <cstdint>
#include <optional>
#include <vector>

namespace phongthi::store {
class database;
}

/// How the frozen pool of a published blueprint and the drawn papers of attempts are stored as
/// JSON (blueprints.spec "pool", attempts.paper), and how the pool is read from the banks.
namespace phongthi::server::paper_codec {

/// The current revision of every live question of `bank_ids`, ordered by question id.
std::vector<bank::pool_entry> read_pool(store::database& db,
                                        std::vector<std::int64_t> const& bank_ids);

nlohmann::json pool_to_json(std::vector<bank::pool_entry> const& pool);
/// nullopt when the JSON is not a pool this server wrote.
std::optional<std::vector<bank::pool_entry>> pool_from_json(nlohmann::json const& pool);

nlohmann::json paper_to_json(bank::paper const& paper);
/// nullopt when the JSON is not a paper this server wrote.
std::optional<bank::paper> paper_from_json(nlohmann::json const& paper);

} // namespace phongthi::server::paper_codec
