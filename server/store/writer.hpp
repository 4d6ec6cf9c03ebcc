#pragma once

#include "server/store/database.hpp"

#include <atomic>
#include <condition_variable>
#include <cstddef>
#include <cstdint>
#include <deque>
#include <exception>
#include <filesystem>
#include <functional>
#include <mutex>
#include <stdexcept>
#include <string>
#include <thread>

namespace phongthi::store {

/// Given to a completion when the writer no longer takes jobs.
class writer_stopped : public std::runtime_error {
public:
    writer_stopped() : std::runtime_error("the store is shutting down: write refused") {}
};

/// The single storage writer: one thread that owns the only read-write connection and commits
/// jobs in groups (group commit). Everything queued when the thread wakes — up to
/// max_batch_size jobs — runs in one BEGIN IMMEDIATE ... COMMIT, so a whole room of answers
/// costs one fsync. Each job runs in its own SAVEPOINT: a job that throws is rolled back alone
/// and gets its exception; the others still commit.
///
/// Threads: submit(), stop() and the statistics may be called from any thread; write() from
/// any thread except the writer thread. Jobs and completions run on the writer thread.
class writer {
public:
    /// Work to do inside the batch's transaction, on the writer thread. Signal failure by
    /// throwing; never BEGIN, COMMIT or ROLLBACK yourself.
    using job = std::function<void(database&)>;
    /// Told the outcome: nullptr once the job's effects are durable (committed with
    /// synchronous=FULL), or the exception that undid them. Runs on the writer thread after the
    /// commit, so it must be cheap and must not throw: post to your own strand and return.
    using completion = std::function<void(std::exception_ptr)>;

    /// The most jobs committed together. Large, because a batch is what one fsync costs: on a
    /// busy disk an fsync took 75 ms (median; 320 ms at worst) in the peak load run, and 1,024
    /// jobs per fsync then capped durable answers at ~6,800/s however fast the rest was.
    static constexpr std::size_t max_batch_size = 8192;

    /// Opens `file` read-write (it must exist and be migrated), switches it to WAL with
    /// synchronous=FULL and foreign keys on, and starts the writer thread. Throws on failure.
    explicit writer(std::filesystem::path const& file);
    /// Calls stop().
    ~writer();
    writer(writer const&) = delete;
    writer& operator=(writer const&) = delete;

    /// Queues `work`; `done` (may be empty) later runs on the writer thread with the outcome.
    /// After stop(), `work` is dropped and `done` runs at once, on the calling thread, with
    /// writer_stopped.
    void submit(job work, completion done);

    /// Submits `work` and blocks until it is durable; rethrows its exception (or
    /// writer_stopped). For the CLI and tests; never from the writer thread (throws
    /// std::logic_error there, since it would wait on itself).
    void write(job work);

    /// Refuses new jobs, finishes every job already queued, then joins the writer thread.
    /// Idempotent. From the writer thread itself it only refuses new jobs; the thread ends once
    /// the queue is empty and the destructor joins it.
    void stop();

    /// Jobs whose effects were committed.
    std::uint64_t jobs_committed() const noexcept { return jobs_committed_.load(); }
    /// Transactions committed (one per batch).
    std::uint64_t batches_committed() const noexcept { return batches_committed_.load(); }
    /// The most jobs one transaction has held.
    std::size_t largest_batch() const noexcept { return largest_batch_.load(); }
    /// Transactions that could not be committed (a full disk, an I/O error, a read-only file):
    /// every job of such a batch got the error.
    std::uint64_t batches_failed() const noexcept { return batches_failed_.load(); }
    /// Whether the newest batch failed as a whole, i.e. the storage refuses writes now.
    bool failing() const noexcept { return failing_.load(); }
    /// Why the newest failed batch failed ("" before any). Any thread.
    std::string last_failure() const;

private:
    struct item {
        job work;
        completion done;
    };

    void run();
    void run_batch(std::deque<item>& batch);
    void note_failure(std::exception_ptr const& failure);

    database db_;
    std::mutex mutex_;
    std::condition_variable wake_;
    std::deque<item> queue_;
    bool stopping_ = false;
    std::mutex join_mutex_;
    std::thread::id writer_id_;
    std::atomic<std::uint64_t> jobs_committed_{0};
    std::atomic<std::uint64_t> batches_committed_{0};
    std::atomic<std::size_t> largest_batch_{0};
    std::atomic<std::uint64_t> batches_failed_{0};
    std::atomic<bool> failing_{false};
    mutable std::mutex failure_mutex_;
    std::string last_failure_;
    std::thread thread_;
};

} // namespace phongthi::store
