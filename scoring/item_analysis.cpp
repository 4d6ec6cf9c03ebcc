#include "scoring/item_analysis.hpp"

#include <algorithm>
#include <cmath>
#include <numeric>

namespace phongthi::scoring {

namespace {

// A variance below this is no variance: it only holds the rounding error of equal sums.
constexpr double no_variance = 1e-12;
// The share of candidates in each of the upper and lower groups (Kelley's 27%).
constexpr double group_share = 0.27;

double mean_of(std::span<double const> values) {
    return std::accumulate(values.begin(), values.end(), 0.0) / static_cast<double>(values.size());
}

// Population variance, two passes.
double variance_of(std::span<double const> values, double mean) {
    double sum = 0;
    for (double const v : values)
        sum += (v - mean) * (v - mean);
    return sum / static_cast<double>(values.size());
}

// Pearson's r, absent when either side has no variance.
std::optional<double> correlation(std::span<double const> x, std::span<double const> y) {
    if (x.size() < 2)
        return std::nullopt;
    double const mx = mean_of(x);
    double const my = mean_of(y);
    double sxx = 0;
    double syy = 0;
    double sxy = 0;
    for (std::size_t i = 0; i < x.size(); ++i) {
        sxx += (x[i] - mx) * (x[i] - mx);
        syy += (y[i] - my) * (y[i] - my);
        sxy += (x[i] - mx) * (y[i] - my);
    }
    auto const n = static_cast<double>(x.size());
    if (sxx / n <= no_variance || syy / n <= no_variance)
        return std::nullopt;
    return std::clamp(sxy / std::sqrt(sxx * syy), -1.0, 1.0);
}

bool is_dichotomous(double fraction) {
    return fraction == 0 || fraction == 1;
}

// Candidates by total, highest first (by index among equals, so the groups are deterministic).
std::vector<std::size_t> order_by_total(std::span<double const> totals) {
    std::vector<std::size_t> order(totals.size());
    std::iota(order.begin(), order.end(), std::size_t{0});
    std::stable_sort(order.begin(), order.end(),
                     [&](std::size_t a, std::size_t b) { return totals[a] > totals[b]; });
    return order;
}

std::optional<double> upper_lower_index(std::span<double const> column,
                                        std::span<std::size_t const> order) {
    if (order.size() < 2)
        return std::nullopt;
    auto const group = std::max<std::size_t>(
        1, static_cast<std::size_t>(std::lround(group_share * static_cast<double>(order.size()))));
    double upper = 0;
    double lower = 0;
    for (std::size_t i = 0; i < group; ++i) {
        upper += column[order[i]];
        lower += column[order[order.size() - 1 - i]];
    }
    return (upper - lower) / static_cast<double>(group);
}

// Who chose an option, and the sum of their totals' deviations from the mean total.
struct option_sums {
    int chosen = 0;
    double deviation_sum = 0;
};

// Per option of one question: counts, shares and the point-biserial of choosing it.
std::vector<option_statistics> option_stats(question_key const& key,
                                            std::span<option_sums const> sums, std::size_t n,
                                            double total_variance) {
    std::vector<option_statistics> options(key.weights.size());
    auto const count = static_cast<double>(n);
    for (std::size_t o = 0; o < options.size(); ++o) {
        auto& option = options[o];
        option.key = key.weights[o] > 0;
        option.chosen = sums[o].chosen;
        option.share = n > 0 ? option.chosen / count : 0;
        double const p = option.share;
        // r of a 0/1 variable: cov / sqrt(p q var), with cov = sum of chosen deviations / n.
        if (n >= 2 && p > 0 && p < 1 && total_variance > no_variance)
            option.point_biserial = std::clamp(
                sums[o].deviation_sum / count / std::sqrt(p * (1 - p) * total_variance), -1.0, 1.0);
    }
    return options;
}

std::vector<item_flag> flags_for(item_statistics const& item, std::size_t candidates,
                                 item_thresholds const& thresholds) {
    std::vector<item_flag> flags;
    if (item.difficulty && *item.difficulty > thresholds.too_easy)
        flags.push_back(item_flag::too_easy);
    if (item.difficulty && *item.difficulty < thresholds.too_hard)
        flags.push_back(item_flag::too_hard);
    if (item.corrected_point_biserial) {
        if (*item.corrected_point_biserial < 0)
            flags.push_back(item_flag::negative_discrimination);
        else if (*item.corrected_point_biserial < thresholds.weak_discrimination)
            flags.push_back(item_flag::weak_discrimination);
    }
    if (candidates >= static_cast<std::size_t>(thresholds.min_candidates_for_unused_distractor) &&
        std::any_of(item.options.begin(), item.options.end(),
                    [](option_statistics const& o) { return !o.key && o.chosen == 0; }))
        flags.push_back(item_flag::unused_distractor);
    // The weakest key is the one a swapped key would show up against.
    std::optional<double> key_r;
    for (auto const& option : item.options)
        if (option.key && option.point_biserial)
            key_r = std::min(key_r.value_or(1.0), *option.point_biserial);
    if (key_r && std::any_of(item.options.begin(), item.options.end(), [&](auto const& o) {
            return !o.key && o.point_biserial && *o.point_biserial > *key_r;
        }))
        flags.push_back(item_flag::distractor_beats_key);
    return flags;
}

// k / (k - 1) x (1 - sum of item variances / total variance), absent when undefined.
std::optional<double> internal_consistency(std::size_t items, double item_variance_sum,
                                           double total_variance) {
    if (items < 2 || total_variance <= no_variance)
        return std::nullopt;
    auto const k = static_cast<double>(items);
    return k / (k - 1) * (1 - item_variance_sum / total_variance);
}

} // namespace

std::string_view flag_key(item_flag flag) {
    switch (flag) {
    case item_flag::too_easy:
        return "too_easy";
    case item_flag::too_hard:
        return "too_hard";
    case item_flag::negative_discrimination:
        return "negative_discrimination";
    case item_flag::weak_discrimination:
        return "weak_discrimination";
    case item_flag::unused_distractor:
        return "unused_distractor";
    case item_flag::distractor_beats_key:
        return "distractor_beats_key";
    }
    return "";
}

item_analysis analyze_items(std::span<question_key const> keys,
                            std::span<std::vector<item_response> const> responses,
                            item_thresholds const& thresholds) {
    std::size_t const n = responses.size();
    std::size_t const k = keys.size();
    // Rows are read in order (two passes) and columns built, so each question's loops are
    // contiguous.
    std::vector<std::vector<double>> columns(k, std::vector<double>(n, 0.0));
    std::vector<std::size_t> unanswered(k, 0);
    std::vector<double> totals(n, 0.0);
    std::vector<double> right_counts(n, 0.0);
    bool dichotomous = true;
    for (std::size_t c = 0; c < n; ++c) {
        auto const& row = responses[c];
        for (std::size_t q = 0; q < k; ++q) {
            double const fraction = q < row.size() ? row[q].fraction : 0;
            columns[q][c] = fraction;
            totals[c] += keys[q].points * fraction;
            right_counts[c] += fraction;
            dichotomous = dichotomous && is_dichotomous(fraction);
            unanswered[q] += q >= row.size() || row[q].unanswered ? 1 : 0;
        }
    }
    double const total_mean = n > 0 ? mean_of(totals) : 0;
    double const total_variance = n > 0 ? variance_of(totals, total_mean) : 0;
    std::vector<std::vector<option_sums>> sums(k);
    for (std::size_t q = 0; q < k; ++q)
        sums[q].resize(keys[q].weights.size());
    for (std::size_t c = 0; c < n; ++c) {
        auto const& row = responses[c];
        double const deviation = totals[c] - total_mean;
        for (std::size_t q = 0; q < std::min(k, row.size()); ++q) {
            std::span<int const> const chosen = row[q].chosen;
            for (std::size_t at = 0; at < chosen.size(); ++at) {
                if (!counts_as_choice(chosen, at, sums[q].size()))
                    continue;
                auto& option = sums[q][static_cast<std::size_t>(chosen[at])];
                ++option.chosen;
                option.deviation_sum += deviation;
            }
        }
    }

    item_analysis result;
    result.test.candidates = static_cast<int>(n);
    result.test.questions = static_cast<int>(k);
    auto const order = order_by_total(totals);
    double item_variance_sum = 0;
    double pq_sum = 0;
    std::vector<double> rest(n);
    for (std::size_t q = 0; q < k; ++q) {
        auto const& column = columns[q];
        item_statistics item;
        if (n > 0) {
            double const p = mean_of(column);
            item.difficulty = p;
            item_variance_sum += keys[q].points * keys[q].points * variance_of(column, p);
            pq_sum += p * (1 - p);
        }
        item.point_biserial = correlation(column, totals);
        for (std::size_t c = 0; c < n; ++c)
            rest[c] = totals[c] - keys[q].points * column[c];
        item.corrected_point_biserial = correlation(column, rest);
        item.upper_lower = upper_lower_index(column, order);
        item.unanswered_share =
            n > 0 ? static_cast<double>(unanswered[q]) / static_cast<double>(n) : 0;
        item.options = option_stats(keys[q], sums[q], n, total_variance);
        item.flags = flags_for(item, n, thresholds);
        result.items.push_back(std::move(item));
    }

    auto& test = result.test;
    if (n > 0)
        test.mean = total_mean;
    if (n >= 2)
        test.standard_deviation =
            std::sqrt(total_variance * static_cast<double>(n) / static_cast<double>(n - 1));
    if (n >= 2)
        test.alpha = internal_consistency(k, item_variance_sum, total_variance);
    if (n >= 2 && dichotomous) {
        double const right_mean = mean_of(right_counts);
        test.kr20 = internal_consistency(k, pq_sum, variance_of(right_counts, right_mean));
    }
    if (test.standard_deviation && test.alpha)
        test.standard_error = *test.standard_deviation * std::sqrt(std::max(0.0, 1 - *test.alpha));
    return result;
}

} // namespace phongthi::scoring
