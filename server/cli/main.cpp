// phongthi: the exam server and its administration commands.
#include "server/cli/args.hpp"
#include "server/cli/commands.hpp"

#include <csignal>
#include <iostream>
#include <string_view>

#include <sys/stat.h>

namespace {

constexpr std::string_view usage = R"(usage: phongthi COMMAND [options]

  serve   [--data DIR] [--host ADDR] [--port N] [--demo] [--log-level debug|info|warn|error]
          [--threads N] [--hash-threads N] [--tls off|on|both] [--tls-cert FILE --tls-key FILE]
          run the exam server (HTTP + WebSocket on one port); --port 0 picks a free port;
          --tls on: HTTPS/WSS only (with HSTS), both: HTTPS and HTTP on the same port; without
          --tls-cert/--tls-key a self-signed certificate is made in DIR/tls on the first start
          --material-max-mb N: the largest course material upload, 20 MB by default
          --max-connections N: connections served at once, 12000 by default (beyond it a new
          one gets a 503); the server raises its open-file limit to fit, up to the hard limit
          --max-connections-per-ip N: connections one client address may hold, 2000 by default
          (a lab of 250 PCs behind one NAT address fits); beyond it a short 503; 0: no cap
          --requests-per-ip-per-second R --request-burst B: HTTP requests per client address
          (a token bucket, 200/s and 4000 at once by default); beyond them 429 with
          Retry-After; 0: no limit; WebSocket messages are not counted
          --backup-every MINUTES: a backup into DIR/backups every MINUTES (0, the default: none),
          keeping the newest --backup-keep N (48 by default) backups of that folder, until the
          admin sets a schedule (backups page, `settings backup-schedule`)
          (--backup-every-seconds N is the same in seconds, for tests)
          --session-hours H: a session ends H hours after sign-in (12 by default)
          --session-idle-minutes M: a session unused for M minutes ends (120 by default; 0:
          never); an open exam connection keeps its session alive
          --config FILE (or $PHONGTHI_CONFIG): a JSON file with any of these options, named
          without the dashes ({"port": 8080, "data": "/var/lib/phongthi"}); each one can also
          be set by PHONGTHI_<NAME> (PHONGTHI_MAX_CONNECTIONS=20000); the command line wins over
          the environment, which wins over the file (docs/CONFIG.md)
  user add --username U --name "Họ và tên" --role admin|lecturer|proctor|candidate
           [--unit CODE] [--password P] [--data DIR]
  user list [--data DIR]
  user passwd --username U [--password P] [--data DIR]   (no --password: a new one is generated)
  user disable|enable --username U [--data DIR]
           staff passwords: 12+ characters, not containing the account name, not a common one
  sessions list [--username U] [--data DIR]   active sessions (created, last seen, address)
  sessions revoke --username U | --all [--data DIR]
           sign out one account everywhere, or everyone (a lost laptop, a copied token)
  unit add --code CODE --name "Tên đơn vị" [--parent CODE] [--data DIR]
  unit list [--data DIR]
  bank validate FILE [--format json|gift|aiken|xml|csv|xlsx|docx] [--json] [--lang vi|en]
           check a question-bank file; exit 1 when it has errors
  bank import FILE --bank NAME [--format F] [--partial] [--data DIR]
           all or nothing, unless --partial takes the good questions
  bank export NAME --format json|gift|aiken|xml|csv|xlsx -o FILE [--data DIR]
  bank review NAME --format html|pdf -o FILE [--data DIR]
           the questions with their answers marked, to print and check
  bank list [--data DIR]
  bank question QID [--json FILE] [--lang vi|en] [--data DIR]
           print a stored question, or revise it with the JSON in FILE (as the page edits it)
  bank retire|restore QID [--data DIR]   a retired question is drawn no more
  course add --code CODE --name "Tên khoá học"
           --kind admission|new_member|cell_secretary|professional|update
           [--starts YYYY-MM-DD] [--ends YYYY-MM-DD] [--data DIR]
  course list [--data DIR]
  course update CODE [--name "..."] [--kind K] [--starts YYYY-MM-DD] [--ends YYYY-MM-DD]
  course close|reopen CODE [--data DIR]      a closed course's conduct grades are final
  class list [--data DIR]
  class show CLASS [--json] [--data DIR]     learners (list number, birth date, unit) and staff
  class create --course CODE --code CODE --name "Tên lớp" [--room NAME] [--unit CODE]
           [--starts YYYY-MM-DD] [--ends YYYY-MM-DD] [--data DIR]
  class update CLASS [--name "..."] [--room NAME|none] [--unit CODE|none] [--starts D] [--ends D]
  class enroll|withdraw CLASS --username U [--list-number N] [--data DIR]
  class staff CLASS --username U --duty lecturer|proctor|homeroom [--remove] [--data DIR]
           lecturers and proctors act only on the classes they are staff of
  material list COURSE [--json] [--data DIR]   a course's documents (tài liệu)
  material add COURSE FILE --title "..." [--description "..."] [--name NAME] [--max-mb N]
           [--lang vi|en] [--data DIR]   PDF, Word, PowerPoint, Excel, OpenDocument or pictures
  material get ID -o FILE [--data DIR]
  material remove ID [--data DIR]
  survey show|close|reopen EXAM [--data DIR]   an exam's anonymous feedback survey
  survey set EXAM --json FILE [--lang vi|en] [--data DIR]   {"title", "items": [...], "comment"}
  survey report EXAM [-o FILE.csv] [--data DIR]   counts, means and sorted comments
  conduct list CLASS [--json] [--data DIR]   the learners' conduct grades (kết quả rèn luyện)
  conduct set CLASS --username U --grade KEY|none [--note "..."]
           [--data DIR]
  conduct fill CLASS [--grade KEY] [--data DIR]   grade every learner not graded yet
           KEY: a conduct grade of the classification rules (tot, kha, trung_binh, khong_dat)
  roster import FILE --class CLASS [--format csv|xlsx] [--dry-run] [--create-units]
           [--passwords-out FILE.csv] [--lang vi|en] [--data DIR]
           a class list (Họ và tên, Ngày sinh, Giới tính, Đơn vị, Chức vụ, Số điện thoại):
           all or nothing; new learners get accounts whose initial passwords are printed once
           (or written to --passwords-out); a re-import updates, never duplicates
  attendance sessions CLASS [--data DIR]      the class's course sessions (buổi học)
  attendance add-session CLASS --day YYYY-MM-DD [--part full|morning|afternoon]
           [--start HH:MM] [--late-after MINUTES] [--data DIR]
  attendance checkin SESSION --code CANDIDATE_CODE [--data DIR]
  attendance undo SESSION --code CANDIDATE_CODE [--data DIR]   a check-in made by mistake
  attendance report CLASS [--data DIR]        sessions attended / held so far per learner
  room list [--data DIR]
  room show NAME [--json] [--data DIR]        the seat grid ("." an aisle, (A3) a disabled seat)
  room create (--name "Tên phòng" --rows R --cols C | --json FILE) [--data DIR]
  room update --room NAME --json FILE [--data DIR]
  room delete NAME [--lang vi|en] [--data DIR]   refused while a class or an exam uses it
           FILE: {"name","rows","cols","seats":[{"row","col","label","host","disabled"}]}
  room seat CLASS --mode list_order|random|spread_units [--seed N] [--data DIR]
           seat the class's learners in its room; spread_units keeps a unit's members apart
  exam list [--class CODE] [--data DIR]
  exam create --class CODE --title "Tên bài thi" --bank NAME [--bank NAME ...] --blueprint FILE
           [--settings FILE] [--opens ISO] [--closes ISO] [--lang vi|en] [--data DIR]
           FILE: the blueprint JSON of docs/EXAMS.md without bank_ids; CODE: the class code,
           or COURSE/CLASS when codes repeat across courses
  exam show ID [--json] [--lang vi|en] [--data DIR]   settings, blueprint, pool check
  exam publish ID [--lang vi|en] [--data DIR]         freeze the pool; exit 1 when it is short
  exam paper --attempt ID [--data DIR]
  exam start-code ID [--data DIR]   the code candidates type to join (changes every period)
           rebuild an attempt's paper from its blueprint revision and seed, check it against
           the stored one and print it with the correct options marked *
  exam fix-key ID --question QID (--correct A[,B...] | --void full_credit|drop | --restore)
           --reason "..." [--dry-run] [--data DIR]
           correct the key of a question (letters as in `stats`) and regrade every finished
           attempt with it; prints each changed score, before → after; --dry-run writes
           nothing and also prints each changed classification and class rank
  results ID [--json | --csv] [--lang vi|en] [--data DIR]
           the class table (list number, name, birth date, unit, variant, score, class, rank,
           time) and the summary; --csv is UTF-8 with BOM for Excel
  stats ID [--json] [--data DIR]
           item analysis: the test's reliability, then per question its difficulty, corrected
           point-biserial, flags and options with their counts (the key marked *)
  report class|units|items|certificates|cards|papers|keys --exam ID [--format F] -o FILE
           [--url URL] [--reset] [--data DIR]
           class: xlsx (default)|csv|pdf; units: pdf|zip; items: pdf|xlsx; the others pdf.
           certificates issues one per learner who passed (kept when printed again); cards
           --reset gives new initial passwords to learners who never signed in; papers and keys
           print the exam's variants and their answer keys (audited). --url: the server's
           address for QR codes and cards, when the report header has none
  verify-cert CODE [--json] [--data DIR]     who holds a certificate; exit 1 unknown or revoked
  revoke-cert CODE --reason "..." [--data DIR]
  settings report-header|certificate-template [--json FILE] [--data DIR]
           print a report setting, or check and store the one in FILE (docs/REPORTS.md)
  settings backup-schedule [--every MINUTES --keep N | --reset] [--data DIR]
           the scheduled backups, as the admin page sets them (0 minutes: none); --reset:
           the serve options apply again; a running server applies a change within a minute
  exam open|start|pause|resume|close ID --server URL --user NAME [--lang vi|en]
  exam extend ID --minutes N --reason "..." --server URL --user NAME [--lang vi|en]
  exam upload-answers ID FILE --server URL --user NAME [--lang vi|en]
  attempt pause|resume|submit|void|approve-move ID --server URL --user NAME [--reason "..."]
  attempt extend ID --minutes N --reason "..." --server URL --user NAME
  attempt irregularity ID --category talking|material|device|impersonation|other
           [--note "..."] --server URL --user NAME
           these go through the running server (URL like http://127.0.0.1:8080 or https://…);
           the password is $PHONGTHI_PASSWORD, or else one line read from stdin; over https a
           self-signed server is trusted by $PHONGTHI_TLS_FINGERPRINT (printed at its start)
  export-results --exam ID -o FILE [--data DIR]
           the closed exam's results, papers and answers in one file signed with this server's
           Ed25519 key, to carry to the provincial office (audited)
  verify FILE [--key FINGERPRINT | --pubkey FILE.pem] [--lang vi|en]
           check a result bundle's signature and contents; prints the signer's key fingerprint,
           the exam and the counts; exit 1 naming what is wrong (truncated, altered bytes,
           wrong key, unknown version)
  server-key [--pem FILE] [--rotate] [--data DIR]
           this server's signing key fingerprint (to pin at the office); --pem also writes the
           public key; --rotate, with the server stopped, replaces the key (after a copied
           database or a lost server PC) and prints the new one (audited)
  import-results FILE [--expect-key FINGERPRINT] [--lang vi|en] [--data DIR]
           verify a bundle and merge it into this server's database: the exam arrives closed
           and read-only; learners are matched by username (new ones get no password until an
           admin sets one); the same bundle twice changes nothing
  backup --to FILE [--data DIR]      online copy of the database, safe while serving
  restore FILE [--yes] [--data DIR]
           put a backup in place of the database, with the server stopped (refused while one
           serves DIR): FILE must pass integrity_check and not be newer than this phongthi; the
           current database is kept as DIR/phongthi.db.before-restore-STAMP; an older backup is
           migrated; without --yes it asks first
  audit [--actor NAME] [--action ACTION|FAMILY.] [--target T] [--since ISO] [--until ISO]
        [--limit N] [--json] [--data DIR]
           the audit log, newest first; --action exam. matches every exam action
  version

DIR defaults to $PHONGTHI_DATA, else the "data" of the $PHONGTHI_CONFIG file, else ./data.
)";

int dispatch(int argc, char** argv) {
    if (argc < 2)
        throw phongthi::server::usage_error("a command is missing");
    std::string_view const command = argv[1];
    using namespace phongthi::server;
    if (command == "serve")
        return run_serve(argc, argv, 2);
    if (command == "user")
        return run_user(argc, argv, 2);
    if (command == "unit")
        return run_unit(argc, argv, 2);
    if (command == "sessions")
        return run_sessions(argc, argv, 2);
    if (command == "bank")
        return run_bank(argc, argv, 2);
    if (command == "course")
        return run_course(argc, argv, 2);
    if (command == "class")
        return run_class(argc, argv, 2);
    if (command == "conduct")
        return run_conduct(argc, argv, 2);
    if (command == "roster")
        return run_roster(argc, argv, 2);
    if (command == "attendance")
        return run_attendance(argc, argv, 2);
    if (command == "room")
        return run_room(argc, argv, 2);
    if (command == "exam")
        return run_exam(argc, argv, 2);
    if (command == "attempt")
        return run_attempt(argc, argv, 2);
    if (command == "results")
        return run_results(argc, argv, 2);
    if (command == "stats")
        return run_stats(argc, argv, 2);
    if (command == "report")
        return run_report(argc, argv, 2);
    if (command == "verify-cert")
        return run_verify_cert(argc, argv, 2);
    if (command == "revoke-cert")
        return run_revoke_cert(argc, argv, 2);
    if (command == "material")
        return run_material(argc, argv, 2);
    if (command == "survey")
        return run_survey(argc, argv, 2);
    if (command == "settings")
        return run_settings(argc, argv, 2);
    if (command == "export-results")
        return run_export_results(argc, argv, 2);
    if (command == "verify")
        return run_verify(argc, argv, 2);
    if (command == "server-key")
        return run_server_key(argc, argv, 2);
    if (command == "import-results")
        return run_import_results(argc, argv, 2);
    if (command == "backup")
        return run_backup(argc, argv, 2);
    if (command == "restore")
        return run_restore(argc, argv, 2);
    if (command == "audit")
        return run_audit(argc, argv, 2);
    if (command == "version" || command == "--version") {
        std::cout << "phongthi 0.1.0\n";
        return 0;
    }
    if (command == "help" || command == "--help" || command == "-h") {
        std::cout << usage;
        return 0;
    }
    throw usage_error("unknown command \"" + std::string(command) + "\"");
}

} // namespace

int main(int argc, char** argv) {
    // A closed stdout or a vanished peer must give an error, not kill the server.
    std::signal(SIGPIPE, SIG_IGN);
    // Nor a file-size limit (ulimit -f): past it a write fails, and the store reports that and
    // recovers, as with a full disk.
    std::signal(SIGXFSZ, SIG_IGN);
    // The data directory holds password hashes, answer keys and the signing key; reports hold
    // personal data: nothing phongthi creates is for the PC's other users.
    ::umask(077);
    try {
        return dispatch(argc, argv);
    } catch (phongthi::server::usage_error const& e) {
        std::cerr << "phongthi: " << e.what() << "\n\n" << usage;
        return 2;
    } catch (std::exception const& e) {
        std::cerr << "phongthi: " << e.what() << "\n";
        return 1;
    }
}
