#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <span>
#include <utility>
#include <vector>

namespace phongthi::bank {

/// One step of splitmix64: advances `state` and returns the next output. Used to expand a
/// 64-bit seed into the generator's state.
std::uint64_t splitmix64(std::uint64_t& state);

/// A small seeded generator (xoshiro256**, seeded by splitmix64) whose output depends only on
/// the seed: the same numbers on every platform, compiler and standard library, unlike
/// std::shuffle or the std distributions. Not for secrets. Not thread-safe: one per draw.
class seeded_random {
public:
    /// A generator whose whole sequence is fixed by `seed`.
    explicit seeded_random(std::uint64_t seed);

    /// The next 64 random bits.
    std::uint64_t next();

    /// A uniform integer in [0, bound), without modulo bias (rejection sampling).
    /// Throws std::invalid_argument when `bound` is 0.
    std::uint64_t below(std::uint64_t bound);

    /// `count` distinct indices of [0, population), every subset and order equally likely
    /// (a partial Fisher–Yates). Throws std::invalid_argument when count > population.
    std::vector<std::size_t> choose(std::size_t population, std::size_t count);

    /// Puts `items` in a uniformly random order (Fisher–Yates).
    template <class T> void shuffle(std::span<T> items) {
        for (std::size_t i = items.size(); i > 1; --i) {
            std::size_t const j = static_cast<std::size_t>(below(i));
            using std::swap;
            swap(items[i - 1], items[j]);
        }
    }

private:
    std::array<std::uint64_t, 4> state_;
};

} // namespace phongthi::bank
