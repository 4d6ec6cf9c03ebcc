#include "question-bank/paper.hpp"

#include "question-bank/seeded_random.hpp"

#include <openssl/evp.h>

#include <algorithm>
#include <array>
#include <numeric>
#include <stdexcept>
#include <string_view>

namespace phongthi::bank {

namespace {

/// One question taken for a cell.
struct pick {
    std::size_t cell = 0; ///< index in the blueprint's cells
    pool_entry const* entry = nullptr;
};

constexpr std::array<std::string_view, 4> level_labels_vi{"Nhận biết", "Thông hiểu", "Vận dụng",
                                                          "Vận dụng cao"};
constexpr std::array<std::string_view, 4> level_labels_en{"recognition", "comprehension",
                                                          "application", "high application"};

/// The pool sorted by question_id, after checking its preconditions.
std::vector<pool_entry const*> sorted_pool(std::span<pool_entry const> pool) {
    std::vector<pool_entry const*> sorted;
    sorted.reserve(pool.size());
    for (auto const& entry : pool) {
        if (entry.option_count < static_cast<int>(min_options) ||
            entry.option_count > static_cast<int>(max_options))
            throw std::invalid_argument("draw_paper: question " +
                                        std::to_string(entry.question_id) + " has " +
                                        std::to_string(entry.option_count) + " options");
        sorted.push_back(&entry);
    }
    std::sort(sorted.begin(), sorted.end(),
              [](auto const* a, auto const* b) { return a->question_id < b->question_id; });
    auto const twice = std::adjacent_find(sorted.begin(), sorted.end(), [](auto* a, auto* b) {
        return a->question_id == b->question_id;
    });
    if (twice != sorted.end())
        throw std::invalid_argument("draw_paper: question " +
                                    std::to_string((*twice)->question_id) +
                                    " is in the pool twice");
    return sorted;
}

void append_big_endian(std::string& bytes, std::uint64_t value, int size) {
    for (int shift = 8 * (size - 1); shift >= 0; shift -= 8)
        bytes += static_cast<char>((value >> shift) & 0xff);
}

/// Eight base32 characters (40 bits) of SHA-256("phongthi option id", seed, question, index,
/// attempt): without the seed they say nothing of the option behind them.
std::string derive_option_id(std::uint64_t seed, std::int64_t question_id, int index,
                             std::uint32_t attempt) {
    std::string message("phongthi option id");
    message += '\0';
    append_big_endian(message, seed, 8);
    append_big_endian(message, static_cast<std::uint64_t>(question_id), 8);
    append_big_endian(message, static_cast<std::uint32_t>(index), 4);
    append_big_endian(message, attempt, 4);
    std::array<unsigned char, EVP_MAX_MD_SIZE> digest{};
    unsigned int length = 0;
    if (EVP_Digest(message.data(), message.size(), digest.data(), &length, EVP_sha256(), nullptr) !=
        1)
        throw std::runtime_error("draw_paper: SHA-256 failed");
    std::uint64_t bits = 0;
    for (std::size_t i = 0; i < 5; ++i)
        bits = (bits << 8) | digest[i];
    constexpr std::string_view alphabet = "abcdefghijklmnopqrstuvwxyz234567";
    std::string id(8, ' ');
    for (int i = 7; i >= 0; --i, bits >>= 5)
        id[static_cast<std::size_t>(i)] = alphabet[bits & 31];
    return id;
}

/// The ids of a question's options by original index, unique within the question.
std::vector<std::string> option_ids(std::uint64_t seed, std::int64_t question_id, int count) {
    std::vector<std::string> ids;
    for (int index = 0; index < count; ++index) {
        std::uint32_t attempt = 0;
        std::string id = derive_option_id(seed, question_id, index, attempt);
        while (std::find(ids.begin(), ids.end(), id) != ids.end())
            id = derive_option_id(seed, question_id, index, ++attempt);
        ids.push_back(std::move(id));
    }
    return ids;
}

paper_item make_item(blueprint const& plan, pick const& chosen, std::uint64_t seed,
                     seeded_random& random) {
    pool_entry const& entry = *chosen.entry;
    paper_item item;
    item.question_id = entry.question_id;
    item.revision_id = entry.revision_id;
    item.points = plan.cells[chosen.cell].points.value_or(entry.points);
    item.option_order.resize(static_cast<std::size_t>(entry.option_count));
    std::iota(item.option_order.begin(), item.option_order.end(), 0);
    if (plan.shuffle_options && entry.shuffle_options)
        random.shuffle(std::span<int>(item.option_order));
    auto const ids = option_ids(seed, entry.question_id, entry.option_count);
    for (int const index : item.option_order)
        item.option_ids.push_back(ids[static_cast<std::size_t>(index)]);
    return item;
}

} // namespace

draw_result draw_paper(blueprint const& plan, std::span<pool_entry const> pool,
                       std::uint64_t seed) {
    std::vector<pool_entry const*> const sorted = sorted_pool(pool);
    // Cells with a topic first: an any-topic cell of the same level can take what they leave.
    std::vector<std::size_t> fill_order(plan.cells.size());
    std::iota(fill_order.begin(), fill_order.end(), std::size_t{0});
    std::stable_partition(fill_order.begin(), fill_order.end(),
                          [&](std::size_t i) { return !plan.cells[i].topic.empty(); });

    seeded_random random(seed);
    std::vector<bool> used(sorted.size(), false);
    std::vector<pick> picks;
    draw_result result;
    for (std::size_t const c : fill_order) {
        blueprint_cell const& cell = plan.cells[c];
        std::vector<std::size_t> candidates;
        for (std::size_t i = 0; i < sorted.size(); ++i) {
            if (!used[i] && sorted[i]->level == cell.level &&
                (cell.topic.empty() || sorted[i]->topic == cell.topic))
                candidates.push_back(i);
        }
        auto const wanted = static_cast<std::size_t>(std::max(cell.count, 0));
        if (candidates.size() < wanted) {
            result.shortages.push_back(
                {cell.topic, cell.level, cell.count, static_cast<int>(candidates.size())});
            // The short cell would take them all, so later cells are told what is left.
            for (std::size_t const i : candidates)
                used[i] = true;
            continue;
        }
        for (std::size_t const k : random.choose(candidates.size(), wanted)) {
            used[candidates[k]] = true;
            picks.push_back({c, sorted[candidates[k]]});
        }
    }
    if (!result.shortages.empty())
        return result;

    std::sort(picks.begin(), picks.end(), [](pick const& a, pick const& b) {
        if (a.cell != b.cell)
            return a.cell < b.cell;
        return a.entry->question_id < b.entry->question_id;
    });
    if (plan.shuffle_questions)
        random.shuffle(std::span<pick>(picks));
    paper drawn;
    drawn.items.reserve(picks.size());
    for (pick const& chosen : picks)
        drawn.items.push_back(make_item(plan, chosen, seed, random));
    result.value = std::move(drawn);
    return result;
}

std::string describe_shortages(std::vector<shortage> const& shortages, bool vietnamese) {
    std::string text;
    for (auto const& s : shortages) {
        auto const level = static_cast<std::size_t>(s.level);
        std::string const wanted = std::to_string(s.wanted);
        std::string const available = std::to_string(s.available);
        std::string const missing = std::to_string(s.wanted - s.available);
        if (!text.empty())
            text += '\n';
        if (vietnamese) {
            text += s.topic.empty() ? std::string("Mọi chủ đề") : "Chủ đề «" + s.topic + "»";
            text += ", mức " + std::string(level_labels_vi[level]) + ": cần " + wanted +
                    " câu, ngân hàng " +
                    (s.available == 0 ? std::string("không có câu nào") : "chỉ có " + available) +
                    " (thiếu " + missing + ").";
        } else {
            text += s.topic.empty() ? std::string("Any topic") : "Topic «" + s.topic + "»";
            text += ", level " + std::string(level_labels_en[level]) + ": " + wanted +
                    " questions needed, the bank has " +
                    (s.available == 0 ? std::string("none") : "only " + available) + " (" +
                    missing + " missing).";
        }
    }
    return text;
}

int variant_for_seat(int row, int col, int variant_count) {
    if (variant_count <= 1)
        return 0;
    int const row_step = variant_count == 2 ? 1 : 2;
    // In 64 bits so that no seat overflows; the second modulo makes negative seats non-negative.
    long long const sum = static_cast<long long>(col) + static_cast<long long>(row_step) * row;
    return static_cast<int>((sum % variant_count + variant_count) % variant_count);
}

std::string variant_code(int index) {
    if (index < 0 || index >= 899)
        throw std::out_of_range("variant_code: index " + std::to_string(index));
    return std::to_string(101 + index);
}

} // namespace phongthi::bank
