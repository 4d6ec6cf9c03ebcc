#pragma once

#include <functional>
#include <string>
#include <string_view>

namespace phongthi::store {
class data_store;
class database;
} // namespace phongthi::store

/// Private keys the server keeps in server_settings ({"private_key_pem": ...}), so that a backup
/// restored on a spare PC keeps them.
namespace phongthi::server::stored_key {

/// The PEM stored under `setting`; when there is none, one made by `generate` is stored first
/// (INSERT OR IGNORE: whoever stores first wins and everyone reads that one back). Start-up and
/// CLI only: it writes through the writer and waits.
std::string load_or_create(store::data_store& store, std::string_view setting,
                           std::function<std::string()> const& generate);

/// Stores `private_pem` under `setting` in place of the key there, in the writer's transaction
/// that also runs `also` (the audit row). CLI only, with the data directory locked: a running
/// server keeps the key it read at start.
void replace(store::data_store& store, std::string_view setting, std::string const& private_pem,
             std::function<void(store::database&)> const& also);

} // namespace phongthi::server::stored_key
