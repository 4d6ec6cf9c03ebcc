#pragma once

#include "question-bank/bank_import.hpp"

#include <string>
#include <string_view>
#include <vector>

namespace phongthi::bank {

/// Reads a Moodle GIFT file (fixtures/FORMATS.md, EXPECTATIONS.md section 1) from its bytes.
/// Multiple-choice and true/false questions (as "Đúng"/"Sai") are kept; other question types
/// are skipped with a warning; `$CATEGORY:` sets the topic (last path segment); comment
/// metadata `[id:…]` and `[tag:…]` set the external id, tags and level (a tag naming a level,
/// e.g. `[tag:nhan_biet]`). A file that is not UTF-8 or is too large is refused with one
/// error. Never throws on bad input. Pure: callable from any thread.
bank_import read_gift(std::string_view text, std::string_view file_name);

/// Writes questions as GIFT that read_gift() reads back to the same stems, options, weights,
/// feedback, explanation, topic, level, id and tags (points, shuffling and media are not
/// carried by GIFT). Questions whose options are exactly "Đúng"/"Sai" with one right answer
/// are written as true/false. Pure: callable from any thread.
std::string write_gift(std::vector<question> const& questions);

} // namespace phongthi::bank
