#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace phongthi::scoring {

/// A QR symbol as a square of modules, row by row from the top-left; true is dark. Without the
/// quiet zone (4 light modules on each side), which whoever draws it must leave.
struct qr_matrix {
    int size = 0;              ///< modules per side: 21 for version 1, 4 more per version
    std::vector<bool> modules; ///< size × size, row-major
    /// Whether the module in column `x`, row `y` is dark.
    bool dark(int x, int y) const { return modules[static_cast<std::size_t>(y * size + x)]; }
};

/// Encodes `utf8` as bytes (8-bit mode) at error correction level M in the smallest version
/// that holds it (libqrencode). Throws std::invalid_argument when the text is empty or too long
/// for a QR code (over 2 331 bytes). Any thread.
qr_matrix encode_qr(std::string_view utf8);

/// The matrix as a compact SVG document: one black path of the dark modules on a white
/// background, a 4-module quiet zone around it, `module_px` pixels per module (viewBox in
/// modules, width/height in pixels). Throws std::invalid_argument when `module_px` < 1. Any
/// thread.
std::string qr_svg(qr_matrix const& matrix, int module_px);

} // namespace phongthi::scoring
