#pragma once

#include <condition_variable>
#include <cstddef>
#include <deque>
#include <functional>
#include <mutex>
#include <thread>
#include <vector>

namespace phongthi::auth {

/// A small, bounded pool of worker threads for slow password hashing, so that Argon2 never runs
/// on a network thread. Jobs run on one of the pool's own threads and start in submission
/// order; a job must post its result back to whoever waits for it (e.g. the session's strand).
/// All member functions are thread-safe, but stop() and the destructor must not be called from
/// a job.
class hash_pool {
public:
    /// Starts `threads` workers and accepts up to `max_queued` jobs not yet picked up by a
    /// worker (both at least one).
    hash_pool(std::size_t threads, std::size_t max_queued);
    /// Stops the pool as stop() does.
    ~hash_pool();
    hash_pool(hash_pool const&) = delete;
    hash_pool& operator=(hash_pool const&) = delete;

    /// Queues `job` to run on a pool thread. Returns false, without queuing, when `max_queued`
    /// jobs are already waiting or the pool is stopping: the caller answers "server busy".
    /// The job must not throw; an exception escaping it terminates the program (as in
    /// std::thread). Throws std::invalid_argument for an empty job. Any thread.
    bool try_submit(std::function<void()> job);

    /// Refuses new jobs, lets the workers finish every job already queued, then joins them.
    /// Idempotent; any thread except a pool thread.
    void stop();

private:
    void run();

    std::size_t const max_queued_;
    std::mutex mutex_;
    std::condition_variable wake_;
    std::deque<std::function<void()>> queue_;
    bool stopping_ = false;
    std::mutex join_mutex_;
    std::vector<std::thread> threads_;
};

} // namespace phongthi::auth
