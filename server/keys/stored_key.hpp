#pragma once

#include <functional>
#include <string>
#include <string_view>

namespace phongthi::store {
class data_store;
}

/// Private keys the server keeps in server_settings ({"private_key_pem": ...}), so that a backup
/// restored on a spare PC keeps them.
namespace phongthi::server::stored_key {

/// The PEM stored under `setting`; when there is none, one made by `generate` is stored first
/// (INSERT OR IGNORE: whoever stores first wins and everyone reads that one back). Start-up and
/// CLI only: it writes through the writer and waits.
std::string load_or_create(store::data_store& store, std::string_view setting,
                           std::function<std::string()> const& generate);

} // namespace phongthi::server::stored_key
