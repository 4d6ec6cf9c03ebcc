#include "tests/unit/bank/docx_builder.hpp"

#include <zip.h>

#include <cstdio>
#include <memory>
#include <stdexcept>

namespace phongthi::bank::test {

namespace {

constexpr unsigned char png_bytes[] = {
    0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x00, 0x00, 0x00, 0x0D, 0x49, 0x48,
    0x44, 0x52, 0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x01, 0x08, 0x06, 0x00, 0x00,
    0x00, 0x1F, 0x15, 0xC4, 0x89, 0x00, 0x00, 0x00, 0x0A, 0x49, 0x44, 0x41, 0x54, 0x78,
    0x9C, 0x63, 0x00, 0x01, 0x00, 0x00, 0x05, 0x00, 0x01, 0x0D, 0x0A, 0x2D, 0xB4, 0x00,
    0x00, 0x00, 0x00, 0x49, 0x45, 0x4E, 0x44, 0xAE, 0x42, 0x60, 0x82};

constexpr std::string_view content_types =
    R"(<?xml version="1.0" encoding="UTF-8" standalone="yes"?>)"
    R"(<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">)"
    R"(<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>)"
    R"(<Default Extension="xml" ContentType="application/xml"/>)"
    R"(<Default Extension="png" ContentType="image/png"/>)"
    R"(<Override PartName="/word/document.xml" )"
    R"(ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>)"
    R"(</Types>)";

constexpr std::string_view package_rels =
    R"(<?xml version="1.0" encoding="UTF-8" standalone="yes"?>)"
    R"(<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">)"
    R"(<Relationship Id="rId1" )"
    R"(Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" )"
    R"(Target="word/document.xml"/></Relationships>)";

constexpr std::string_view document_rels =
    R"(<?xml version="1.0" encoding="UTF-8" standalone="yes"?>)"
    R"(<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">)"
    R"(<Relationship Id="rId10" )"
    R"(Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/image" )"
    R"(Target="media/image1.png"/></Relationships>)";

std::string escaped(std::string_view text) {
    std::string out;
    for (char const c : text) {
        if (c == '&')
            out += "&amp;";
        else if (c == '<')
            out += "&lt;";
        else if (c == '>')
            out += "&gt;";
        else
            out += c;
    }
    return out;
}

std::string drawing(int id) {
    std::string const n = std::to_string(id);
    return R"(<w:drawing><wp:inline distT="0" distB="0" distL="0" distR="0">)"
           R"(<wp:extent cx="190500" cy="190500"/><wp:docPr id=")" +
           n + R"(" name="Picture )" + n +
           R"("/><a:graphic xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main">)"
           R"(<a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/picture">)"
           R"(<pic:pic xmlns:pic="http://schemas.openxmlformats.org/drawingml/2006/picture">)"
           R"(<pic:nvPicPr><pic:cNvPr id="0" name="image1.png"/><pic:cNvPicPr/></pic:nvPicPr>)"
           R"(<pic:blipFill><a:blip r:embed="rId10"/><a:stretch><a:fillRect/></a:stretch>)"
           R"(</pic:blipFill><pic:spPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="190500" )"
           R"(cy="190500"/></a:xfrm><a:prstGeom prst="rect"><a:avLst/></a:prstGeom></pic:spPr>)"
           R"(</pic:pic></a:graphicData></a:graphic></wp:inline></w:drawing>)";
}

std::string run_xml(docx_run const& run, int& drawings) {
    std::string properties;
    if (run.bold)
        properties += "<w:b/>";
    if (run.underline)
        properties += R"(<w:u w:val="single"/>)";
    if (!run.color.empty())
        properties += R"(<w:color w:val=")" + run.color + R"("/>)";
    std::string xml = "<w:r>";
    if (!properties.empty())
        xml += "<w:rPr>" + properties + "</w:rPr>";
    if (run.image)
        xml += drawing(++drawings);
    std::string text;
    auto const flush = [&] {
        if (!text.empty())
            xml += R"(<w:t xml:space="preserve">)" + escaped(text) + "</w:t>";
        text.clear();
    };
    for (char const c : run.text) {
        if (c == '\t' || c == '\n') {
            flush();
            xml += c == '\t' ? "<w:tab/>" : "<w:br/>";
        } else {
            text += c;
        }
    }
    flush();
    return xml + "</w:r>";
}

} // namespace

docx_paragraph plain(std::string text) {
    return {docx_run{std::move(text)}};
}

docx_paragraph numbered(int num_id, int level, docx_paragraph runs) {
    runs.num_id = num_id;
    runs.level = level;
    return runs;
}

