#include "server/store/read_pool.hpp"

#include <stdexcept>

namespace phongthi::store {

read_pool::read_pool(std::filesystem::path const& file, std::size_t size) {
    if (size == 0)
        throw std::invalid_argument("read_pool needs at least one connection");
    all_.reserve(size);
    idle_.reserve(size);
    for (std::size_t i = 0; i < size; ++i) {
        auto connection = std::make_unique<database>(file, open_mode::read_only);
        // Belt and braces: even a statement that could write through this handle is refused.
        connection->exec("PRAGMA query_only = ON");
        idle_.push_back(connection.get());
        all_.push_back(std::move(connection));
    }
}

database& read_pool::acquire() {
    std::unique_lock lock(mutex_);
    returned_.wait(lock, [this] { return !idle_.empty(); });
    database* connection = idle_.back();
    idle_.pop_back();
    return *connection;
}

void read_pool::release(database& connection) noexcept {
    // The next borrower must start from a fresh snapshot: end whatever the last one left open.
    connection.reset_statements();
    if (connection.in_transaction()) {
        try {
            connection.exec("ROLLBACK");
        } catch (sqlite_error const&) {
            // Nothing more to do here: the next borrower's first statement reports a real fault.
        }
    }
    {
        std::lock_guard lock(mutex_);
        idle_.push_back(&connection);
    }
    returned_.notify_one();
}

} // namespace phongthi::store
