#include "server/store/writer.hpp"

#include <future>
#include <memory>
#include <pthread.h>
#include <string>
#include <utility>
#include <vector>

namespace phongthi::store {

writer::writer(std::filesystem::path const& file) : db_(file, open_mode::read_write) {
    if (auto mode = db_.prepare("PRAGMA journal_mode = WAL");
        !mode.step() || mode.column_text(0) != "wal")
        throw std::runtime_error("cannot switch " + file.string() + " to WAL journal mode");
    // Keep the WAL from staying huge after a burst or a long backup held the checkpoint back.
    db_.exec("PRAGMA synchronous = FULL; PRAGMA foreign_keys = ON;"
             "PRAGMA journal_size_limit = 67108864");
    thread_ = std::thread([this] { run(); });
    writer_id_ = thread_.get_id();
}

writer::~writer() {
    stop();
}

void writer::submit(job work, completion done) {
    {
        std::unique_lock lock(mutex_);
        if (!stopping_) {
            queue_.push_back(item{std::move(work), std::move(done)});
            lock.unlock();
            wake_.notify_one();
            return;
        }
    }
    if (done)
        done(std::make_exception_ptr(writer_stopped{}));
}

void writer::write(job work) {
    if (std::this_thread::get_id() == writer_id_)
        throw std::logic_error("writer::write called on the writer thread: it would wait forever");
    // Shared, so the completion never touches a promise this thread has already destroyed.
    auto durable = std::make_shared<std::promise<void>>();
    auto outcome = durable->get_future();
    submit(std::move(work), [durable](std::exception_ptr error) {
        if (error)
            durable->set_exception(error);
        else
            durable->set_value();
    });
    outcome.get();
}

void writer::stop() {
    {
        std::lock_guard lock(mutex_);
        stopping_ = true;
    }
    wake_.notify_all();
    if (std::this_thread::get_id() == writer_id_)
        return;
    std::lock_guard join_lock(join_mutex_);
    if (thread_.joinable())
        thread_.join();
}

void writer::run() {
    pthread_setname_np(pthread_self(), "phongthi-writer");
    std::deque<item> batch;
    for (;;) {
        {
            std::unique_lock lock(mutex_);
            wake_.wait(lock, [this] { return stopping_ || !queue_.empty(); });
            if (queue_.empty())
                return; // stopping, and everything accepted has been written
            if (queue_.size() <= max_batch_size) {
                batch.swap(queue_);
            } else {
                auto const end = queue_.begin() + static_cast<std::ptrdiff_t>(max_batch_size);
                batch.assign(std::make_move_iterator(queue_.begin()), std::make_move_iterator(end));
                queue_.erase(queue_.begin(), end);
            }
        }
        run_batch(batch);
        batch.clear();
    }
}

std::string writer::last_failure() const {
    std::lock_guard lock(failure_mutex_);
    return last_failure_;
}

void writer::note_failure(std::exception_ptr const& failure) {
    std::string why = "unknown error";
    try {
        std::rethrow_exception(failure);
    } catch (std::exception const& e) {
        why = e.what();
    } catch (...) {
    }
    {
        std::lock_guard lock(failure_mutex_);
        last_failure_ = std::move(why);
    }
    batches_failed_.fetch_add(1);
    failing_.store(true);
}

void writer::run_batch(std::deque<item>& batch) {
    std::vector<std::exception_ptr> outcome(batch.size());
    std::size_t succeeded = 0;
    bool committed = false;
    try {
        transaction tx(db_, begin_mode::immediate);
        auto& savepoint = db_.cached("SAVEPOINT job");
        auto& release = db_.cached("RELEASE job");
        auto& rollback_to = db_.cached("ROLLBACK TO job");
        for (std::size_t i = 0; i < batch.size(); ++i) {
            savepoint.run();
            try {
                batch[i].work(db_);
                release.run();
                ++succeeded;
            } catch (...) {
                outcome[i] = std::current_exception();
                db_.reset_statements();
                // Some errors (disk full, I/O) make SQLite roll back the whole transaction:
                // then the jobs before this one are gone too, and the batch fails as a whole.
                if (!db_.in_transaction())
                    throw;
                rollback_to.run();
                release.run();
            }
        }
        tx.commit();
        committed = true;
    } catch (...) {
        auto const failure = std::current_exception();
        for (auto& error : outcome) {
            if (!error)
                error = failure;
        }
        // Nothing of the batch may stay half-done in a statement: SQLite leaves its error state
        // (after a full disk or an I/O error) only once every statement is reset.
        db_.reset_statements();
        note_failure(failure);
    }

    if (committed) {
        jobs_committed_.fetch_add(succeeded);
        batches_committed_.fetch_add(1);
        failing_.store(false);
        if (batch.size() > largest_batch_.load())
            largest_batch_.store(batch.size()); // only this thread stores
    }

    for (std::size_t i = 0; i < batch.size(); ++i) {
        if (!batch[i].done)
            continue;
        try {
            batch[i].done(outcome[i]);
        } catch (...) {
            // A completion must not throw; one that does must not take the writer down with it.
        }
    }
}

} // namespace phongthi::store
