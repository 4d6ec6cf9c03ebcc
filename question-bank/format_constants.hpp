#pragma once

#include <string_view>

/// Literals several bank formats share, so each reader and writer spells them the same way.
namespace phongthi::bank {

/// The byte order mark some editors put at the start of a UTF-8 file.
inline constexpr std::string_view utf8_bom = "\xEF\xBB\xBF";
/// How Moodle refers to a file embedded in the question: "@@PLUGINFILE@@/name.png".
inline constexpr std::string_view plugin_file_prefix = "@@PLUGINFILE@@/";
/// The options of a true/false question, as imported.
inline constexpr std::string_view true_label = "Đúng";
inline constexpr std::string_view false_label = "Sai";

} // namespace phongthi::bank
