#pragma once

#include "server/results/exam_results.hpp"

#include <nlohmann/json.hpp>

#include <cstddef>
#include <optional>
#include <string>

/// Reading a key correction as the API and the CLI are given it, both checked the same way.
namespace phongthi::server::correction_input {

/// The longest reason of a key correction, in bytes.
constexpr std::size_t max_reason_bytes = 500;

/// A key correction as asked for, or the field that is wrong.
struct parsed {
    std::optional<exam_results::correction_request> request;
    std::string bad_field;   ///< question_id, reason, correct, weights or void; empty if fine
    bool by_indexes = false; ///< given as `correct` (option indexes) rather than weights
};

/// Reads {question_id, correct:[option indexes] | weights:[...] | void:"full_credit"|"drop" |
/// restore:true, reason}: the indexes become weights over max_options. Any thread.
parsed read(nlohmann::json const& body);

/// Fits a read correction to its question, which has `options` options as stored: correct
/// indexes past them, or weights of another count, are wrong. Returns the wrong field, or an
/// empty string when it fits. Any thread.
std::string fit_to_question(parsed& correction, std::size_t options);

} // namespace phongthi::server::correction_input
