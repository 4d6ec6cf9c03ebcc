#include "server/course/conduct_json.hpp"

#include "server/api/api_support.hpp"

namespace phongthi::server::conduct_json {

nlohmann::json class_conduct(std::int64_t class_id, bool closed,
                             std::vector<conduct_store::conduct_entry> const& entries) {
    using nlohmann::json;
    auto const or_null = [](std::string const& text) {
        return text.empty() ? json(nullptr) : json(text);
    };
    json grades = json::array();
    for (auto const& g : conduct_store::conduct_grades())
        grades.push_back(
            {{"key", g.label.key}, {"vi", g.label.vi}, {"en", g.label.en}, {"passing", g.passing}});
    json list = json::array();
    for (auto const& e : entries)
        list.push_back({{"user_id", e.user_id},
                        {"username", e.username},
                        {"full_name", e.full_name},
                        {"list_number", e.list_number == 0 ? json(nullptr) : json(e.list_number)},
                        {"grade", or_null(e.grade)},
                        {"note", or_null(e.note)},
                        {"set_at", e.set_at == 0 ? json(nullptr) : json(iso_utc(e.set_at))},
                        {"set_by", or_null(e.set_by)}});
    return {{"class_id", class_id},
            {"closed", closed},
            {"grades", std::move(grades)},
            {"entries", std::move(list)}};
}

} // namespace phongthi::server::conduct_json
