#include "server/api/id_route.hpp"

namespace phongthi::server {

api_handler with_id(services& shared, id_handler handler, std::string missing) {
    return [&shared, handler = std::move(handler),
            missing = std::move(missing)](api_call const& call, responder respond) {
        auto const id = parse_id(call.params.at(0));
        if (!id)
            return respond(error_response(404, missing, call.lang));
        handler(shared, call, std::move(respond), *id);
    };
}

} // namespace phongthi::server
