#include "server/backups/backup_schedule.hpp"

#include "server/api/api_support.hpp"
#include "server/backups/backup_files.hpp"
#include "server/log.hpp"

#include <algorithm>
#include <string>

namespace phongthi::server {

backup_schedule::backup_schedule(std::filesystem::path database_file, std::filesystem::path folder,
                                 std::function<backup_plan::plan()> plan_source)
    : database_file_(std::move(database_file)), folder_(std::move(folder)),
      plan_source_(std::move(plan_source)), thread_([this] { loop(); }) {}

backup_schedule::~backup_schedule() {
    {
        std::lock_guard const lock(mutex_);
        stopping_ = true;
    }
    wake_.notify_all();
    thread_.join();
}

void backup_schedule::poke() {
    {
        std::lock_guard const lock(mutex_);
        poked_ = true;
    }
    wake_.notify_all();
}

backup_schedule::status_report backup_schedule::status(backup_plan::plan const& plan) const {
    std::lock_guard const lock(mutex_);
    status_report report{std::nullopt, last_at_, last_name_, last_error_};
    if (plan.every.count() > 0) {
        auto const wait = std::chrono::duration_cast<std::chrono::milliseconds>(
            period_start_ + plan.every - clock::now());
        report.next_at = now_ms() + std::max<std::int64_t>(0, wait.count());
    }
    return report;
}

void backup_schedule::loop() {
    for (;;) {
        std::optional<backup_plan::plan> read;
        try {
            read = plan_source_(); // a database read: outside the lock
        } catch (std::exception const& e) {
            log(log_level::error, "backup.plan_unreadable", {{"error", e.what()}});
        }
        std::unique_lock lock(mutex_);
        if (stopping_)
            return;
        if (read)
            plan_ = *read;
        std::optional<clock::time_point> next;
        if (plan_.every.count() > 0)
            next = period_start_ + plan_.every;
        auto const now = clock::now();
        if (next && now >= *next) {
            auto const keep = plan_.keep;
            lock.unlock();
            back_up_once(keep);
            continue;
        }
        auto const wake_at = next ? std::min(*next, now + reread_every) : now + reread_every;
        wake_.wait_until(lock, wake_at, [this] { return stopping_ || poked_; });
        poked_ = false;
        if (stopping_)
            return;
    }
}

void backup_schedule::back_up_once(std::size_t keep) {
    auto const started = clock::now();
    std::string name;
    std::string error;
    try {
        auto const made = backup_files::create(database_file_, folder_, now_ms());
        name = made.name;
        auto const ms =
            std::chrono::duration_cast<std::chrono::milliseconds>(clock::now() - started).count();
        log(log_level::info, "backup.made",
            {{"name", made.name},
             {"bytes", std::to_string(made.bytes)},
             {"materials_added", std::to_string(made.materials_added)},
             {"ms", std::to_string(ms)}});
        for (auto const& pruned : backup_files::prune(folder_, keep))
            log(log_level::info, "backup.pruned", {{"name", pruned}});
    } catch (std::exception const& e) {
        error = e.what();
        log(log_level::error, "backup.failed", {{"folder", folder_.string()}, {"error", error}});
    }
    std::lock_guard const lock(mutex_);
    // A backup that took longer than the period does not make the next ones pile up.
    period_start_ = clock::now();
    last_at_ = now_ms();
    last_name_ = std::move(name);
    last_error_ = std::move(error);
}

} // namespace phongthi::server
