#include "server/exams/exam_definition.hpp"

#include "question-bank/blueprint.hpp"
#include "question-bank/text.hpp"
#include "server/api/api_support.hpp"
#include "server/exams/paper_codec.hpp"

#include <algorithm>

namespace phongthi::server {

namespace {

constexpr std::size_t max_title_bytes = 300;

/// opens_at / closes_at: absent or null, or an ISO time with an offset.
std::optional<std::int64_t> read_time(json const& body, std::string const& key,
                                      std::vector<definition_error>& errors) {
    auto const found = body.find(key);
    if (found == body.end() || found->is_null())
        return std::nullopt;
    auto const time = found->is_string() ? parse_iso_time(found->get<std::string>()) : std::nullopt;
    if (!time)
        errors.push_back({key, "invalid_field"});
    return time;
}

/// The blueprint with its banks, or the problems, as "blueprint.<field>".
std::optional<std::pair<std::vector<std::int64_t>, json>>
read_blueprint(json const& body, std::vector<definition_error>& errors) {
    auto const found = body.find("blueprint");
    if (found == body.end() || !found->is_object()) {
        errors.push_back({"blueprint", "invalid_field"});
        return std::nullopt;
    }
    json spec = *found;
    std::vector<std::int64_t> banks;
    auto const ids = spec.find("bank_ids");
    if (ids == spec.end() || !ids->is_array() || ids->empty()) {
        errors.push_back({"blueprint.bank_ids", "invalid_field"});
    } else {
        for (auto const& id : *ids) {
            if (!id.is_number_integer() || id.get<std::int64_t>() <= 0) {
                errors.push_back({"blueprint.bank_ids", "invalid_field"});
                break;
            }
            banks.push_back(id.get<std::int64_t>());
        }
        std::sort(banks.begin(), banks.end());
        banks.erase(std::unique(banks.begin(), banks.end()), banks.end());
    }
    spec.erase("bank_ids");
    auto parsed = bank::parse_blueprint(spec);
    for (auto const& p : parsed.problems)
        errors.push_back(
            {"blueprint." + p.field, p.code == "unknown_key" ? "unknown_field" : "invalid_field"});
    if (!parsed.value || banks.empty())
        return std::nullopt;
    json normalized = bank::to_json(*parsed.value);
    normalized["bank_ids"] = banks;
    return std::pair{std::move(banks), std::move(normalized)};
}

std::vector<std::int64_t> banks_of(json const& spec) {
    std::vector<std::int64_t> banks;
    if (auto const ids = spec.find("bank_ids"); ids != spec.end() && ids->is_array())
        for (auto const& id : *ids)
            if (id.is_number_integer())
                banks.push_back(id.get<std::int64_t>());
    return banks;
}

std::optional<bank::blueprint> plan_of(json spec) {
    spec.erase("bank_ids");
    spec.erase("pool");
    return bank::parse_blueprint(spec).value;
}

} // namespace

definition_parse parse_definition(json const& body) {
    definition_parse result;
    auto& errors = result.errors;
    exam_definition d;
    auto const class_id = body.find("class_id");
    if (class_id == body.end() || !class_id->is_number_integer() ||
        class_id->get<std::int64_t>() <= 0)
        errors.push_back({"class_id", "invalid_field"});
    else
        d.exam.class_id = class_id->get<std::int64_t>();
    auto const title = string_member(body, "title");
    if (title)
        d.exam.title = bank::normalize_text(*title);
    if (!title || d.exam.title.empty() || d.exam.title.size() > max_title_bytes)
        errors.push_back({"title", "invalid_field"});
    auto settings = parse_exam_settings(body.value("settings", json::object()));
    for (auto const& e : settings.errors)
        errors.push_back({"settings." + e.field, e.code});
    d.exam.settings = to_json(settings.value);
    d.exam.opens_at = read_time(body, "opens_at", errors);
    d.exam.closes_at = read_time(body, "closes_at", errors);
    if (d.exam.opens_at && d.exam.closes_at && *d.exam.closes_at <= *d.exam.opens_at)
        errors.push_back({"closes_at", "invalid_field"});
    auto blueprint = read_blueprint(body, errors);
    for (auto const& [key, value] : body.items())
        if (key != "class_id" && key != "title" && key != "settings" && key != "blueprint" &&
            key != "opens_at" && key != "closes_at")
            errors.push_back({key, "unknown_field"});
    if (errors.empty() && blueprint) {
        d.bank_ids = std::move(blueprint->first);
        d.blueprint_spec = std::move(blueprint->second);
        result.value = std::move(d);
    } else if (errors.empty()) {
        errors.push_back({"blueprint", "invalid_field"});
    }
    return result;
}

exam_check check_against(bank::blueprint const& plan, std::vector<bank::pool_entry> const& pool) {
    exam_check check;
    check.pool_size = pool.size();
    check.shortages = bank::draw_paper(plan, pool, 1).shortages;
    if (!check.shortages.empty()) {
        check.message_vi = bank::describe_shortages(check.shortages, true);
        check.message_en = bank::describe_shortages(check.shortages, false);
    }
    return check;
}

exam_check check_blueprint(store::database& db, json const& spec) {
    auto const plan = plan_of(spec);
    if (!plan)
        return {};
    return check_against(*plan, paper_codec::read_pool(db, banks_of(spec)));
}

std::optional<paper_source> paper_source_of(store::database& db, json const& spec) {
    auto plan = plan_of(spec);
    if (!plan)
        return std::nullopt;
    if (!spec.contains("pool"))
        return paper_source{std::move(*plan), paper_codec::read_pool(db, banks_of(spec)), false};
    auto pool = paper_codec::pool_from_json(spec["pool"]);
    if (!pool)
        return std::nullopt;
    return paper_source{std::move(*plan), std::move(*pool), true};
}

exam_check publish_blueprint(store::database& db, std::int64_t exam_id, json const& spec,
                             std::optional<std::int64_t> author_id, std::int64_t now) {
    auto const plan = plan_of(spec);
    if (!plan) {
        exam_check broken;
        broken.message_vi = "Ma trận đề không hợp lệ";
        broken.message_en = "The blueprint is not valid";
        return broken;
    }
    auto const pool = paper_codec::read_pool(db, banks_of(spec));
    auto check = check_against(*plan, pool);
    if (!check.shortages.empty())
        return check;
    json frozen = spec;
    frozen["pool"] = paper_codec::pool_to_json(pool);
    auto const id = exam_store::insert_blueprint(db, exam_id, frozen, author_id, now);
    exam_store::set_published_blueprint(db, exam_id, id);
    return check;
}

} // namespace phongthi::server
