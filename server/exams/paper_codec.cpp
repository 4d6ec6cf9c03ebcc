#include "server/exams/paper_codec.hpp"

#include "server/store/database.hpp"

#include <algorithm>

namespace phongthi::server::paper_codec {

namespace {

using json = nlohmann::json;

} // namespace

std::vector<bank::pool_entry> read_pool(store::database& db,
                                        std::vector<std::int64_t> const& bank_ids) {
    auto query = db.prepare(
        "SELECT q.id, r.id, r.topic, r.level, r.points, r.shuffle_options, "
        "json_array_length(r.options) FROM questions q "
        "JOIN question_revisions r ON r.id = q.current_revision_id "
        "WHERE q.bank_id = ?1 AND q.deleted_at IS NULL ORDER BY q.id");
    std::vector<bank::pool_entry> pool;
    for (auto const bank_id : bank_ids) {
        query.reset();
        query.bind(1, bank_id);
        while (query.step()) {
            bank::pool_entry e;
            e.question_id = query.column_int64(0);
            e.revision_id = query.column_int64(1);
            e.topic = query.column_text(2);
            e.level = bank::parse_level(query.column_text(3)).value_or(e.level);
            e.points = query.column_double(4);
            e.shuffle_options = query.column_int64(5) != 0;
            e.option_count = static_cast<int>(query.column_int64(6));
            pool.push_back(std::move(e));
        }
    }
    std::sort(pool.begin(), pool.end(),
              [](auto const& a, auto const& b) { return a.question_id < b.question_id; });
    return pool;
}

json pool_to_json(std::vector<bank::pool_entry> const& pool) {
    json entries = json::array();
    for (auto const& e : pool)
        entries.push_back({{"q", e.question_id},
                           {"r", e.revision_id},
                           {"topic", e.topic},
                           {"level", bank::level_key(e.level)},
                           {"points", e.points},
                           {"shuffle", e.shuffle_options},
                           {"options", e.option_count}});
    return entries;
}

std::optional<std::vector<bank::pool_entry>> pool_from_json(json const& pool) {
    if (!pool.is_array())
        return std::nullopt;
    std::vector<bank::pool_entry> entries;
    entries.reserve(pool.size());
    try {
        for (auto const& item : pool) {
            bank::pool_entry e;
            e.question_id = item.at("q").get<std::int64_t>();
            e.revision_id = item.at("r").get<std::int64_t>();
            e.topic = item.at("topic").get<std::string>();
            auto const level = bank::parse_level(item.at("level").get<std::string>());
            if (!level)
                return std::nullopt;
            e.level = *level;
            e.points = item.at("points").get<double>();
            e.shuffle_options = item.at("shuffle").get<bool>();
            e.option_count = item.at("options").get<int>();
            entries.push_back(std::move(e));
        }
    } catch (json::exception const&) {
        return std::nullopt;
    }
    return entries;
}

json paper_to_json(bank::paper const& paper) {
    json items = json::array();
    for (auto const& item : paper.items)
        items.push_back({{"q", item.question_id},
                         {"r", item.revision_id},
                         {"points", item.points},
                         {"order", item.option_order},
                         {"ids", item.option_ids}});
    return items;
}

std::optional<bank::paper> paper_from_json(json const& paper) {
    if (!paper.is_array())
        return std::nullopt;
    bank::paper result;
    result.items.reserve(paper.size());
    try {
        for (auto const& entry : paper) {
            bank::paper_item item;
            item.question_id = entry.at("q").get<std::int64_t>();
            item.revision_id = entry.at("r").get<std::int64_t>();
            item.points = entry.at("points").get<double>();
            item.option_order = entry.at("order").get<std::vector<int>>();
            item.option_ids = entry.at("ids").get<std::vector<std::string>>();
            if (item.option_order.size() != item.option_ids.size())
                return std::nullopt;
            result.items.push_back(std::move(item));
        }
    } catch (json::exception const&) {
        return std::nullopt;
    }
    return result;
}

} // namespace phongthi::server::paper_codec
