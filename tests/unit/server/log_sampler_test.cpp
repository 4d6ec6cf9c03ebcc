#include "server/log_sampler.hpp"

#include <gtest/gtest.h>

namespace phongthi::server {
namespace {

TEST(LogSampler, OneLineAnIntervalCountingTheOccurrencesSkipped) {
    using namespace std::chrono_literals;
    log_sampler sampler(1s);
    auto const start = log_sampler::clock::time_point{} + 1h;
    std::uint64_t skipped = 99;
    ASSERT_TRUE(sampler.due(start, skipped));
    EXPECT_EQ(skipped, 0u);
    int lines = 0;
    for (int i = 1; i < 1000; ++i) // a flood within the same second
        lines += sampler.due(start + i * 1ms, skipped) ? 1 : 0;
    EXPECT_EQ(lines, 0);
    ASSERT_TRUE(sampler.due(start + 1s, skipped));
    EXPECT_EQ(skipped, 999u);
    EXPECT_FALSE(sampler.due(start + 1500ms, skipped));
}

} // namespace
} // namespace phongthi::server
