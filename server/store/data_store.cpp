#include "server/store/data_store.hpp"

#include "server/store/migrations.hpp"

namespace phongthi::store {

namespace {

/// Runs before the writer and the readers exist, so they always open a current, WAL-mode file.
std::filesystem::path prepare(std::filesystem::path const& directory) {
    std::filesystem::create_directories(directory);
    auto file = directory / data_store::file_name;
    database db(file, open_mode::read_write_create);
    db.exec("PRAGMA journal_mode = WAL");
    migrate(db);
    return file;
}

} // namespace

data_store::data_store(std::filesystem::path const& directory, std::size_t readers)
    : file_(prepare(directory)), writer_(file_), readers_(file_, readers) {}

data_store::~data_store() {
    stop();
}

void data_store::stop() {
    writer_.stop();
}

} // namespace phongthi::store
