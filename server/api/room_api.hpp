#pragma once

#include <cstdint>
#include <functional>
#include <string>

namespace phongthi::server {

class router;
struct services;

/// What the proctor's seat map and the projector screen read (docs/EXAMS.md, "Proctor"): the
/// exam's room layout, a QR code as SVG, and the URLs candidates type. `port` answers the
/// listening port when a request asks for the URLs; `scheme` is "http" or "https".
void add_room_routes(router& routes, services& shared, std::function<std::uint16_t()> port,
                     std::string scheme);

} // namespace phongthi::server
