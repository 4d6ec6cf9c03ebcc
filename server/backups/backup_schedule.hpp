#pragma once

#include "server/backups/backup_plan.hpp"

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <mutex>
#include <optional>
#include <string>
#include <thread>

namespace phongthi::server {

/// Scheduled backups while serving: a thread of its own makes a backup of the live database into
/// the backups folder every `plan.every`, then deletes the oldest backups beyond `plan.keep`. It
/// reads the plan again every minute and when poked, so a change from the admin page or the CLI
/// applies without a restart; the next backup is then one new period after the last one (or the
/// start). The copy runs on this thread, never on the storage writer or an I/O thread. A failure
/// is logged, shown in status() and the schedule goes on.
class backup_schedule {
public:
    using clock = std::chrono::steady_clock;
    /// What the admin page shows. Times are Unix milliseconds.
    struct status_report {
        std::optional<std::int64_t> next_at; ///< none when scheduled backups are off
        std::optional<std::int64_t> last_at;
        std::string last_name;  ///< the last scheduled backup's file
        std::string last_error; ///< why the last scheduled backup failed; empty when it did not
    };

    /// Starts the thread. `plan_source` is called on it (the stored plan or the serve options).
    backup_schedule(std::filesystem::path database_file, std::filesystem::path folder,
                    std::function<backup_plan::plan()> plan_source);
    /// Stops the thread, waiting for a backup in progress to finish. From the owning thread.
    ~backup_schedule();
    backup_schedule(backup_schedule const&) = delete;
    backup_schedule& operator=(backup_schedule const&) = delete;

    /// Makes the thread read the plan now (after the admin changed it). Any thread.
    void poke();
    /// The last backup, and the next one under `plan` (the stored one, which the thread applies
    /// when poked or within a minute). Any thread.
    status_report status(backup_plan::plan const& plan) const;

private:
    void loop();
    void back_up_once(std::size_t keep);

    /// How often the plan is read again without a poke (the CLI changes it from outside).
    static constexpr std::chrono::minutes reread_every{1};

    std::filesystem::path database_file_;
    std::filesystem::path folder_;
    std::function<backup_plan::plan()> plan_source_;
    mutable std::mutex mutex_;
    std::condition_variable wake_;
    bool stopping_ = false;
    bool poked_ = false;
    backup_plan::plan plan_;
    clock::time_point period_start_ = clock::now(); ///< the start, then the last backup's end
    std::optional<std::int64_t> last_at_;
    std::string last_name_;
    std::string last_error_;
    std::thread thread_;
};

} // namespace phongthi::server
