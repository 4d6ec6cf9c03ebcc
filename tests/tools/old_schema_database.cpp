// phongthi_old_schema_database FILE VERSION: a new database at schema VERSION, as an older
// phongthi would have left it, for the package upgrade test (deploy/test-package.sh) to prove
// that the upgraded server migrates it.
#include "server/store/database.hpp"
#include "server/store/migrations.hpp"

#include <cstdlib>
#include <exception>
#include <iostream>
#include <string>

int main(int argc, char** argv) {
    if (argc != 3) {
        std::cerr << "usage: phongthi_old_schema_database FILE VERSION\n";
        return 2;
    }
    try {
        int const version = std::stoi(argv[2]);
        if (version < 1 || version > phongthi::store::latest_schema_version())
            throw std::out_of_range("VERSION must be from 1 to the latest schema version");
        phongthi::store::database db(argv[1], phongthi::store::open_mode::read_write_create);
        db.exec("PRAGMA journal_mode = WAL");
        phongthi::store::migrate_to(db, version);
        std::cout << phongthi::store::schema_version(db) << "\n";
        return 0;
    } catch (std::exception const& e) {
        std::cerr << "phongthi_old_schema_database: " << e.what() << "\n";
        return 1;
    }
}
