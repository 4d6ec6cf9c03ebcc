// `phongthi material list|add|get|remove`: course materials on the data directory, with the
// checks and the audit of the admin page; files go under <data>/materials like uploads.
#include "server/api/api_support.hpp"
#include "server/auth/session_token.hpp"
#include "server/cli/cli_support.hpp"
#include "server/cli/commands.hpp"
#include "server/course/material_files.hpp"
#include "server/course/material_store.hpp"
#include "server/course/material_upload.hpp"
#include "server/store/data_store.hpp"
#include "server/store/database.hpp"

#include <iomanip>
#include <iostream>

namespace phongthi::server {

namespace {

std::int64_t material_course_id(store::data_store& data, std::string const& code) {
    return data.read_side().with([&](store::database& db) { return course_id_named(db, code); });
}

std::optional<material_store::material_record> stored_material(store::data_store& data,
                                                               std::int64_t id) {
    return data.read_side().with(
        [&](store::database& db) { return material_store::find_material(db, id); });
}

int list_materials(int argc, char** argv, int first) {
    std::string const code = positional(argc, argv, first, "the course code");
    command_args const args(argc, argv, first + 1, {"data"}, {"json"});
    store::data_store data(data_dir_of(args));
    auto const id = material_course_id(data, code);
    auto const materials = data.read_side().with(
        [&](store::database& db) { return material_store::course_materials(db, id); });
    if (args.flag("json")) {
        json out = json::array();
        for (auto const& m : materials)
            out.push_back({{"id", m.id},
                           {"title", m.title},
                           {"file_name", m.file_name},
                           {"kind", m.kind},
                           {"size", m.size},
                           {"sha256", m.sha256},
                           {"uploaded_at", iso_utc(m.uploaded_at)}});
        std::cout << out.dump(2) << "\n";
        return 0;
    }
    for (auto const& m : materials)
        std::cout << std::setw(5) << m.id << "  " << m.kind << "  " << m.size << " B  " << m.title
                  << " (" << m.file_name << ")\n";
    std::cout << materials.size() << " materials in " << code << "\n";
    return 0;
}

int add_material(int argc, char** argv, int first) {
    std::string const code = positional(argc, argv, first, "the course code");
    std::string const file = positional(argc, argv, first + 1, "the file");
    command_args const args(argc, argv, first + 2,
                            {"data", "title", "description", "name", "max-mb", "lang"}, {});
    auto const bytes = read_file_bytes(file);
    auto const max_bytes = static_cast<std::size_t>(args.number("max-mb", 20, 1, 1024)) << 20;
    store::data_store data(data_dir_of(args));
    material_store::material_record material;
    material.course_id = material_course_id(data, code);
    auto const name = args.value("name").value_or(std::filesystem::path(file).filename().string());
    if (auto const refused =
            material_upload::check(args.required("title"), args.value("description").value_or(""),
                                   name, bytes, max_bytes, material)) {
        auto const field =
            refused->field == "name" && !args.value("name") ? "file" : refused->field;
        throw std::runtime_error(file + " [" + field + "]: " +
                                 std::string(error_message(refused->code, language_of(args))));
    }
    auto const directory = material_files::directory_of(data_dir_of(args));
    material.sha256 = auth::token_digest(bytes);
    material.stored_name = material_files::store(directory, bytes, material.kind);
    std::int64_t id = 0;
    try {
        data.write_side().write([&](store::database& db) {
            id = material_store::insert_material(db, material, cli_actor(), now_ms());
        });
    } catch (...) {
        material_files::remove(directory, material.stored_name);
        throw;
    }
    std::cout << "added material " << id << " to " << code << ": " << material.title << " ("
              << material.file_name << ", " << material.kind << ", " << material.size << " B)\n";
    return 0;
}

int get_material(int argc, char** argv, int first) {
    auto const id = positional_id(argc, argv, first, "the material id");
    command_args const args(argc, argv, first + 1, {"data", "o"}, {});
    std::string const out = args.required("o");
    store::data_store data(data_dir_of(args));
    auto const material = stored_material(data, id);
    if (!material)
        throw std::runtime_error("no material " + std::to_string(id));
    save_file(material_files::read(material_files::directory_of(data_dir_of(args)),
                                   material->stored_name),
              out);
    std::cout << "wrote " << material->file_name << " to " << out << "\n";
    return 0;
}

int remove_course_material(int argc, char** argv, int first) {
    auto const id = positional_id(argc, argv, first, "the material id");
    command_args const args(argc, argv, first + 1, {"data"}, {});
    store::data_store data(data_dir_of(args));
    std::optional<material_store::material_record> deleted;
    data.write_side().write([&](store::database& db) {
        deleted = material_store::delete_material(db, id, cli_actor(), now_ms());
    });
    if (!deleted)
        throw std::runtime_error("no material " + std::to_string(id));
    material_files::remove(material_files::directory_of(data_dir_of(args)), deleted->stored_name);
    std::cout << "removed material " << id << ": " << deleted->title << "\n";
    return 0;
}

} // namespace

int run_material(int argc, char** argv, int first) {
    std::string const action = positional(argc, argv, first, "an action (list, add, get, remove)");
    if (action == "list")
        return list_materials(argc, argv, first + 1);
    if (action == "add")
        return add_material(argc, argv, first + 1);
    if (action == "get")
        return get_material(argc, argv, first + 1);
    if (action == "remove")
        return remove_course_material(argc, argv, first + 1);
    throw usage_error("unknown action \"" + action + "\"");
}

} // namespace phongthi::server
