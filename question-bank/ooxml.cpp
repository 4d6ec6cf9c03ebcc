#include "question-bank/ooxml.hpp"

namespace phongthi::bank::ooxml {

std::string_view local_name(char const* name) {
    std::string_view const full(name);
    auto const colon = full.find(':');
    return colon == std::string_view::npos ? full : full.substr(colon + 1);
}

std::string_view local_name(pugi::xml_node node) {
    return local_name(node.name());
}

pugi::xml_node child(pugi::xml_node node, std::string_view local) {
    for (auto c = node.first_child(); c; c = c.next_sibling()) {
        if (c.type() == pugi::node_element && local_name(c) == local)
            return c;
    }
    return {};
}

std::string_view attribute(pugi::xml_node node, std::string_view local) {
    for (auto a = node.first_attribute(); a; a = a.next_attribute()) {
        if (local_name(a.name()) == local)
            return a.value();
    }
    return {};
}

std::string megabytes(std::size_t bytes) {
    return std::to_string(bytes / (1024 * 1024)) + " MB";
}

} // namespace phongthi::bank::ooxml
