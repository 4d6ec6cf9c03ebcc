// Logins per second: Argon2id with the production defaults, on one thread and through a
// hash_pool of two workers (the set-up the server uses on a 2-core machine). Short by design:
// every benchmark runs a fixed number of iterations, the whole program in a few seconds.
#include "server/auth/hash_pool.hpp"
#include "server/auth/password_hasher.hpp"

#include <benchmark/benchmark.h>

#include <cstdint>
#include <latch>
#include <string>

namespace {

using namespace phongthi::auth;

constexpr std::string_view password = "kx7m-q3fa";
constexpr int pool_threads = 2;
constexpr int pool_batch = 8; // jobs in flight per iteration

void bm_hash_single_thread(benchmark::State& state) {
    for (auto _ : state)
        benchmark::DoNotOptimize(hash_password(password));
    state.SetItemsProcessed(state.iterations());
    state.SetLabel("hashes/s, m=19456 KiB t=2 p=1");
}

void bm_verify_single_thread(benchmark::State& state) {
    auto const encoded = hash_password(password);
    for (auto _ : state)
        benchmark::DoNotOptimize(verify_password(password, encoded));
    state.SetItemsProcessed(state.iterations());
    state.SetLabel("verifications (logins)/s");
}

// Runs `pool_batch` copies of `job` through a pool per iteration and waits for all of them.
template <class Job> void run_through_pool(benchmark::State& state, Job const& job) {
    hash_pool pool(pool_threads, pool_batch);
    for (auto _ : state) {
        std::latch done(pool_batch);
        for (int i = 0; i < pool_batch; ++i) {
            if (!pool.try_submit([&] {
                    job();
                    done.count_down();
                })) {
                state.SkipWithError("hash_pool refused a job");
                return;
            }
        }
        done.wait();
    }
    state.SetItemsProcessed(state.iterations() * pool_batch);
}

void bm_hash_pool(benchmark::State& state) {
    run_through_pool(state, [] { benchmark::DoNotOptimize(hash_password(password)); });
    state.SetLabel("hashes/s via hash_pool(2)");
}

void bm_verify_pool(benchmark::State& state) {
    auto const encoded = hash_password(password);
    run_through_pool(state, [&] { benchmark::DoNotOptimize(verify_password(password, encoded)); });
    state.SetLabel("verifications (logins)/s via hash_pool(2)");
}

} // namespace

BENCHMARK(bm_hash_single_thread)->Iterations(20)->UseRealTime()->Unit(benchmark::kMillisecond);
BENCHMARK(bm_verify_single_thread)->Iterations(20)->UseRealTime()->Unit(benchmark::kMillisecond);
BENCHMARK(bm_hash_pool)->Iterations(5)->UseRealTime()->Unit(benchmark::kMillisecond);
BENCHMARK(bm_verify_pool)->Iterations(5)->UseRealTime()->Unit(benchmark::kMillisecond);

BENCHMARK_MAIN();
