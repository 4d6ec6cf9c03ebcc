#pragma once

#include "server/store/database.hpp"

#include <condition_variable>
#include <cstddef>
#include <filesystem>
#include <memory>
#include <mutex>
#include <utility>
#include <vector>

namespace phongthi::store {

/// A fixed set of read-only connections (query_only) to a WAL database, lent to one caller at
/// a time. Readers see the last committed state and never block the writer.
///
/// Threads: with() and size() may be called from any thread, concurrently.
class read_pool {
public:
    /// Opens `size` (at least 1) read-only connections to `file`, which must exist and be in
    /// WAL mode. Throws sqlite_error on failure.
    read_pool(std::filesystem::path const& file, std::size_t size);
    read_pool(read_pool const&) = delete;
    read_pool& operator=(read_pool const&) = delete;

    /// Runs f(database&) with a borrowed connection and returns its result; blocks while all
    /// connections are lent out. The connection must not escape f. Exceptions from f pass
    /// through, after the connection is returned.
    template <class F> auto with(F&& f) {
        loan const borrowed(*this);
        return std::forward<F>(f)(borrowed.connection);
    }

    /// How many connections the pool holds.
    std::size_t size() const noexcept { return all_.size(); }

private:
    /// Holds one connection for the lifetime of a with() call.
    struct loan {
        explicit loan(read_pool& owner) : pool(owner), connection(owner.acquire()) {}
        ~loan() { pool.release(connection); }
        loan(loan const&) = delete;
        loan& operator=(loan const&) = delete;

        read_pool& pool;
        database& connection;
    };

    database& acquire();
    void release(database& connection) noexcept;

    std::vector<std::unique_ptr<database>> all_;
    std::mutex mutex_;
    std::condition_variable returned_;
    std::vector<database*> idle_;
};

} // namespace phongthi::store
