#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace phongthi::scoring {

/// A Code 128 symbol: its symbol values and the widths of its alternating bars and spaces.
struct code128_symbol {
    /// Start B (104), one value per character, the checksum, stop (106).
    std::vector<int> values;
    /// Widths in modules of bar, space, bar, … from the start pattern to the stop pattern's
    /// final bar; the quiet zone (10 modules each side) is not included.
    std::vector<int> widths;
    /// The sum of `widths`: 11 per symbol value plus 2 for the stop pattern's final bar.
    int modules = 0;
};

/// Encodes `text` in code set B (printable ASCII, 32–126) with its modulo-103 checksum, for the
/// USB barcode scanners at check-in. Throws std::invalid_argument naming the position of a
/// character outside code set B, or when `text` is empty. Any thread.
code128_symbol encode_code128(std::string_view text);

/// The symbol as a string of '1' (bar) and '0' (space) modules, as printed in the standard's
/// tables: "11010010000" for Start B. For tests and debugging. Any thread.
std::string code128_modules(code128_symbol const& symbol);

} // namespace phongthi::scoring