std::string make_zip(std::vector<std::pair<std::string, std::string>> const& members) {
    zip_error_t error;
    zip_error_init(&error);
    zip_source_t* buffer = zip_source_buffer_create(nullptr, 0, 0, &error);
    zip_t* archive = zip_open_from_source(buffer, ZIP_TRUNCATE, &error);
    zip_error_fini(&error);
    if (archive == nullptr)
        throw std::runtime_error("libzip cannot create an archive in memory");
    zip_source_keep(buffer);
    for (auto const& [name, data] : members) {
        zip_source_t* member = zip_source_buffer(archive, data.data(), data.size(), 0);
        if (member == nullptr || zip_file_add(archive, name.c_str(), member, ZIP_FL_ENC_UTF_8) < 0)
            throw std::runtime_error("libzip cannot add " + name);
    }
    if (zip_close(archive) != 0)
        throw std::runtime_error("libzip cannot write the archive");
    std::unique_ptr<zip_source_t, decltype(&zip_source_free)> owner(buffer, &zip_source_free);
    zip_stat_t stat;
    zip_stat_init(&stat);
    if (zip_source_stat(buffer, &stat) != 0 || zip_source_open(buffer) != 0)
        throw std::runtime_error("libzip cannot read the archive back");
    std::string bytes(stat.size, '\0');
    zip_int64_t const got = zip_source_read(buffer, bytes.data(), bytes.size());
    zip_source_close(buffer);
    if (got != static_cast<zip_int64_t>(bytes.size()))
        throw std::runtime_error("libzip returned a short archive");
    return bytes;
}

std::string document_xml(std::vector<docx_paragraph> const& paragraphs) {
    std::string xml =
        R"(<?xml version="1.0" encoding="UTF-8" standalone="yes"?>)"
        R"(<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" )"
        R"(xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" )"
        R"(xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing">)"
        R"(<w:body>)";
    int drawings = 0;
    for (auto const& paragraph : paragraphs) {
        xml += "<w:p>";
        std::string properties;
        if (!paragraph.style.empty())
            properties += R"(<w:pStyle w:val=")" + paragraph.style + R"("/>)";
        if (paragraph.num_id >= 0)
            properties += R"(<w:numPr><w:ilvl w:val=")" + std::to_string(paragraph.level) +
                          R"("/><w:numId w:val=")" + std::to_string(paragraph.num_id) +
                          R"("/></w:numPr>)";
        if (!properties.empty())
            xml += "<w:pPr>" + properties + "</w:pPr>";
        for (auto const& run : paragraph)
            xml += run_xml(run, drawings);
        xml += "</w:p>";
    }
    return xml + R"(<w:sectPr><w:pgSz w:w="11906" w:h="16838"/></w:sectPr></w:body></w:document>)";
}

std::string
make_docx_with_document(std::string const& document,
                        std::vector<std::pair<std::string, std::string>> const& extra_parts) {
    std::vector<std::pair<std::string, std::string>> members{
        {"[Content_Types].xml", std::string(content_types)},
        {"_rels/.rels", std::string(package_rels)},
        {"word/document.xml", document},
        {"word/_rels/document.xml.rels", std::string(document_rels)},
        {"word/media/image1.png", std::string(tiny_png())}};
    members.insert(members.end(), extra_parts.begin(), extra_parts.end());
    return make_zip(members);
}

std::string make_docx(std::vector<docx_paragraph> const& paragraphs,
                      std::vector<std::pair<std::string, std::string>> const& extra_parts) {
    return make_docx_with_document(document_xml(paragraphs), extra_parts);
}

void set_declared_size(std::string& zip, std::string_view member, std::uint32_t size) {
    auto const read16 = [&](std::size_t at) {
        return static_cast<std::size_t>(static_cast<unsigned char>(zip[at])) |
               static_cast<std::size_t>(static_cast<unsigned char>(zip[at + 1])) << 8;
    };
    auto const write32 = [&](std::size_t at) {
        for (int i = 0; i < 4; ++i)
            zip[at + static_cast<std::size_t>(i)] = static_cast<char>(size >> (8 * i) & 0xFF);
    };
    // Local header: name length at 26, name at 30, size at 22. Central: 28, 46, 24.
    struct header_layout {
        std::string_view signature;
        std::size_t name_length, name, size;
    };
    for (auto const& h :
         {header_layout{"PK\x03\x04", 26, 30, 22}, header_layout{"PK\x01\x02", 28, 46, 24}}) {
        for (auto at = zip.find(h.signature); at != std::string::npos;
             at = zip.find(h.signature, at + 1)) {
            if (zip.compare(at + h.name, read16(at + h.name_length), member) == 0)
                write32(at + h.size);
        }
    }
}

std::string_view tiny_png() {
    return {reinterpret_cast<char const*>(png_bytes), sizeof png_bytes};
}

} // namespace phongthi::bank::test
