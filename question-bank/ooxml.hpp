#pragma once

#include <pugixml.hpp>

#include <cstddef>
#include <string>
#include <string_view>

/// Small helpers the Word and Excel readers share to walk Office Open XML parts, whose element
/// and attribute names carry namespace prefixes ("w:p", "x:row", "r:id").
namespace phongthi::bank::ooxml {

/// The name without its namespace prefix: "p" for "w:p".
std::string_view local_name(char const* name);
std::string_view local_name(pugi::xml_node node);

/// The first child element of `node` whose local name is `local`; empty when none.
pugi::xml_node child(pugi::xml_node node, std::string_view local);

/// The value of the attribute of `node` whose local name is `local`; empty when none.
std::string_view attribute(pugi::xml_node node, std::string_view local);

/// "64 MB": a byte count in whole mebibytes, for messages about limits.
std::string megabytes(std::size_t bytes);

} // namespace phongthi::bank::ooxml
