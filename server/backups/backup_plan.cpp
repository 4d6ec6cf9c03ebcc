#include "server/backups/backup_plan.hpp"

#include "server/app/server_settings.hpp"

namespace phongthi::server::backup_plan {

namespace {

constexpr std::string_view plan_setting_key = "backup_schedule";

/// The integer member `name` of `body` within [low, high], else nullopt.
std::optional<long> whole_number(nlohmann::json const& body, char const* name, long low,
                                 long high) {
    auto const found = body.find(name);
    if (found == body.end() || !found->is_number_integer())
        return std::nullopt;
    auto const n = found->get<long>();
    if (n < low || n > high)
        return std::nullopt;
    return n;
}

} // namespace

parsed parse(nlohmann::json const& body) {
    if (!body.is_object())
        return {std::nullopt, "every_minutes"};
    for (auto const& [key, value] : body.items())
        if (key != "every_minutes" && key != "keep")
            return {std::nullopt, key};
    auto const every = whole_number(body, "every_minutes", 0, max_every_minutes);
    if (!every)
        return {std::nullopt, "every_minutes"};
    auto const keep = whole_number(body, "keep", 1, max_keep);
    if (!keep)
        return {std::nullopt, "keep"};
    return {plan{std::chrono::minutes(*every), static_cast<std::size_t>(*keep), true}, ""};
}

plan current(store::database& db, plan const& configured) {
    auto const stored = server_settings::read(db, plan_setting_key);
    if (!stored)
        return configured;
    auto const read = parse(*stored);
    return read.value ? *read.value : configured;
}

void store(store::database& db, plan const& p, actor const& who, std::int64_t now) {
    server_settings::store(
        db, plan_setting_key,
        {{"every_minutes", std::chrono::duration_cast<std::chrono::minutes>(p.every).count()},
         {"keep", p.keep}},
        who, now);
}

void reset(store::database& db, actor const& who, std::int64_t now) {
    server_settings::erase(db, plan_setting_key, who, now);
}

nlohmann::json to_json(plan const& p) {
    auto const seconds = p.every.count();
    return {{"every_minutes", seconds % 60 == 0
                                  ? nlohmann::json(seconds / 60)
                                  : nlohmann::json(static_cast<double>(seconds) / 60)},
            {"keep", p.keep},
            {"source", p.from_settings ? "settings" : "options"}};
}

} // namespace phongthi::server::backup_plan
