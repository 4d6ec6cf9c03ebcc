#pragma once

#include <string_view>

namespace phongthi::server {

/// Each runs one `phongthi` subcommand from argv[first..] and returns the exit code.
/// They throw usage_error for command-line mistakes and std::exception for failures.
int run_serve(int argc, char** argv, int first);
int run_user(int argc, char** argv, int first);
int run_unit(int argc, char** argv, int first);
/// `phongthi sessions list [--username U]` and `sessions revoke --username U | --all`, offline
/// on the data directory.
int run_sessions(int argc, char** argv, int first);
int run_backup(int argc, char** argv, int first);
/// `phongthi restore FILE [--yes] [--data DIR]`: a backup in place of the database, offline.
int run_restore(int argc, char** argv, int first);
/// `phongthi audit [filters]`: the audit log, newest first.
int run_audit(int argc, char** argv, int first);
int run_bank(int argc, char** argv, int first);
/// `phongthi course add|list`, `phongthi class list|show|create|enroll|withdraw` and
/// `phongthi roster import FILE --class CLASS ...` (docs/CLASSES.md).
int run_course(int argc, char** argv, int first);
int run_class(int argc, char** argv, int first);
int run_roster(int argc, char** argv, int first);
/// `phongthi attendance sessions|add-session|checkin|report ...` (docs/CLASSES.md).
int run_attendance(int argc, char** argv, int first);
/// `phongthi room list|show|create|update|seat ...` (docs/CLASSES.md).
int run_room(int argc, char** argv, int first);
/// `phongthi conduct list|set|fill CLASS ...` (docs/COURSE.md).
int run_conduct(int argc, char** argv, int first);
/// `phongthi material list|add|get|remove ...` and `phongthi survey show|set|close|reopen|report
/// EXAM` (docs/COURSE.md).
int run_material(int argc, char** argv, int first);
int run_survey(int argc, char** argv, int first);
/// `phongthi course close|reopen CODE`, argv[first] being the code.
int run_course_closing(int argc, char** argv, int first, bool closed);
int run_exam(int argc, char** argv, int first);
int run_attempt(int argc, char** argv, int first);
/// `phongthi results ID` and `phongthi stats ID`: the class table and the item analysis.
int run_results(int argc, char** argv, int first);
int run_stats(int argc, char** argv, int first);
/// `phongthi exam fix-key ID ...`, argv[first] being the exam id: a key correction.
int run_fix_key(int argc, char** argv, int first);
/// `phongthi report KIND --exam ID ...`: a report file as the API gives it.
int run_report(int argc, char** argv, int first);
/// `phongthi verify-cert CODE` and `phongthi revoke-cert CODE --reason R`.
int run_verify_cert(int argc, char** argv, int first);
int run_revoke_cert(int argc, char** argv, int first);
/// `phongthi export-results --exam ID -o FILE`, `verify FILE`, `server-key` and
/// `import-results FILE`: signed result bundles (docs/DEPLOY.md).
int run_export_results(int argc, char** argv, int first);
int run_verify(int argc, char** argv, int first);
int run_server_key(int argc, char** argv, int first);
int run_import_results(int argc, char** argv, int first);
/// `phongthi settings report-header|certificate-template [--json FILE]` and
/// `settings backup-schedule [--every MINUTES --keep N | --reset]`.
int run_settings(int argc, char** argv, int first);
int run_backup_schedule_setting(int argc, char** argv, int first);

/// Whether `phongthi exam ACTION` goes through the running server (open, start, extend, ...)
/// rather than the data directory.
bool is_live_exam_action(std::string_view action);
/// Runs such an action, argv[first] being the action.
int run_live_exam_action(int argc, char** argv, int first);

} // namespace phongthi::server
