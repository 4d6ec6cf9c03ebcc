#include "server/store/writer.hpp"

#include <gtest/gtest.h>

#include <atomic>
#include <future>
#include <latch>
#include <string>
#include <thread>
#include <vector>

#include "tests/unit/store/store_test_support.hpp"

namespace phongthi::store {
namespace {

using test::query_int;

/// A job inserting row `id` with value `v`.
writer::job insert(std::int64_t id, std::string v) {
    return [id, v = std::move(v)](database& db) {
        db.cached("INSERT INTO t(id, v) VALUES (?, ?)").bind_all(id, std::string_view(v)).run();
    };
}

writer::job insert(std::int64_t id) {
    return insert(id, "v" + std::to_string(id));
}

/// A fresh file with table t, and a way to park the writer thread inside a job.
class Writer : public ::testing::Test {
protected:
    Writer() {
        test::create_database(file_, "CREATE TABLE t(id INTEGER PRIMARY KEY, v TEXT UNIQUE)");
    }

    std::int64_t rows() const { return query_int(file_, "SELECT count(*) FROM t"); }

    /// The ids in t, in order, as "1,3,4".
    std::string ids() const {
        database db(file_, open_mode::read_only);
        auto query = db.prepare("SELECT group_concat(id) FROM (SELECT id FROM t ORDER BY id)");
        return query.step() ? query.column_text(0) : std::string();
    }

    /// Parks the writer thread inside a job of its own until release(), so that everything
    /// submitted meanwhile lands in the next batch.
    void hold(writer& w) {
        std::promise<void> running;
        auto started = running.get_future();
        w.submit(
            [&running, gate = gate_.get_future().share()](database&) {
                running.set_value();
                gate.wait();
            },
            {});
        started.wait();
    }
    void release() { gate_.set_value(); }

