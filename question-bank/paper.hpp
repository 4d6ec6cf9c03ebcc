#pragma once

#include "question-bank/blueprint.hpp"
#include "question-bank/question.hpp"

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <vector>

namespace phongthi::bank {

/// One eligible question revision of the frozen pool a blueprint draws from.
struct pool_entry {
    std::int64_t question_id = 0; ///< identity; a paper never holds the same question twice
    std::int64_t revision_id = 0;
    std::string topic; ///< NFC, compared exactly with a cell's topic
    cognitive_level level = cognitive_level::nhan_biet;
    double points = 1;
    bool shuffle_options = true;
    int option_count = 0; ///< min_options..max_options
};

/// One question of a paper.
struct paper_item {
    std::int64_t question_id = 0;
    std::int64_t revision_id = 0;
    double points = 0;
    std::vector<int> option_order;       ///< option_order[k] = revision's option shown k-th
    std::vector<std::string> option_ids; ///< option_ids[k] = opaque id of the option shown k-th
};

/// The questions of one exam variant, in the order they are shown.
struct paper {
    std::vector<paper_item> items;
};

/// A cell the pool cannot fill. `available` counts the questions still free for the cell: for an
/// any-topic cell, those not already taken by the cells with a topic.
struct shortage {
    std::string topic; ///< empty = any topic
    cognitive_level level = cognitive_level::nhan_biet;
    int wanted = 0;
    int available = 0;
};

/// A drawn paper, or every shortage that kept it from being drawn (then `value` is empty).
struct draw_result {
    std::optional<paper> value;
    std::vector<shortage> shortages;
};

/// Draws a paper by `plan` from `pool`. The result depends only on the plan, the pool as a set
/// (its order does not matter) and `seed`, and is the same on every platform. Cells with a topic
/// are filled before any-topic cells; a question is used at most once; each cell takes `count`
/// of its questions uniformly at random. Questions are then shuffled (or, with
/// shuffle_questions off, kept in cell order, then by question_id), and each question's options
/// shuffled when both the plan and the question allow it. Option ids are opaque: derived from
/// SHA-256 of the seed, so the seed must be secret (from a CSPRNG) and never leave the server.
/// Throws std::invalid_argument when a question_id occurs twice in the pool or an entry's
/// option_count is outside min_options..max_options. Pure; any thread.
draw_result draw_paper(blueprint const& plan, std::span<pool_entry const> pool, std::uint64_t seed);

/// The shortages as sentences, one a line, in Vietnamese or English, e.g. "Chủ đề «Lịch sử
/// Đảng», mức Nhận biết: cần 5 câu, ngân hàng chỉ có 3 (thiếu 2)."
std::string describe_shortages(std::vector<shortage> const& shortages, bool vietnamese);

/// The variant index (0..variant_count-1) for the seat at (row, col), both counted from 0, so
/// that neighbours in a row or a column always get different variants when variant_count >= 2,
/// and diagonal neighbours too when variant_count >= 4. With two variants it is a checkerboard,
/// (row + col) % 2; otherwise (col + 2 * row) % variant_count: a step left or right changes the
/// sum by 1, a step forward or back by 2, a diagonal step by 1 or 3, none a multiple of the count.
/// Returns 0 when variant_count <= 1.
int variant_for_seat(int row, int col, int variant_count);

/// The code printed on variant `index` (from 0): "101", "102", … Throws std::out_of_range
/// unless 0 <= index < 899, so that codes keep three digits.
std::string variant_code(int index);

} // namespace phongthi::bank
