#pragma once

#include "server/store/database.hpp"
#include "tests/integration/fixture.hpp"

#include <cstdio>
#include <fstream>
#include <string>
#include <utility>
#include <vector>

namespace phongthi::test {

/// The text of a PDF as pdftotext reads it ("" when it cannot): laid out as on the page, or with
/// `raw` in the order it was drawn.
inline std::string pdf_text(std::string const& pdf, std::filesystem::path const& dir,
                            bool raw = false) {
    auto const file = dir / "read.pdf";
    std::ofstream(file, std::ios::binary) << pdf;
    std::string text;
    auto const command = std::string("pdftotext ") + (raw ? "-raw" : "-layout") + " '" +
                         file.string() + "' - 2>/dev/null";
    if (FILE* pipe = ::popen(command.c_str(), "r")) {
        char buffer[4096];
        for (std::size_t n; (n = std::fread(buffer, 1, sizeof buffer, pipe)) > 0;)
            text.append(buffer, n);
        ::pclose(pipe);
    }
    return text;
}

/// The demo server with its demo class, whose exam is closed and graded at start.
class ReportsServer : public DemoServer {
protected:
    /// The demo class's exam, looked up by its title.
    std::int64_t class_exam() {
        auto const list = json::parse(call("GET", "/api/exams", admin()).body);
        for (auto const& exam : list["exams"])
            if (exam["title"] == "Kiểm tra kết thúc khoá học")
                return exam["id"].get<std::int64_t>();
        ADD_FAILURE() << "no demo class exam in " << list.dump();
        return 0;
    }

    std::string const& admin() {
        if (admin_.empty())
            admin_ = token_of("admin", admin_password);
        return admin_;
    }

    /// GET /api/exams/{exam}/reports/{what} as `token`.
    http_result report(std::string const& what, std::string const& token) {
        return call("GET", "/api/exams/" + std::to_string(class_exam()) + "/reports/" + what,
                    token);
    }

    /// (code, full name) of every certificate, from the database file.
    std::vector<std::pair<std::string, std::string>> certificates() {
        store::database db(data_dir() / "phongthi.db", store::open_mode::read_only);
        auto query = db.prepare("SELECT code, json_extract(data, '$.full_name') "
                                "FROM certificates ORDER BY id");
        std::vector<std::pair<std::string, std::string>> list;
        while (query.step())
            list.emplace_back(query.column_text(0), query.column_text(1));
        return list;
    }

    std::string admin_;
};

} // namespace phongthi::test
