#pragma once

#include <string>
#include <vector>

namespace phongthi::server {

/// The IPv4 addresses of this PC's network cards other than 127.0.0.1, for the URL candidates
/// type; empty when they cannot be listed. Any thread.
std::vector<std::string> lan_addresses();

} // namespace phongthi::server
