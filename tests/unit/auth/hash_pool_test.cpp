#include "server/auth/hash_pool.hpp"

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <future>
#include <mutex>
#include <stdexcept>
#include <thread>
#include <vector>

namespace phongthi::auth {
namespace {

// Holds a pool thread inside a job until released, so tests control what is queued.
class blocker {
public:
    std::function<void()> job() {
        return [this] {
            started_.set_value();
            release_.get_future().wait();
        };
    }
    void wait_started() { started_.get_future().wait(); }
    void release() { release_.set_value(); }

private:
    std::promise<void> started_;
    std::promise<void> release_;
};

TEST(HashPool, RunsJobsOnAPoolThreadNotTheCaller) {
    hash_pool pool(1, 4);
    std::promise<std::thread::id> ran_on;
    ASSERT_TRUE(pool.try_submit([&] { ran_on.set_value(std::this_thread::get_id()); }));
    EXPECT_NE(ran_on.get_future().get(), std::this_thread::get_id());
}

TEST(HashPool, RefusesWhenQueueIsFull) {
    hash_pool pool(1, 2);
    blocker running;
    ASSERT_TRUE(pool.try_submit(running.job()));
    running.wait_started(); // the only worker is busy, the queue is empty

    std::atomic<int> done{0};
    EXPECT_TRUE(pool.try_submit([&] { ++done; }));
    EXPECT_TRUE(pool.try_submit([&] { ++done; }));
    EXPECT_FALSE(pool.try_submit([&] { ++done; }));

    running.release();
    pool.stop();
    EXPECT_EQ(done, 2);
}

TEST(HashPool, AcceptsAgainOnceTheQueueDrains) {
    hash_pool pool(1, 1);
    blocker first;
    ASSERT_TRUE(pool.try_submit(first.job()));
    first.wait_started();
    blocker second;
    ASSERT_TRUE(pool.try_submit(second.job()));
    EXPECT_FALSE(pool.try_submit([] {}));

    first.release();
    second.wait_started(); // the queue is empty again
    std::promise<void> third_ran;
    EXPECT_TRUE(pool.try_submit([&] { third_ran.set_value(); }));
    second.release();
    third_ran.get_future().wait();
}

TEST(HashPool, StopFinishesQueuedJobs) {
    hash_pool pool(1, 100);
    blocker running;
    ASSERT_TRUE(pool.try_submit(running.job()));
    running.wait_started();
    std::atomic<int> done{0};
    for (int i = 0; i < 50; ++i)
        ASSERT_TRUE(pool.try_submit([&] { ++done; }));

    std::thread stopper([&] { pool.stop(); });
    // Jobs that slip in before stop() begins are queued too; after that, new jobs are refused.
    int accepted = 50;
    while (pool.try_submit([&] { ++done; }))
        ++accepted;
    EXPECT_EQ(done, 0);
    running.release();
    stopper.join();
    EXPECT_EQ(done, accepted);
}

TEST(HashPool, RefusesJobsAfterStopAndStopIsIdempotent) {
    hash_pool pool(2, 4);
    pool.stop();
    EXPECT_FALSE(pool.try_submit([] {}));
    pool.stop();
}

TEST(HashPool, DestructorRunsQueuedJobsBeforeReturning) {
    std::atomic<int> done{0};
    {
        hash_pool pool(2, 100);
        for (int i = 0; i < 100; ++i)
            ASSERT_TRUE(pool.try_submit([&] { ++done; }));
    }
    EXPECT_EQ(done, 100);
}

TEST(HashPool, WorkersRunJobsInParallel) {
    hash_pool pool(2, 4);
    std::mutex mutex;
    std::condition_variable arrived;
    int inside = 0;
    std::atomic<int> met{0};
    auto const meet = [&] {
        std::unique_lock lock(mutex);
        ++inside;
        arrived.notify_all();
        // Both jobs can only be inside at once if two workers run them.
        if (arrived.wait_for(lock, std::chrono::seconds(10), [&] { return inside == 2; }))
            ++met;
    };
    ASSERT_TRUE(pool.try_submit(meet));
    ASSERT_TRUE(pool.try_submit(meet));
    pool.stop();
    EXPECT_EQ(met, 2);
}

TEST(HashPool, ManySubmittersAtOnceLoseNoJob) {
    hash_pool pool(2, 100000);
    std::atomic<int> done{0};
    std::vector<std::thread> submitters;
    for (int t = 0; t < 4; ++t)
        submitters.emplace_back([&] {
            for (int i = 0; i < 1000; ++i)
                EXPECT_TRUE(pool.try_submit([&] { ++done; }));
        });
    for (auto& submitter : submitters)
        submitter.join();
    pool.stop();
    EXPECT_EQ(done, 4000);
}

TEST(HashPool, EmptyJobIsAProgrammingError) {
    hash_pool pool(1, 1);
    EXPECT_THROW(pool.try_submit({}), std::invalid_argument);
}

} // namespace
} // namespace phongthi::auth
