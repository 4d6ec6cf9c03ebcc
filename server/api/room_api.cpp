#include "server/api/room_api.hpp"

#include "scoring/qr_code.hpp"
#include "server/api/router.hpp"
#include "server/app/lan_addresses.hpp"
#include "server/app/services.hpp"
#include "server/exams/room_layout.hpp"
#include "server/store/database.hpp"

#include <algorithm>
#include <string>
#include <utility>

namespace phongthi::server {

namespace {

constexpr std::size_t max_qr_chars = 512;
constexpr int qr_module_px = 8;

/// The number of characters (code points) of UTF-8 text.
std::size_t utf8_length(std::string_view text) {
    return static_cast<std::size_t>(std::count_if(text.begin(), text.end(), [](char c) {
        return (static_cast<unsigned char>(c) & 0xC0) != 0x80;
    }));
}

} // namespace

void add_room_routes(router& routes, services& shared, std::function<std::uint16_t()> port,
                     std::string scheme) {
    auto const staff = only({role::admin, role::lecturer, role::proctor});
    routes.add("GET", "/api/exams/{id}/layout", staff,
               [&shared](api_call const& call, responder respond) {
                   auto const id = parse_id(call.params.at(0));
                   auto const layout = id ? shared.store.read_side().with([&](store::database& db) {
                       return room_layout::of_exam(db, *id);
                   })
                                          : std::nullopt;
                   if (!layout)
                       return respond(error_response(404, "exam_not_found", call.lang));
                   respond(json_response(200, *layout));
               });
    routes.add("GET", "/api/qr.svg", staff, [](api_call const& call, responder respond) {
        auto const text = call.request.query_value("text").value_or("");
        auto const length = utf8_length(text);
        if (length == 0 || length > max_qr_chars)
            return respond(
                error_response(400, "invalid_field", call.lang, json{{"field", "text"}}));
        auto const svg = scoring::qr_svg(scoring::encode_qr(text), qr_module_px);
        respond(
            http_response{200, "image/svg+xml", svg, {{"Cache-Control", "private, max-age=3600"}}});
    });
    routes.add(
        "GET", "/api/server/urls", staff,
        [port = std::move(port), scheme = std::move(scheme)](api_call const&, responder respond) {
            json urls = json::array();
            auto const suffix = ":" + std::to_string(port()) + "/";
            for (auto const& address : lan_addresses())
                urls.push_back(scheme + "://" + address + suffix);
            respond(json_response(200, json{{"urls", std::move(urls)}}));
        });
}

} // namespace phongthi::server
