#pragma once

#include "question-bank/bank_import.hpp"

#include <string>
#include <string_view>
#include <vector>

namespace phongthi::bank {

/// Reads a Moodle XML question file (<quiz> of <question type="...">). Multiple choice and
/// true/false become questions (true/false as the options "Đúng"/"Sai"); the last segment of
/// the latest category becomes the topic; a level tag ("nhan_biet", "Thông hiểu") sets the
/// level; embedded base64 <file>s become media. Other types are skipped with a warning.
/// A file that is not UTF-8, has a DOCTYPE, breaks import_limits or is not well-formed XML is
/// refused with one error. Never throws on bad input. Pure: callable from any thread.
bank_import read_moodle_xml(std::string_view text, std::string_view file_name);

/// Writes `questions` as Moodle XML: a category question whenever the topic changes, one
/// multichoice (or truefalse, for "Đúng"/"Sai") question each, weights as fractions, the level as
/// a tag, media as base64 <file>s referenced from the HTML text as @@PLUGINFILE@@/name.
/// read_moodle_xml() reads it back. Pure: callable from any thread.
std::string write_moodle_xml(std::vector<question> const& questions);

} // namespace phongthi::bank
