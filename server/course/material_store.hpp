#pragma once

#include "server/accounts/user.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace phongthi::store {
class database;
}

/// Course materials (tài liệu): the database keeps each document's metadata and SHA-256; the
/// bytes are a file under <data>/materials/ (material_files). Plain functions over one
/// connection: reads on a read-side connection, writes in a writer job.
namespace phongthi::server::material_store {

/// One document of a course.
struct material_record {
    std::int64_t id = 0;
    std::int64_t course_id = 0;
    std::string course_code;
    std::string course_name;
    std::string title;
    std::string description;
    std::string file_name;   ///< the uploaded name, cleaned: what the download is called
    std::string stored_name; ///< the file under the materials directory
    std::string kind;        ///< material_type_check kinds: pdf, docx, ...
    std::string mime_type;
    std::int64_t size = 0;
    std::string sha256;
    std::string uploaded_by; ///< username, or empty
    std::int64_t uploaded_at = 0;
};

/// The course's documents, newest first.
std::vector<material_record> course_materials(store::database& db, std::int64_t course_id);
std::optional<material_record> find_material(store::database& db, std::int64_t id);

/// Inserts the document (its file already stored) and audits "material.upload"; returns its id.
std::int64_t insert_material(store::database& db, material_record const& material, actor const& who,
                             std::int64_t now);

/// Deletes the document's row and audits "material.delete"; returns what was deleted (its file
/// is the caller's to remove), or nullopt when there is no such document.
std::optional<material_record> delete_material(store::database& db, std::int64_t id,
                                               actor const& who, std::int64_t now);

/// The documents of every course in which the learner is enrolled in a class, newest first.
std::vector<material_record> learner_materials(store::database& db, std::int64_t user_id);

/// Whether the learner is enrolled in a class of the course.
bool enrolled_in_course(store::database& db, std::int64_t user_id, std::int64_t course_id);

/// Whether the learner is in an exam now: an attempt running or waiting in an open exam, or an
/// open exam of their class that they have not finished. Materials are refused meanwhile.
bool in_exam(store::database& db, std::int64_t user_id);

} // namespace phongthi::server::material_store
