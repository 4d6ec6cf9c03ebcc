#pragma once

#include "server/accounts/user.hpp"
#include "server/api/api_support.hpp"
#include "server/api/class_scope.hpp"

#include <functional>
#include <initializer_list>
#include <optional>
#include <string>
#include <vector>

namespace phongthi::server {

struct services;

/// One API call after routing: the request, the signed-in user (when the route needs one),
/// the values of the route's {placeholders}, and the language to answer in.
struct api_call {
    http_request const& request;
    std::optional<user_record> user;
    std::vector<std::string> params;
    language lang;
};

/// The signed-in user of a call as the audit log names them. Only for routes that need a user.
actor actor_of(api_call const& call);

/// Handles one routed call; answers through the responder, now or later from any thread.
using api_handler = std::function<void(api_call const&, responder)>;

/// Who may call a route.
struct access {
    bool signed_in = true;   ///< false: public route
    std::vector<role> roles; ///< empty: any signed-in role
};

inline access public_access() {
    return {false, {}};
}
inline access any_user() {
    return {true, {}};
}
inline access only(std::initializer_list<role> roles) {
    return {true, roles};
}

/// Maps method + path (with {placeholders}) to handlers and checks the session, the role and,
/// for lecturers and proctors on an exam's, attempt's or class's route, that they are staff of
/// its class (class_scope) before every handler. Add routes at start-up; handle() is then
/// thread-safe.
class router {
public:
    explicit router(services& shared) : services_(shared) {}

    void add(std::string method, std::string pattern, access who, api_handler handler);
    /// Routes a request under /api/. Called on the connection's strand.
    void handle(http_request const& request, responder respond) const;

private:
    struct route {
        std::string method;
        std::vector<std::string> segments;
        access who;
        api_handler handler;
        class_scope::kind scope;
    };
    services& services_;
    std::vector<route> routes_;
};

} // namespace phongthi::server
