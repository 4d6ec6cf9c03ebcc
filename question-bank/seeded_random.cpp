#include "question-bank/seeded_random.hpp"

#include <numeric>
#include <stdexcept>

namespace phongthi::bank {

namespace {

constexpr std::uint64_t rotate_left(std::uint64_t x, int k) {
    return (x << k) | (x >> (64 - k));
}

} // namespace

std::uint64_t splitmix64(std::uint64_t& state) {
    state += 0x9e3779b97f4a7c15;
    std::uint64_t z = state;
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9;
    z = (z ^ (z >> 27)) * 0x94d049bb133111eb;
    return z ^ (z >> 31);
}

seeded_random::seeded_random(std::uint64_t seed) {
    // splitmix64 never yields four zero words, the one state xoshiro must avoid.
    for (auto& word : state_)
        word = splitmix64(seed);
}

std::uint64_t seeded_random::next() {
    std::uint64_t const result = rotate_left(state_[1] * 5, 7) * 9;
    std::uint64_t const t = state_[1] << 17;
    state_[2] ^= state_[0];
    state_[3] ^= state_[1];
    state_[1] ^= state_[2];
    state_[0] ^= state_[3];
    state_[2] ^= t;
    state_[3] = rotate_left(state_[3], 45);
    return result;
}

std::uint64_t seeded_random::below(std::uint64_t bound) {
    if (bound == 0)
        throw std::invalid_argument("seeded_random::below: bound is 0");
    // Values under `threshold` would make the low residues more likely; 2^64 mod bound of them.
    std::uint64_t const threshold = (std::uint64_t{0} - bound) % bound;
    for (;;) {
        std::uint64_t const r = next();
        if (r >= threshold)
            return r % bound;
    }
}

std::vector<std::size_t> seeded_random::choose(std::size_t population, std::size_t count) {
    if (count > population)
        throw std::invalid_argument("seeded_random::choose: count exceeds population");
    std::vector<std::size_t> indices(population);
    std::iota(indices.begin(), indices.end(), std::size_t{0});
    for (std::size_t i = 0; i < count; ++i) {
        std::size_t const j = i + static_cast<std::size_t>(below(population - i));
        std::swap(indices[i], indices[j]);
    }
    indices.resize(count);
    return indices;
}

} // namespace phongthi::bank
