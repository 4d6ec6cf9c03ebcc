#include "server/backups/material_copy.hpp"
#include "server/cli/args.hpp"
#include "server/cli/cli_support.hpp"
#include "server/cli/commands.hpp"
#include "server/course/material_files.hpp"
#include "server/store/backup.hpp"
#include "server/store/data_store.hpp"

#include <iostream>

namespace phongthi::server {

int run_backup(int argc, char** argv, int first) {
    command_args const args(argc, argv, first, {"data", "to"}, {});
    std::filesystem::path const source = data_dir_of(args) / store::data_store::file_name;
    std::filesystem::path const target = args.required("to");
    if (!std::filesystem::exists(source))
        throw std::runtime_error("no database at " + source.string());
    // The online backup API copies a consistent snapshot while the server keeps writing.
    store::backup_database(source, target);
    auto const materials = material_copy::beside(target);
    auto const added =
        material_copy::add_missing(material_files::directory_of(data_dir_of(args)), materials);
    std::cout << "backed up " << source.string() << " to " << target.string() << "\n";
    if (added > 0)
        std::cout << "added " << added << " course material files to " << materials.string()
                  << "\n";
    return 0;
}

} // namespace phongthi::server
