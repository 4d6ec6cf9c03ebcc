#pragma once

#include "server/store/read_pool.hpp"
#include "server/store/writer.hpp"

#include <cstddef>
#include <filesystem>
#include <string_view>

namespace phongthi::store {

/// The server's storage: the file <directory>/phongthi.db, migrated to the latest schema, with
/// its single writer thread and a pool of read connections.
///
/// Threads: construct and destroy on one thread (start-up and shutdown); the accessors and
/// stop() may be called from any thread.
class data_store {
public:
    /// The database file's name inside the data directory.
    static constexpr std::string_view file_name = "phongthi.db";
    /// Read connections opened when the caller does not say.
    static constexpr std::size_t default_readers = 4;

    /// Creates `directory` if missing, opens or creates the database, switches it to WAL,
    /// migrates it (throws schema_too_new when it is newer than this binary), then starts the
    /// writer and opens `readers` read connections.
    explicit data_store(std::filesystem::path const& directory,
                        std::size_t readers = default_readers);
    /// Calls stop().
    ~data_store();
    data_store(data_store const&) = delete;
    data_store& operator=(data_store const&) = delete;

    /// Where all writes go (group commit, one thread).
    writer& write_side() noexcept { return writer_; }
    /// Connections for queries.
    read_pool& read_side() noexcept { return readers_; }
    /// The database file.
    std::filesystem::path const& file() const noexcept { return file_; }

    /// Stops the writer after it has committed everything already queued. Idempotent.
    void stop();

private:
    std::filesystem::path file_;
    writer writer_;
    read_pool readers_;
};

} // namespace phongthi::store
