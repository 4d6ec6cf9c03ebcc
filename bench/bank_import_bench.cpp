// Importing a 10,000-question bank in every format the bank can write: time and peak memory.
#include "question-bank/bank_formats.hpp"

#include <benchmark/benchmark.h>

#include <sys/resource.h>

namespace {

using namespace phongthi::bank;

constexpr int bank_size = 10'000;

std::vector<question> generated_bank() {
    static constexpr cognitive_level levels[] = {cognitive_level::nhan_biet, cognitive_level::thong_hieu,
                                                 cognitive_level::van_dung, cognitive_level::van_dung_cao};
    std::vector<question> bank;
    bank.reserve(bank_size);
    for (int i = 0; i < bank_size; ++i) {
        question q;
        q.topic = "Chuyên đề " + std::to_string(i % 12 + 1);
        q.level = levels[i % 4];
        q.stem = "Câu " + std::to_string(i + 1) +
                 ": Theo Điều lệ Đảng, nội dung nào sau đây đúng về nguyên tắc tập trung dân chủ "
                 "trong tổ chức và hoạt động của Đảng?";
        for (char letter = 'A'; letter <= 'D'; ++letter)
            q.options.push_back({std::string("Phương án ") + letter + " của câu " + std::to_string(i + 1),
                                 letter == 'A' + i % 4 ? 100.0 : 0.0, ""});
        q.explanation = "Giải thích cho câu " + std::to_string(i + 1);
        bank.push_back(std::move(q));
    }
    return bank;
}

long peak_rss_kib() {
    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);
    return usage.ru_maxrss;
}

void import_bank(benchmark::State& state) {
    auto const format = static_cast<bank_format>(state.range(0));
    std::string const file = write_bank(generated_bank(), format, "Ngân hàng 10.000 câu").bytes;
    std::string const name = "bank" + std::string(format_extension(format));
    std::size_t read = 0;
    long const rss_before = peak_rss_kib();
    for (auto _ : state) {
        auto const result = read_bank(file, name, format);
        read = result.questions.size();
        benchmark::DoNotOptimize(read);
    }
    if (read != bank_size)
        state.SkipWithError("the bank did not read back whole");
    state.SetLabel(std::string(format_key(format)));
    state.counters["questions"] = static_cast<double>(read);
    state.counters["file_MB"] = static_cast<double>(file.size()) / 1e6;
    state.counters["peak_rss_MB"] = static_cast<double>(peak_rss_kib()) / 1024.0;
    state.counters["peak_growth_MB"] = static_cast<double>(peak_rss_kib() - rss_before) / 1024.0;
}

} // namespace

BENCHMARK(import_bank)
    ->DenseRange(static_cast<int>(bank_format::json), static_cast<int>(bank_format::xlsx))
    ->Unit(benchmark::kMillisecond)
    ->Iterations(3);

BENCHMARK_MAIN();
