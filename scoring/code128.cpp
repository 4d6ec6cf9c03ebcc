#include "scoring/code128.hpp"

#include <array>
#include <stdexcept>

namespace phongthi::scoring {

namespace {

constexpr int code128_start_b = 104;
constexpr int code128_stop = 106;
constexpr int code128_modulus = 103;

// Bar and space widths of the symbol values 0–105 (ISO/IEC 15417), bar first; each sums to 11.
constexpr std::array<char const*, 106> code128_patterns = {
    "212222", "222122", "222221", "121223", "121322", "131222", "122213", "122312", "132212",
    "221213", "221312", "231212", "112232", "122132", "122231", "113222", "123122", "123221",
    "223211", "221132", "221231", "213212", "223112", "312131", "311222", "321122", "321221",
    "312212", "322112", "322211", "212123", "212321", "232121", "111323", "131123", "131321",
    "112313", "132113", "132311", "211313", "231113", "231311", "112133", "112331", "132131",
    "113123", "113321", "133121", "313121", "211331", "231131", "213113", "213311", "213131",
    "311123", "311321", "331121", "312113", "312311", "332111", "314111", "221411", "431111",
    "111224", "111422", "121124", "121421", "141122", "141221", "112214", "112412", "122114",
    "122411", "142112", "142211", "241211", "221114", "413111", "241112", "134111", "111242",
    "121142", "121241", "114212", "124112", "124211", "411212", "421112", "421211", "212141",
    "214121", "412121", "111143", "111341", "131141", "114113", "114311", "411113", "411311",
    "113141", "114131", "311141", "411131", "211412", "211214", "211232"};

// The stop pattern has a seventh element: the final 2-module bar.
constexpr char const* code128_stop_pattern = "2331112";

} // namespace

code128_symbol encode_code128(std::string_view text) {
    if (text.empty())
        throw std::invalid_argument("a Code 128 barcode needs at least one character");
    code128_symbol symbol;
    symbol.values.push_back(code128_start_b);
    int checksum = code128_start_b;
    for (std::size_t i = 0; i < text.size(); ++i) {
        auto const c = static_cast<unsigned char>(text[i]);
        if (c < 32 || c > 126)
            throw std::invalid_argument("character " + std::to_string(i + 1) +
                                        " cannot be written in Code 128 B (printable ASCII only)");
        int const value = c - 32;
        symbol.values.push_back(value);
        checksum += value * static_cast<int>(i + 1);
    }
    symbol.values.push_back(checksum % code128_modulus);
    symbol.values.push_back(code128_stop);
    for (int const value : symbol.values)
        for (char const* width = value == code128_stop ? code128_stop_pattern
                                                       : code128_patterns[value];
             *width; ++width) {
            symbol.widths.push_back(*width - '0');
            symbol.modules += *width - '0';
        }
    return symbol;
}

std::string code128_modules(code128_symbol const& symbol) {
    std::string modules;
    for (std::size_t i = 0; i < symbol.widths.size(); ++i)
        modules.append(static_cast<std::size_t>(symbol.widths[i]), i % 2 == 0 ? '1' : '0');
    return modules;
}

} // namespace phongthi::scoring
