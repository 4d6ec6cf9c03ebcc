#include "question-bank/media_type.hpp"

#include <array>
#include <string>
#include <utility>

namespace phongthi::bank {

std::string_view media_type_of(std::string_view file_name) {
    auto const dot = file_name.rfind('.');
    std::string extension(dot == std::string_view::npos ? "" : file_name.substr(dot + 1));
    for (char& c : extension) {
        if (c >= 'A' && c <= 'Z')
            c = static_cast<char>(c - 'A' + 'a');
    }
    static constexpr std::array<std::pair<std::string_view, std::string_view>, 11> types{{
        {"png", "image/png"},
        {"jpg", "image/jpeg"},
        {"jpeg", "image/jpeg"},
        {"gif", "image/gif"},
        {"bmp", "image/bmp"},
        {"svg", "image/svg+xml"},
        {"webp", "image/webp"},
        {"tif", "image/tiff"},
        {"tiff", "image/tiff"},
        {"emf", "image/emf"},
        {"wmf", "image/wmf"},
    }};
    for (auto const& [ext, type] : types) {
        if (extension == ext)
            return type;
    }
    return "application/octet-stream";
}

} // namespace phongthi::bank
