#include "server/api/audit_api.hpp"

#include "server/api/router.hpp"
#include "server/app/services.hpp"
#include "server/audit/audit_query.hpp"
#include "server/store/database.hpp"

#include <utility>
#include <variant>

namespace phongthi::server {

namespace {

/// The filter from the query string, or the name of the parameter that is not valid.
std::variant<audit_query::filter, std::string> read_filter(http_request const& request) {
    audit_query::filter f;
    f.actor = request.query_value("actor").value_or("");
    f.action = request.query_value("action").value_or("");
    f.target = request.query_value("target").value_or("");
    for (auto [name, field] : {std::pair{"from", &f.from_ms}, std::pair{"to", &f.to_ms}}) {
        auto const text = request.query_value(name).value_or("");
        if (text.empty())
            continue;
        auto const ms = parse_iso_time(text);
        if (!ms)
            return std::string(name);
        *field = *ms;
    }
    if (auto const text = request.query_value("before").value_or(""); !text.empty()) {
        auto const id = parse_id(text);
        if (!id)
            return std::string("before");
        f.before_id = *id;
    }
    if (auto const text = request.query_value("limit").value_or(""); !text.empty()) {
        auto const limit = parse_id(text);
        if (!limit || *limit > audit_query::max_limit)
            return std::string("limit");
        f.limit = static_cast<int>(*limit);
    }
    return f;
}

} // namespace

void add_audit_routes(router& routes, services& shared) {
    routes.add("GET", "/api/audit", only({role::admin}),
               [&shared](api_call const& call, responder respond) {
                   auto const f = read_filter(call.request);
                   if (auto const* bad = std::get_if<std::string>(&f))
                       return respond(
                           error_response(400, "invalid_field", call.lang, json{{"field", *bad}}));
                   auto body = shared.store.read_side().with([&](store::database& db) {
                       auto page = audit_query::find(db, std::get<audit_query::filter>(f));
                       page["actions"] = audit_query::actions(db);
                       return page;
                   });
                   respond(json_response(200, body));
               });
}

} // namespace phongthi::server
