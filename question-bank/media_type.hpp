#pragma once

#include <string_view>

namespace phongthi::bank {

/// The MIME type of a picture embedded in a bank, from its file name's extension (any case):
/// "image/png" for "Hinh1.PNG"; "application/octet-stream" when the extension is not a picture's.
std::string_view media_type_of(std::string_view file_name);

} // namespace phongthi::bank
