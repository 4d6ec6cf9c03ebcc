#include "server/auth/hash_pool.hpp"

#include <algorithm>
#include <stdexcept>
#include <utility>

namespace phongthi::auth {

hash_pool::hash_pool(std::size_t threads, std::size_t max_queued)
    : max_queued_(std::max<std::size_t>(max_queued, 1)) {
    threads = std::max<std::size_t>(threads, 1);
    threads_.reserve(threads);
    try {
        for (std::size_t i = 0; i < threads; ++i)
            threads_.emplace_back([this] { run(); });
    } catch (...) { // a thread failed to start: do not leave the started ones running
        stop();
        throw;
    }
}

hash_pool::~hash_pool() {
    stop();
}

bool hash_pool::try_submit(std::function<void()> job) {
    if (!job)
        throw std::invalid_argument("hash_pool::try_submit: empty job");
    {
        std::lock_guard lock(mutex_);
        if (stopping_ || queue_.size() >= max_queued_)
            return false;
        queue_.push_back(std::move(job));
    }
    wake_.notify_one();
    return true;
}

void hash_pool::stop() {
    {
        std::lock_guard lock(mutex_);
        stopping_ = true;
    }
    wake_.notify_all();
    // A second caller waits here until the first has joined every worker.
    std::lock_guard lock(join_mutex_);
    for (auto& thread : threads_)
        if (thread.joinable())
            thread.join();
}

void hash_pool::run() {
    for (;;) {
        std::function<void()> job;
        {
            std::unique_lock lock(mutex_);
            wake_.wait(lock, [this] { return stopping_ || !queue_.empty(); });
            if (queue_.empty())
                return; // stopping and drained
            job = std::move(queue_.front());
            queue_.pop_front();
        }
        job();
    }
}

} // namespace phongthi::auth
