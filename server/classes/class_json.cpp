#include "server/classes/class_json.hpp"

#include "server/api/api_support.hpp"

namespace phongthi::server::class_json {

namespace {

using nlohmann::json;

json text_or_null(std::string const& text) {
    return text.empty() ? json(nullptr) : json(text);
}

json id_or_null(std::int64_t id) {
    return id == 0 ? json(nullptr) : json(id);
}

/// A course's closing time as ISO text, or null while it is open.
json closed_at(std::int64_t ms) {
    return ms == 0 ? json(nullptr) : json(iso_utc(ms));
}

std::string_view change_key(roster_change change) {
    switch (change) {
    case roster_change::create:
        return "create";
    case roster_change::update:
        return "update";
    case roster_change::unchanged:
        break;
    }
    return "unchanged";
}

} // namespace

json course(class_store::course_record const& c) {
    return {{"id", c.id},
            {"code", c.code},
            {"name", c.name},
            {"kind", c.kind},
            {"starts_on", text_or_null(c.starts_on)},
            {"ends_on", text_or_null(c.ends_on)},
            {"closed_at", closed_at(c.closed_at)}};
}

json class_summary(class_store::class_record const& c) {
    return {{"id", c.id},
            {"code", c.code},
            {"name", c.name},
            {"course",
             {{"id", c.course_id},
              {"code", c.course_code},
              {"name", c.course_name},
              {"closed_at", closed_at(c.course_closed_at)}}},
            {"room_id", id_or_null(c.room_id)},
            {"room", text_or_null(c.room_name)},
            {"unit_code", text_or_null(c.unit_code)},
            {"starts_on", text_or_null(c.starts_on)},
            {"ends_on", text_or_null(c.ends_on)},
            {"learners", c.learners}};
}

json class_detail(class_store::class_record const& c,
                  std::vector<class_store::enrollment_record> const& learners,
                  std::vector<class_store::staff_record> const& staff) {
    json list = json::array();
    for (auto const& e : learners)
        list.push_back({{"user_id", e.user_id},
                        {"username", e.username},
                        {"list_number", e.list_number == 0 ? json(nullptr) : json(e.list_number)},
                        {"full_name", e.profile.full_name},
                        {"birth_date", text_or_null(e.profile.birth_date)},
                        {"gender", text_or_null(e.profile.gender)},
                        {"unit_code", text_or_null(e.unit_code)},
                        {"unit_name", text_or_null(e.unit_name)},
                        {"position", text_or_null(e.profile.position)},
                        {"phone", text_or_null(e.profile.phone)},
                        {"seat_label", text_or_null(e.seat_label)},
                        {"conduct_grade", text_or_null(e.conduct_grade)},
                        {"status", e.status},
                        {"must_change_password", e.must_change_password}});
    json duties = json::array();
    for (auto const& s : staff)
        duties.push_back({{"user_id", s.user_id},
                          {"username", s.username},
                          {"full_name", s.full_name},
                          {"duty", s.duty}});
    json out = class_summary(c);
    out["enrollments"] = std::move(list);
    out["staff"] = std::move(duties);
    return out;
}

json roster_report(roster_file const& file, roster_plan const& plan) {
    json problems = json::array();
    for (auto const& p : plan.problems)
        problems.push_back({{"row", p.row},
                            {"field", p.field},
                            {"code", p.code},
                            {"vi", p.vi},
                            {"en", p.en},
                            {"level", p.error ? "error" : "warning"}});
    json rows = json::array();
    for (auto const& a : plan.actions) {
        auto const& row = file.rows[a.row];
        rows.push_back({{"row", row.row},
                        {"list_number", a.list_number},
                        {"full_name", row.full_name},
                        {"birth_date", row.birth_date},
                        {"action", change_key(a.change)},
                        {"username", a.username}});
    }
    return {{"problems", std::move(problems)},
            {"rows", std::move(rows)},
            {"summary",
             {{"created", plan.summary.created},
              {"updated", plan.summary.updated},
              {"unchanged", plan.summary.unchanged},
              {"withdrawn", plan.summary.withdrawn},
              {"not_in_file", plan.summary.not_in_file},
              {"units_created", plan.new_units.size()}}},
            {"errors", plan.has_errors()}};
}

} // namespace phongthi::server::class_json
