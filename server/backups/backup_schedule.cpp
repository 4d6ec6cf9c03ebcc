#include "server/backups/backup_schedule.hpp"

#include "server/api/api_support.hpp"
#include "server/backups/backup_files.hpp"
#include "server/log.hpp"

#include <algorithm>
#include <string>

namespace phongthi::server {

backup_schedule::backup_schedule(std::filesystem::path database_file, std::filesystem::path folder,
                                 std::chrono::seconds every, std::size_t keep)
    : database_file_(std::move(database_file)), folder_(std::move(folder)), every_(every),
      keep_(keep), thread_([this] { loop(); }) {}

backup_schedule::~backup_schedule() {
    {
        std::lock_guard const lock(mutex_);
        stopping_ = true;
    }
    wake_.notify_all();
    thread_.join();
}

void backup_schedule::loop() {
    auto next = std::chrono::steady_clock::now() + every_;
    std::unique_lock lock(mutex_);
    while (!wake_.wait_until(lock, next, [this] { return stopping_; })) {
        lock.unlock();
        back_up_once();
        lock.lock();
        next += every_;
        // A backup that took longer than the period does not make the next ones pile up.
        next = std::max(next, std::chrono::steady_clock::now());
    }
}

void backup_schedule::back_up_once() {
    auto const started = std::chrono::steady_clock::now();
    try {
        auto const made = backup_files::create(database_file_, folder_, now_ms());
        auto const ms = std::chrono::duration_cast<std::chrono::milliseconds>(
                            std::chrono::steady_clock::now() - started)
                            .count();
        log(log_level::info, "backup.made",
            {{"name", made.name},
             {"bytes", std::to_string(made.bytes)},
             {"materials_added", std::to_string(made.materials_added)},
             {"ms", std::to_string(ms)}});
        for (auto const& name : backup_files::prune(folder_, keep_))
            log(log_level::info, "backup.pruned", {{"name", name}});
    } catch (std::exception const& e) {
        log(log_level::error, "backup.failed", {{"folder", folder_.string()}, {"error", e.what()}});
    }
}

} // namespace phongthi::server
