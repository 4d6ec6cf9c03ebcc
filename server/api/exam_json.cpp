#include "server/api/exam_json.hpp"

#include "server/exams/exam_settings.hpp"

namespace phongthi::server {

json optional_time(std::optional<std::int64_t> t) {
    return t ? json(iso_utc(*t)) : json(nullptr);
}

json to_json(exam_store::exam_record const& e,
             std::optional<exam_store::blueprint_record> const& bp) {
    json blueprint = bp ? bp->spec : json(nullptr);
    if (blueprint.is_object())
        blueprint.erase("pool");
    return {{"id", e.id},
            {"class_id", e.class_id},
            {"title", e.title},
            {"state", e.state},
            {"settings", to_json(parse_exam_settings(e.settings).value)},
            {"blueprint", std::move(blueprint)},
            {"blueprint_revision", bp ? json(bp->revision) : json(nullptr)},
            {"published", e.published_blueprint_id.has_value()},
            {"opens_at", optional_time(e.opens_at)},
            {"closes_at", optional_time(e.closes_at)},
            {"started_at", optional_time(e.started_at)},
            {"paused", e.paused_at.has_value()},
            {"created_at", iso_utc(e.created_at)}};
}

json to_json(exam_check const& check) {
    json shortages = json::array();
    for (auto const& s : check.shortages)
        shortages.push_back({{"topic", s.topic},
                             {"level", bank::level_key(s.level)},
                             {"wanted", s.wanted},
                             {"available", s.available}});
    return {{"ok", check.ok()},
            {"pool_size", check.pool_size},
            {"shortages", std::move(shortages)},
            {"message_vi", check.message_vi},
            {"message_en", check.message_en}};
}

} // namespace phongthi::server