    test::temp_dir dir_;
    std::filesystem::path file_ = dir_ / "writer.db";
    std::promise<void> gate_;
};

TEST_F(Writer, ConcurrentSubmittersAreBatchedIntoFewCommits) {
    constexpr int threads = 8;
    constexpr int per_thread = 500;
    writer w(file_);
    std::vector<std::thread> submitters;
    for (int t = 0; t < threads; ++t) {
        submitters.emplace_back([&w, t] {
            for (int i = 0; i < per_thread; ++i)
                w.write(insert(std::int64_t{t} * per_thread + i + 1));
        });
    }
    for (auto& s : submitters)
        s.join();

    EXPECT_EQ(rows(), threads * per_thread);
    EXPECT_EQ(w.jobs_committed(), std::uint64_t{threads * per_thread});
    EXPECT_LT(w.batches_committed(), w.jobs_committed());
    EXPECT_GT(w.largest_batch(), 1u);
    EXPECT_LE(w.largest_batch(), std::size_t{threads});
    RecordProperty("batches", std::to_string(w.batches_committed()));
}

TEST_F(Writer, FailingJobIsRolledBackAloneOthersCommit) {
    writer w(file_);
    hold(w);

    std::vector<std::exception_ptr> outcome(4);
    std::latch done(4);
    auto record = [&](std::size_t i) {
        return [&outcome, &done, i](std::exception_ptr e) {
            outcome[i] = std::move(e);
            done.count_down();
        };
    };
    w.submit(insert(1), record(0));
    w.submit(
        [](database& db) {
            insert(2)(db); // written, then undone with this job's savepoint
            throw std::runtime_error("boom");
        },
        record(1));
    w.submit(insert(3), record(2));
    w.submit(insert(4, "v1"), record(3)); // same value as row 1: a constraint failure
    release();
    done.wait();

    EXPECT_FALSE(outcome[0]);
    ASSERT_TRUE(outcome[1]);
    EXPECT_THROW(std::rethrow_exception(outcome[1]), std::runtime_error);
    EXPECT_FALSE(outcome[2]);
    ASSERT_TRUE(outcome[3]);
    try {
        std::rethrow_exception(outcome[3]);
    } catch (sqlite_error const& e) {
        EXPECT_TRUE(e.is_unique_violation());
    }
    EXPECT_EQ(ids(), "1,3");
    // All four shared one transaction: the held job's batch, then theirs.
    EXPECT_EQ(w.batches_committed(), 2u);
    EXPECT_EQ(w.largest_batch(), 4u);
    EXPECT_EQ(w.jobs_committed(), 3u); // the held job and rows 1 and 3
}

TEST_F(Writer, WriteRethrowsTheJobsException) {
    writer w(file_);
    w.write(insert(1));
    EXPECT_THROW(w.write(insert(2, "v1")), sqlite_error);
    EXPECT_THROW(w.write([](database&) { throw std::invalid_argument("bad"); }),
                 std::invalid_argument);
    w.write(insert(3));
    EXPECT_EQ(ids(), "1,3");
}

TEST_F(Writer, CompletionRunsOnlyAfterCommit) {
    constexpr int jobs = 50;
    writer w(file_);
    std::atomic<int> visible{0};
    std::latch done(jobs);
    for (int i = 1; i <= jobs; ++i) {
        w.submit(insert(i), [this, i, &visible, &done](std::exception_ptr e) {
            // A separate connection sees only committed data.
            if (!e &&
                query_int(file_, "SELECT count(*) FROM t WHERE id = " + std::to_string(i)) == 1)
                ++visible;
            done.count_down();
        });
    }
    done.wait();
    EXPECT_EQ(visible.load(), jobs);
}

TEST_F(Writer, ThrowingCompletionDoesNotStopTheWriter) {
    writer w(file_);
    std::promise<void> thrown;
    w.submit(insert(1), [&thrown](std::exception_ptr) {
        thrown.set_value();
        throw std::runtime_error("careless caller");
    });
    thrown.get_future().wait();
    w.write(insert(2));
    EXPECT_EQ(ids(), "1,2");
}

TEST_F(Writer, StopDrainsQueuedWrites) {
    constexpr int queued = 300;
    writer w(file_);
    std::atomic<int> succeeded{0};
    std::atomic<int> refused{0};
    auto count = [&](std::exception_ptr e) {
        if (!e)
            ++succeeded;
        else
            ++refused;
    };

    hold(w);
    for (int i = 1; i <= queued; ++i)
        w.submit(insert(i), count);
    std::thread stopper([&w] { w.stop(); });
    // Keep submitting until the stop takes effect; every write accepted before it must land.
    int probes = 0;
    while (refused.load() == 0) {
        w.submit(insert(100000 + probes), count);
        ++probes;
        std::this_thread::yield();
    }
    release();
    stopper.join();

    int const accepted = queued + probes - 1;
    EXPECT_EQ(succeeded.load(), accepted);
    EXPECT_EQ(refused.load(), 1);
    EXPECT_EQ(rows(), accepted);
}

TEST_F(Writer, SubmitAfterStopFailsCleanly) {
    writer w(file_);
    w.write(insert(1));
    w.stop();
    w.stop(); // idempotent

    bool ran = false;
    std::exception_ptr outcome;
    w.submit([&ran](database&) { ran = true; },
             [&outcome](std::exception_ptr e) { outcome = std::move(e); });
    EXPECT_FALSE(ran);
    ASSERT_TRUE(outcome);
    try {
        std::rethrow_exception(outcome);
    } catch (writer_stopped const& e) {
        EXPECT_NE(std::string(e.what()).find("shutting down"), std::string::npos);
    }
    EXPECT_THROW(w.write(insert(2)), writer_stopped);
    EXPECT_EQ(ids(), "1");
}

TEST_F(Writer, StopFromACompletionDoesNotDeadlock) {
    writer w(file_);
    std::promise<void> stopped;
    w.submit(insert(1), [&w, &stopped](std::exception_ptr) {
        w.stop();
        stopped.set_value();
    });
    stopped.get_future().wait();
    EXPECT_THROW(w.write(insert(2)), writer_stopped);
    EXPECT_EQ(ids(), "1");
}

TEST_F(Writer, WriteFromTheWriterThreadIsRefused) {
    writer w(file_);
    std::promise<std::exception_ptr> outcome;
    w.submit([&w](database&) { w.write(insert(1)); },
             [&outcome](std::exception_ptr e) { outcome.set_value(std::move(e)); });
    auto const error = outcome.get_future().get();
    ASSERT_TRUE(error);
    EXPECT_THROW(std::rethrow_exception(error), std::logic_error);
}

TEST_F(Writer, OpensTheFileInWalWithFullSync) {
    writer w(file_);
    EXPECT_EQ(query_int(file_, "SELECT count(*) FROM pragma_journal_mode WHERE "
                               "journal_mode = 'wal'"),
              1);
    std::promise<std::int64_t> settings;
    w.submit(
        [&settings](database& db) {
            // synchronous FULL is 2; foreign_keys on is 1.
            settings.set_value(query_int(db, "PRAGMA synchronous") * 10 +
                               query_int(db, "PRAGMA foreign_keys"));
        },
        {});
    EXPECT_EQ(settings.get_future().get(), 21);
}

} // namespace
} // namespace phongthi::store
