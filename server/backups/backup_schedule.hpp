#pragma once

#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <filesystem>
#include <mutex>
#include <thread>

namespace phongthi::server {

/// Scheduled backups while serving (`serve --backup-every MINUTES --backup-keep N`): a thread of
/// its own makes a backup of the live database into the backups folder every `every`, then
/// deletes the oldest backups beyond `keep`. The copy runs on this thread, never on the storage
/// writer or an I/O thread. A failure is logged and the schedule goes on.
class backup_schedule {
public:
    /// Starts the thread; the first backup is made one period after the start.
    backup_schedule(std::filesystem::path database_file, std::filesystem::path folder,
                    std::chrono::seconds every, std::size_t keep);
    /// Stops the thread, waiting for a backup in progress to finish. From the owning thread.
    ~backup_schedule();
    backup_schedule(backup_schedule const&) = delete;
    backup_schedule& operator=(backup_schedule const&) = delete;

private:
    void loop();
    void back_up_once();

    std::filesystem::path database_file_;
    std::filesystem::path folder_;
    std::chrono::seconds every_;
    std::size_t keep_;
    std::mutex mutex_;
    std::condition_variable wake_;
    bool stopping_ = false;
    std::thread thread_;
};

} // namespace phongthi::server
