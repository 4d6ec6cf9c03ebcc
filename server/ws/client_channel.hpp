#pragma once

#include "server/net/http_server.hpp"

namespace phongthi::server {

struct services;

/// Makes the handler for each /ws connection: the versioned JSON protocol of docs/PROTOCOL.md.
/// A client first sends {"t":"hello","token":...}; until then only errors come back.
ws_handler_factory make_client_channel_factory(services& shared);

} // namespace phongthi::server
