#include "server/api/router.hpp"

#include "server/accounts/session_keeper.hpp"
#include "server/app/services.hpp"
#include "server/auth/session_token.hpp"

#include <algorithm>

namespace phongthi::server {

actor actor_of(api_call const& call) {
    return actor{call.user->id, call.user->username, call.request.remote_address};
}

namespace {

std::vector<std::string> split_path(std::string_view path) {
    std::vector<std::string> segments;
    std::size_t start = 1;
    while (start <= path.size()) {
        auto const end = std::min(path.find('/', start), path.size());
        segments.emplace_back(path.substr(start, end - start));
        start = end + 1;
    }
    return segments;
}

bool is_placeholder(std::string const& segment) {
    return segment.size() > 2 && segment.front() == '{' && segment.back() == '}';
}

/// The placeholder values when `path` matches `pattern`.
std::optional<std::vector<std::string>> match(std::vector<std::string> const& pattern,
                                              std::vector<std::string> const& path) {
    if (pattern.size() != path.size())
        return std::nullopt;
    std::vector<std::string> params;
    for (std::size_t i = 0; i < pattern.size(); ++i) {
        if (is_placeholder(pattern[i])) {
            if (path[i].empty())
                return std::nullopt;
            params.push_back(path[i]);
        } else if (pattern[i] != path[i]) {
            return std::nullopt;
        }
    }
    return params;
}

} // namespace

void router::add(std::string method, std::string pattern, access who, api_handler handler) {
    auto segments = split_path(pattern);
    auto const scope = class_scope::of_pattern(segments);
    routes_.push_back(
        {std::move(method), std::move(segments), std::move(who), std::move(handler), scope});
}

void router::handle(http_request const& request, responder respond) const {
    language const lang = request.preferred_language();
    auto const path = split_path(request.path);
    bool path_known = false;
    for (auto const& r : routes_) {
        auto params = match(r.segments, path);
        if (!params)
            continue;
        path_known = true;
        if (r.method != request.method)
            continue;
        api_call call{request, std::nullopt, std::move(*params), lang};
        if (r.who.signed_in) {
            auto const token = request.bearer_token();
            if (!token.empty())
                call.user = services_.sessions.authenticate(auth::token_digest(token), now_ms());
            if (!call.user)
                return respond(error_response(401, "unauthenticated", lang));
            if (!r.who.roles.empty() && std::find(r.who.roles.begin(), r.who.roles.end(),
                                                  call.user->user_role) == r.who.roles.end())
                return respond(error_response(403, "forbidden", lang));
            auto const id =
                r.scope == class_scope::kind::none ? std::nullopt : parse_id(call.params.at(0));
            if (id && !services_.store.read_side().with([&](store::database& db) {
                    return class_scope::allows(db, *call.user, r.scope, *id);
                }))
                return respond(error_response(403, class_scope::refusal_code(r.scope), lang));
        }
        return r.handler(call, std::move(respond));
    }
    respond(error_response(path_known ? 405 : 404, path_known ? "method_not_allowed" : "not_found",
                           lang));
}

} // namespace phongthi::server
