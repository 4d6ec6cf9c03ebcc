// Grading, ranking and item analysis of a whole exam: attempts x questions (5,000 x 40, the
// brief's size, and 10,000 x 50, issue 5's). Every eighth question is multiple-answer with
// partial credit and negative marking is on; answers come from a fixed-seed generator where a
// stronger candidate picks the key more often. Reports ms per full pass.

#include "scoring/grading.hpp"
#include "scoring/item_analysis.hpp"
#include "scoring/ranking.hpp"

#include <benchmark/benchmark.h>

#include <random>
#include <string>
#include <vector>

namespace {

using namespace phongthi::scoring;

constexpr int option_count = 4;

std::vector<question_key> exam_keys(int questions) {
    std::vector<question_key> keys;
    for (int q = 0; q < questions; ++q) {
        question_key key;
        key.points = q % 5 == 0 ? 2 : 1;
        if (q % 8 == 7)
            key.weights = {50, 50, -50, -50};
        else {
            key.weights = {0, -25, -25, -25};
            key.weights[static_cast<std::size_t>(q % option_count)] = 100;
        }
        keys.push_back(std::move(key));
    }
    return keys;
}

std::vector<std::vector<std::vector<int>>> exam_answers(int attempts, int questions) {
    std::mt19937 random(20240901);
    std::uniform_real_distribution<double> unit(0, 1);
    std::vector<std::vector<std::vector<int>>> answers(static_cast<std::size_t>(attempts));
    for (auto& attempt : answers) {
        double const ability = unit(random);
        for (int q = 0; q < questions; ++q) {
            double const roll = unit(random);
            if (roll < 0.03)
                attempt.push_back({});
            else if (q % 8 == 7)
                attempt.push_back(roll < ability ? std::vector<int>{0, 1} : std::vector<int>{0, 2});
            else if (roll < 0.25 + 0.7 * ability)
                attempt.push_back({q % option_count});
            else
                attempt.push_back({static_cast<int>(random() % option_count)});
        }
    }
    return answers;
}

void grade_rank_analyse(benchmark::State& state) {
    int const attempts = static_cast<int>(state.range(0));
    int const questions = static_cast<int>(state.range(1));
    auto const keys = exam_keys(questions);
    auto const answers = exam_answers(attempts, questions);
    std::vector<rank_entry> entries(answers.size());
    for (std::size_t i = 0; i < entries.size(); ++i) {
        entries[i].id = std::to_string(i);
        entries[i].name = "Học viên " + std::to_string(i);
        entries[i].unit = "Đơn vị " + std::to_string(i % 40);
        entries[i].time_used_ms = static_cast<std::int64_t>(i * 7919 % 3'600'000);
    }
    grading_policy const policy{multiple_answer_rule::partial, true, {10, 0.25}};
    std::vector<tie_breaker> const tie_breakers{tie_breaker::less_time};

    for (auto _ : state) {
        std::vector<std::vector<item_response>> matrix(answers.size());
        for (std::size_t i = 0; i < answers.size(); ++i) {
            auto const grade = grade_attempt(keys, answers[i], policy);
            entries[i].score = grade.score;
            matrix[i].reserve(keys.size());
            for (std::size_t q = 0; q < keys.size(); ++q)
                matrix[i].push_back(
                    {grade.questions[q].fraction, answers[i][q], !grade.questions[q].answered});
        }
        auto const ranked = rank_entries(entries, tie_breakers);
        auto const analysis = analyze_items(keys, matrix);
        benchmark::DoNotOptimize(ranked.data());
        benchmark::DoNotOptimize(analysis.test.alpha);
    }
    state.counters["attempts"] = attempts;
    state.counters["questions"] = questions;
}

} // namespace

BENCHMARK(grade_rank_analyse)
    ->Args({5'000, 40})
    ->Args({10'000, 50})
    ->Unit(benchmark::kMillisecond)
    ->MinTime(1.0);

BENCHMARK_MAIN();
