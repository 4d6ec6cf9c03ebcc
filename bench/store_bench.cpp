// Durable answer writes per second through the storage writer (group commit), with N
// concurrent submitters that each wait for their ack before answering again — a room of
// candidates. Each write is the hot-path UPSERT into answers. Reports items/s (durable writes
// per second), the average batch size, and the submit -> completion latency p50/p99 in µs.
//
// The database lives under std::filesystem::temp_directory_path() (TMPDIR), which must be a
// real disk so that fsync costs what it costs in the exam room; tmpfs is refused.

#include "server/store/data_store.hpp"

#include <benchmark/benchmark.h>
#include <linux/magic.h>
#include <sys/vfs.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdint>
#include <memory>
#include <random>
#include <semaphore>
#include <string>
#include <vector>

namespace {

using namespace phongthi::store;
using steady = std::chrono::steady_clock;

/// Questions per paper; answers cycle through them, so later writes are updates.
constexpr int paper_length = 50;

constexpr std::string_view upsert_answer = R"sql(
    INSERT INTO answers(attempt_id, position, choice, seq, saved_at) VALUES (?, ?, ?, ?, ?)
    ON CONFLICT (attempt_id, position) DO UPDATE
        SET choice = excluded.choice, seq = excluded.seq, saved_at = excluded.saved_at
        WHERE excluded.seq > answers.seq)sql";

std::int64_t now_ms() {
    return std::chrono::duration_cast<std::chrono::milliseconds>(
               std::chrono::system_clock::now().time_since_epoch())
        .count();
}

bool on_tmpfs(std::filesystem::path const& dir) {
    struct statfs info {};
    return ::statfs(dir.c_str(), &info) == 0 && info.f_type == TMPFS_MAGIC;
}

/// One run's database: an exam with one running attempt per submitter, and per-thread
/// latency records.
struct room {
    explicit room(int candidates) : latencies(static_cast<std::size_t>(candidates)) {
        std::random_device random;
        directory = std::filesystem::temp_directory_path() /
                    ("phongthi-store-bench-" + std::to_string(random()));
        store = std::make_unique<data_store>(directory, 1);
        store->write_side().write([this, candidates](database& db) {
            std::int64_t const now = now_ms();
            db.exec("INSERT INTO courses(id, code, name, kind) VALUES (1, 'K1', 'Bench', "
                    "'admission');"
                    "INSERT INTO classes(id, course_id, code, name) VALUES (1, 1, 'A', 'A');"
                    "INSERT INTO exams(id, class_id, title, state) VALUES (1, 1, 'Bench', "
                    "'open');"
                    "INSERT INTO blueprints(id, exam_id, revision, spec) VALUES (1, 1, 1, '{}')");
            auto& user = db.cached("INSERT INTO users(id, username, full_name, role, "
                                   "password_hash, created_at, updated_at) "
                                   "VALUES (?, ?, 'Thí sinh', 'candidate', 'x', ?, ?)");
            auto& attempt = db.cached(
                "INSERT INTO attempts(id, exam_id, user_id, blueprint_id, paper_seed, state, "
                "started_at, deadline_at) VALUES (?, 1, ?, 1, ?, 'in_progress', ?, ?)");
            for (int c = 1; c <= candidates; ++c) {
                user.bind_all(c, "ts" + std::to_string(c), now, now).run();
                attempt.bind_all(c, c, c * 7919, now, now + 3'600'000).run();
            }
        });
    }
    ~room() {
        store.reset();
        std::error_code ignored;
        std::filesystem::remove_all(directory, ignored);
    }

    std::filesystem::path directory;
    std::unique_ptr<data_store> store;
    std::vector<std::vector<double>> latencies; // µs, one vector per submitter thread
    std::atomic<bool> failed{false};
};

std::unique_ptr<room> current; // set up by thread 0 before the timed loop starts

void durable_answer_writes(benchmark::State& state) {
    auto const me = static_cast<std::size_t>(state.thread_index());
    // Every thread decides alone; a skipped state still meets the others at the loop's start.
    if (on_tmpfs(std::filesystem::temp_directory_path()))
        state.SkipWithError("the temporary directory is tmpfs: set TMPDIR to a disk");
    else if (me == 0)
        current = std::make_unique<room>(state.threads());
    // Google Benchmark starts every thread's loop together, after thread 0's set-up.
    std::vector<double>* latencies = nullptr;
    std::int64_t const attempt_id = static_cast<std::int64_t>(me) + 1;
    std::int64_t seq = 0;
    std::binary_semaphore acked{0};
    std::exception_ptr error;
    for (auto _ : state) {
        if (latencies == nullptr) {
            latencies = &current->latencies[me];
            latencies->reserve(static_cast<std::size_t>(state.max_iterations));
        }
        ++seq;
        auto const position = static_cast<int>(seq % paper_length);
        std::string choice = "[" + std::to_string(seq % 4) + "]";
        auto const submitted = steady::now();
        current->store->write_side().submit(
            [attempt_id, position, choice = std::move(choice), seq](database& db) {
                db.cached(upsert_answer)
                    .bind_all(attempt_id, position, std::string_view(choice), seq, now_ms())
                    .run();
            },
            [&](std::exception_ptr e) {
                latencies->push_back(
                    std::chrono::duration<double, std::micro>(steady::now() - submitted).count());
                error = std::move(e);
                acked.release();
            });
        acked.acquire();
        if (error) {
            current->failed = true;
            state.SkipWithError("a write failed");
            break;
        }
    }
    state.SetItemsProcessed(state.iterations());

    if (me == 0 && current) {
        // Every thread has left its loop (Google Benchmark waits for all at the end too).
        auto& w = current->store->write_side();
        std::vector<double> all;
        for (auto const& per_thread : current->latencies)
            all.insert(all.end(), per_thread.begin(), per_thread.end());
        if (!all.empty() && !current->failed) {
            std::sort(all.begin(), all.end());
            auto at = [&all](double share) {
                return all[std::min(all.size() - 1, static_cast<std::size_t>(share * all.size()))];
            };
            state.counters["p50_us"] = at(0.50);
            state.counters["p99_us"] = at(0.99);
            // Minus the set-up write, which was a batch of its own.
            state.counters["avg_batch"] = static_cast<double>(w.jobs_committed() - 1) /
                                          static_cast<double>(w.batches_committed() - 1);
            state.counters["largest_batch"] = static_cast<double>(w.largest_batch());
        }
        current.reset();
    }
}

// Fixed iterations per submitter thread keep the whole program well under a minute.
BENCHMARK(durable_answer_writes)->Threads(1)->Iterations(3000)->UseRealTime();
BENCHMARK(durable_answer_writes)->Threads(8)->Iterations(2000)->UseRealTime();
BENCHMARK(durable_answer_writes)->Threads(64)->Iterations(500)->UseRealTime();
BENCHMARK(durable_answer_writes)->Threads(256)->Iterations(200)->UseRealTime();

} // namespace

BENCHMARK_MAIN();
