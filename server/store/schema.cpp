#include "server/store/schema.hpp"

namespace phongthi::store {

namespace {

// Conventions: STRICT tables; times are INTEGER unix milliseconds UTC named *_at; calendar dates
// are TEXT 'YYYY-MM-DD' named *_on (or day); flags are INTEGER 0/1; JSON is TEXT checked by
// json_valid. Columns not named in the original brief are nullable or have a default, so an
// INSERT that names only the brief's columns keeps working. `now_ms` defaults use julianday()
// because unixepoch('subsec') needs SQLite 3.42.
constexpr std::string_view schema_v1 = R"sql(
CREATE TABLE units (
    id         INTEGER PRIMARY KEY,
    code       TEXT NOT NULL UNIQUE,
    name       TEXT NOT NULL,
    parent_id  INTEGER REFERENCES units(id),
    created_at INTEGER NOT NULL,
    CHECK (parent_id IS NULL OR parent_id <> id)
) STRICT;
CREATE INDEX units_parent ON units(parent_id);

CREATE TABLE users (
    id                   INTEGER PRIMARY KEY,
    username             TEXT NOT NULL UNIQUE COLLATE NOCASE,
    full_name            TEXT NOT NULL,
    role                 TEXT NOT NULL
                         CHECK (role IN ('admin', 'lecturer', 'proctor', 'candidate')),
    unit_id              INTEGER REFERENCES units(id),
    password_hash        TEXT NOT NULL,
    must_change_password INTEGER NOT NULL DEFAULT 0 CHECK (must_change_password IN (0, 1)),
    disabled             INTEGER NOT NULL DEFAULT 0 CHECK (disabled IN (0, 1)),
    birth_date           TEXT,
    gender               TEXT,
    position             TEXT,
    phone                TEXT,
    candidate_code       TEXT UNIQUE,
    created_at           INTEGER NOT NULL,
    updated_at           INTEGER NOT NULL
) STRICT;
CREATE INDEX users_unit ON users(unit_id);

CREATE TABLE sessions (
    id           INTEGER PRIMARY KEY,
    token_hash   TEXT NOT NULL UNIQUE,
    user_id      INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    created_at   INTEGER NOT NULL,
    expires_at   INTEGER NOT NULL,
    last_seen_at INTEGER NOT NULL,
    address      TEXT,
    user_agent   TEXT,
    revoked_at   INTEGER
) STRICT;
CREATE INDEX sessions_user ON sessions(user_id);
CREATE INDEX sessions_expiry ON sessions(expires_at);

-- Append-only: the triggers refuse UPDATE and DELETE, and an INSERT OR REPLACE that would
-- overwrite an existing row.
CREATE TABLE audit_log (
    id       INTEGER PRIMARY KEY,
    at       INTEGER NOT NULL,
    actor_id INTEGER REFERENCES users(id),
    actor    TEXT NOT NULL,
    action   TEXT NOT NULL,
    target   TEXT,
    detail   TEXT CHECK (detail IS NULL OR json_valid(detail)),
    address  TEXT
) STRICT;
CREATE INDEX audit_log_at ON audit_log(at);
CREATE INDEX audit_log_actor ON audit_log(actor_id, at);
CREATE INDEX audit_log_target ON audit_log(target, at);
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN
    SELECT RAISE(ABORT, 'audit_log is append-only: rows cannot be updated');
END;
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN
    SELECT RAISE(ABORT, 'audit_log is append-only: rows cannot be deleted');
END;
CREATE TRIGGER audit_log_no_replace BEFORE INSERT ON audit_log
WHEN NEW.id IS NOT NULL AND EXISTS (SELECT 1 FROM audit_log WHERE id = NEW.id)
BEGIN
    SELECT RAISE(ABORT, 'audit_log is append-only: rows cannot be replaced');
END;

CREATE TABLE server_settings (
    key        TEXT PRIMARY KEY,
    value      TEXT NOT NULL CHECK (json_valid(value)),
    updated_at INTEGER NOT NULL
) STRICT, WITHOUT ROWID;

CREATE TABLE courses (
    id         INTEGER PRIMARY KEY,
    code       TEXT NOT NULL UNIQUE,
    name       TEXT NOT NULL,
    kind       TEXT NOT NULL CHECK (kind IN ('admission', 'new_member', 'cell_secretary',
                                             'professional', 'update')),
    starts_on  TEXT,
    ends_on    TEXT,
    created_at INTEGER NOT NULL
               DEFAULT (CAST((julianday('now') - 2440587.5) * 86400000.0 AS INTEGER)),
    CHECK (starts_on IS NULL OR ends_on IS NULL OR ends_on >= starts_on)
) STRICT;

CREATE TABLE rooms (
    id         INTEGER PRIMARY KEY,
    name       TEXT NOT NULL UNIQUE,
    rows       INTEGER NOT NULL CHECK (rows > 0),
    cols       INTEGER NOT NULL CHECK (cols > 0),
    created_at INTEGER NOT NULL
               DEFAULT (CAST((julianday('now') - 2440587.5) * 86400000.0 AS INTEGER))
) STRICT;

-- host: the name or address of the PC at this seat; disabled: a broken PC nobody is seated at.
CREATE TABLE seats (
    id       INTEGER PRIMARY KEY,
    room_id  INTEGER NOT NULL REFERENCES rooms(id) ON DELETE CASCADE,
    row      INTEGER NOT NULL CHECK (row >= 0),
    col      INTEGER NOT NULL CHECK (col >= 0),
    label    TEXT NOT NULL,
    host     TEXT,
    disabled INTEGER NOT NULL DEFAULT 0 CHECK (disabled IN (0, 1)),
    UNIQUE (room_id, row, col),
    UNIQUE (room_id, label)
) STRICT;
CREATE INDEX seats_host ON seats(host) WHERE host IS NOT NULL;

CREATE TABLE classes (
    id         INTEGER PRIMARY KEY,
    course_id  INTEGER NOT NULL REFERENCES courses(id),
    code       TEXT NOT NULL,
    name       TEXT NOT NULL,
    room_id    INTEGER REFERENCES rooms(id),
    starts_on  TEXT,
    ends_on    TEXT,
    created_at INTEGER NOT NULL
               DEFAULT (CAST((julianday('now') - 2440587.5) * 86400000.0 AS INTEGER)),
    UNIQUE (course_id, code),
    CHECK (starts_on IS NULL OR ends_on IS NULL OR ends_on >= starts_on)
) STRICT;
CREATE INDEX classes_room ON classes(room_id);

-- Staff who may act on a class (a lecturer teaching it, a proctor running its exams).
CREATE TABLE class_staff (
    class_id INTEGER NOT NULL REFERENCES classes(id) ON DELETE CASCADE,
    user_id  INTEGER NOT NULL REFERENCES users(id),
    duty     TEXT NOT NULL CHECK (duty IN ('lecturer', 'proctor', 'homeroom')),
    PRIMARY KEY (class_id, user_id, duty)
) STRICT, WITHOUT ROWID;
CREATE INDEX class_staff_user ON class_staff(user_id);

-- attendance_required: the share of class days a learner must attend to sit the exam.
-- conduct_grade: free text as the course organisers write it on the roster.
CREATE TABLE enrollments (
    id                  INTEGER PRIMARY KEY,
    class_id            INTEGER NOT NULL REFERENCES classes(id) ON DELETE CASCADE,
    user_id             INTEGER NOT NULL REFERENCES users(id),
    list_number         INTEGER,
    seat_label          TEXT,
    conduct_grade       TEXT,
    attendance_required REAL NOT NULL DEFAULT 0.8
                        CHECK (attendance_required BETWEEN 0 AND 1),
    status              TEXT NOT NULL DEFAULT 'enrolled'
                        CHECK (status IN ('enrolled', 'withdrawn')),
    enrolled_at         INTEGER NOT NULL
                        DEFAULT (CAST((julianday('now') - 2440587.5) * 86400000.0 AS INTEGER)),
    UNIQUE (class_id, user_id)
) STRICT;
CREATE INDEX enrollments_user ON enrollments(user_id);

CREATE TABLE attendance (
    id            INTEGER PRIMARY KEY,
    class_id      INTEGER NOT NULL REFERENCES classes(id) ON DELETE CASCADE,
    user_id       INTEGER NOT NULL REFERENCES users(id),
    day           TEXT NOT NULL CHECK (day GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
    checked_in_at INTEGER NOT NULL,
    method        TEXT NOT NULL CHECK (method IN ('barcode', 'qr', 'manual', 'login', 'import')),
    by_user_id    INTEGER REFERENCES users(id),
    UNIQUE (class_id, user_id, day)
) STRICT;
CREATE INDEX attendance_user ON attendance(user_id);

CREATE TABLE question_banks (
    id          INTEGER PRIMARY KEY,
    name        TEXT NOT NULL,
    description TEXT,
    owner_id    INTEGER REFERENCES users(id),
    created_at  INTEGER NOT NULL
) STRICT;
CREATE INDEX question_banks_owner ON question_banks(owner_id);

-- A question is an identity; its content lives in immutable revisions so that papers already
-- drawn keep the wording they were drawn with. code: the question's id in its source file, so a
-- re-import updates instead of duplicating.
CREATE TABLE questions (
    id                  INTEGER PRIMARY KEY,
    bank_id             INTEGER NOT NULL REFERENCES question_banks(id),
    current_revision_id INTEGER REFERENCES question_revisions(id),
    code                TEXT,
    created_at          INTEGER NOT NULL
                        DEFAULT (CAST((julianday('now') - 2440587.5) * 86400000.0 AS INTEGER)),
    deleted_at          INTEGER,
    UNIQUE (bank_id, code)
) STRICT;

CREATE TABLE question_revisions (
    id              INTEGER PRIMARY KEY,
    question_id     INTEGER NOT NULL REFERENCES questions(id),
    revision        INTEGER NOT NULL CHECK (revision >= 1),
    topic           TEXT NOT NULL,
    level           TEXT NOT NULL
                    CHECK (level IN ('nhan_biet', 'thong_hieu', 'van_dung', 'van_dung_cao')),
    stem            TEXT NOT NULL,
    options         TEXT NOT NULL CHECK (json_valid(options)),
    points          REAL NOT NULL DEFAULT 1 CHECK (points >= 0),
    shuffle_options INTEGER NOT NULL DEFAULT 1 CHECK (shuffle_options IN (0, 1)),
    explanation     TEXT,
    tags            TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(tags)),
    source_file     TEXT,
    source_line     INTEGER,
    created_by      INTEGER REFERENCES users(id),
    created_at      INTEGER NOT NULL,
    UNIQUE (question_id, revision)
) STRICT;
CREATE INDEX question_revisions_topic ON question_revisions(topic, level);

-- paused_at: when the proctor paused the room's clock; NULL while it runs.
-- room_id: where the exam sits when not in the class's own room.
CREATE TABLE exams (
    id         INTEGER PRIMARY KEY,
    class_id   INTEGER NOT NULL REFERENCES classes(id),
    title      TEXT NOT NULL,
    settings   TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(settings)),
    state      TEXT NOT NULL DEFAULT 'draft'
               CHECK (state IN ('draft', 'scheduled', 'open', 'closed', 'archived')),
    opens_at   INTEGER,
    closes_at  INTEGER,
    paused_at  INTEGER,
    room_id    INTEGER REFERENCES rooms(id),
    created_by INTEGER REFERENCES users(id),
    created_at INTEGER NOT NULL
               DEFAULT (CAST((julianday('now') - 2440587.5) * 86400000.0 AS INTEGER)),
    CHECK (opens_at IS NULL OR closes_at IS NULL OR closes_at >= opens_at)
) STRICT;
CREATE INDEX exams_class ON exams(class_id);
CREATE INDEX exams_live ON exams(state) WHERE state IN ('scheduled', 'open');

CREATE TABLE blueprints (
    id         INTEGER PRIMARY KEY,
    exam_id    INTEGER NOT NULL REFERENCES exams(id),
    revision   INTEGER NOT NULL CHECK (revision >= 1),
    spec       TEXT NOT NULL CHECK (json_valid(spec)),
    created_by INTEGER REFERENCES users(id),
    created_at INTEGER NOT NULL
               DEFAULT (CAST((julianday('now') - 2440587.5) * 86400000.0 AS INTEGER)),
    UNIQUE (exam_id, revision)
) STRICT;

-- A candidate's sitting. The paper is (blueprint_id, paper_seed); `paper` may cache the drawn
-- question revisions and option orders for audit and fast restart. A running attempt has its
-- paper and its clock. At most one attempt per candidate and exam that is not voided.
CREATE TABLE attempts (
    id           INTEGER PRIMARY KEY,
    exam_id      INTEGER NOT NULL REFERENCES exams(id),
    user_id      INTEGER NOT NULL REFERENCES users(id),
    blueprint_id INTEGER REFERENCES blueprints(id),
    paper_seed   INTEGER,
    variant_code TEXT,
    seat_id      INTEGER REFERENCES seats(id),
    state        TEXT NOT NULL DEFAULT 'scheduled'
                 CHECK (state IN ('scheduled', 'open', 'in_progress', 'submitted',
                                  'auto_submitted', 'voided')),
    started_at   INTEGER,
    deadline_at  INTEGER,
    paused_ms    INTEGER NOT NULL DEFAULT 0 CHECK (paused_ms >= 0),
    extension_ms INTEGER NOT NULL DEFAULT 0 CHECK (extension_ms >= 0),
    submitted_at INTEGER,
    raw_score    REAL,
    score        REAL,
    grading      TEXT CHECK (grading IS NULL OR json_valid(grading)),
    paper        TEXT CHECK (paper IS NULL OR json_valid(paper)),
    created_at   INTEGER NOT NULL
                 DEFAULT (CAST((julianday('now') - 2440587.5) * 86400000.0 AS INTEGER)),
    CHECK (state <> 'in_progress' OR (blueprint_id IS NOT NULL AND paper_seed IS NOT NULL
                                       AND started_at IS NOT NULL AND deadline_at IS NOT NULL)),
    CHECK (state NOT IN ('submitted', 'auto_submitted') OR submitted_at IS NOT NULL)
) STRICT;
CREATE UNIQUE INDEX attempts_one_per_candidate ON attempts(exam_id, user_id)
    WHERE state <> 'voided';
CREATE INDEX attempts_exam ON attempts(exam_id, state);
CREATE INDEX attempts_user ON attempts(user_id);
CREATE INDEX attempts_seat ON attempts(seat_id) WHERE seat_id IS NOT NULL;
CREATE INDEX attempts_running_deadline ON attempts(deadline_at) WHERE state = 'in_progress';

-- The hot table: one row per (attempt, position), upserted keeping the highest seq.
CREATE TABLE answers (
    attempt_id INTEGER NOT NULL REFERENCES attempts(id) ON DELETE CASCADE,
    position   INTEGER NOT NULL CHECK (position >= 0),
    choice     TEXT NOT NULL CHECK (json_valid(choice)),
    seq        INTEGER NOT NULL,
    saved_at   INTEGER NOT NULL,
    flagged    INTEGER NOT NULL DEFAULT 0 CHECK (flagged IN (0, 1)),
    PRIMARY KEY (attempt_id, position)
) STRICT, WITHOUT ROWID;

-- kind: what happened (start, pause, resume, extend, seat_change, reconnect, submit...).
-- by_user_id: the staff member who caused it, NULL when the candidate or the server did.
CREATE TABLE attempt_events (
    id         INTEGER PRIMARY KEY,
    attempt_id INTEGER NOT NULL REFERENCES attempts(id) ON DELETE CASCADE,
    at         INTEGER NOT NULL,
    kind       TEXT NOT NULL,
    detail     TEXT CHECK (detail IS NULL OR json_valid(detail)),
    by_user_id INTEGER REFERENCES users(id),
    address    TEXT
) STRICT;
CREATE INDEX attempt_events_attempt ON attempt_events(attempt_id, at);
)sql";

// Banks are named by lecturers and the CLI (`bank import --bank NAME`); questions keep their
// pictures and text format; search_text is the case-folded stem and options for text search.
constexpr std::string_view schema_v2 = R"sql(
CREATE UNIQUE INDEX question_banks_name ON question_banks(name);

ALTER TABLE question_revisions ADD COLUMN format TEXT NOT NULL DEFAULT 'plain'
    CHECK (format IN ('plain', 'html'));
ALTER TABLE question_revisions ADD COLUMN search_text TEXT NOT NULL DEFAULT '';

CREATE TABLE question_media (
    revision_id INTEGER NOT NULL REFERENCES question_revisions(id) ON DELETE CASCADE,
    name        TEXT NOT NULL,
    mime_type   TEXT NOT NULL,
    data        BLOB NOT NULL,
    PRIMARY KEY (revision_id, name)
) STRICT, WITHOUT ROWID;
)sql";

// The exam runtime: when the proctor started the room and its secret (start codes, variant
// seeds); per-attempt holds of the clock and the PC the attempt runs on; a new attempt may follow
// a submitted one when the exam allows several, so only one *live* attempt is unique.
constexpr std::string_view schema_v3 = R"sql(
ALTER TABLE exams ADD COLUMN started_at INTEGER;
ALTER TABLE exams ADD COLUMN secret BLOB;
ALTER TABLE exams ADD COLUMN published_blueprint_id INTEGER REFERENCES blueprints(id);

ALTER TABLE attempts ADD COLUMN paused_at INTEGER;
ALTER TABLE attempts ADD COLUMN held INTEGER NOT NULL DEFAULT 0 CHECK (held IN (0, 1));
ALTER TABLE attempts ADD COLUMN client_address TEXT;
ALTER TABLE attempts ADD COLUMN attempt_number INTEGER NOT NULL DEFAULT 1
    CHECK (attempt_number >= 1);

DROP INDEX attempts_one_per_candidate;
CREATE UNIQUE INDEX attempts_one_live_per_candidate ON attempts(exam_id, user_id)
    WHERE state IN ('scheduled', 'open', 'in_progress');
CREATE UNIQUE INDEX attempts_number ON attempts(exam_id, user_id, attempt_number);
)sql";

// Key corrections: a lecturer fixes a wrong key (new weights) or voids a question of an exam;
// the newest correction of a question wins and every attempt is regraded.
constexpr std::string_view schema_v4 = R"sql(
CREATE TABLE key_corrections (
    id          INTEGER PRIMARY KEY,
    exam_id     INTEGER NOT NULL REFERENCES exams(id),
    question_id INTEGER NOT NULL REFERENCES questions(id),
    weights     TEXT CHECK (weights IS NULL OR json_valid(weights)),
    void_mode   TEXT CHECK (void_mode IS NULL OR void_mode IN ('full_credit', 'drop')),
    reason      TEXT NOT NULL,
    created_by  INTEGER REFERENCES users(id),
    created_at  INTEGER NOT NULL,
    CHECK ((weights IS NULL) <> (void_mode IS NULL) OR (weights IS NULL AND void_mode IS NULL))
) STRICT;
CREATE INDEX key_corrections_exam ON key_corrections(exam_id, question_id, id);
)sql";

// Certificates (giấy chứng nhận) of learners who passed an exam: one per learner and exam, kept
// when reissued. serial "0001/2026" counts per year of issue (Vietnam time); code is the random
// verification code printed with a QR; data is what was printed, so /verify shows it even after
// later edits of names or results.
constexpr std::string_view schema_v5 = R"sql(
CREATE TABLE certificates (
    id         INTEGER PRIMARY KEY,
    exam_id    INTEGER NOT NULL REFERENCES exams(id),
    user_id    INTEGER NOT NULL REFERENCES users(id),
    year       INTEGER NOT NULL CHECK (year BETWEEN 2000 AND 9999),
    number     INTEGER NOT NULL CHECK (number >= 1),
    serial     TEXT NOT NULL UNIQUE,
    code       TEXT NOT NULL UNIQUE,
    issued_at  INTEGER NOT NULL,
    issued_by  INTEGER REFERENCES users(id),
    data       TEXT NOT NULL CHECK (json_valid(data)),
    revoked    INTEGER NOT NULL DEFAULT 0 CHECK (revoked IN (0, 1)),
    revoked_at INTEGER,
    UNIQUE (exam_id, user_id),
    UNIQUE (year, number)
) STRICT;
CREATE INDEX certificates_user ON certificates(user_id);
)sql";

// Classes name their organising unit (the đảng bộ whose cells send the learners): the units a
// roster import creates go under it.
constexpr std::string_view schema_v6 = R"sql(
ALTER TABLE classes ADD COLUMN unit_id INTEGER REFERENCES units(id);
)sql";

// Course sessions (buổi học: a day, its part, the start time in Vietnam and the minutes after
// which an arrival is late); attendance becomes one row per session and learner, with how many
// minutes after the start it came (rows of the old per-day table each get a whole-day session);
// the PC bound to a seat records when and by whom it was bound.
constexpr std::string_view schema_v7 = R"sql(
CREATE TABLE class_sessions (
    id                 INTEGER PRIMARY KEY,
    class_id           INTEGER NOT NULL REFERENCES classes(id) ON DELETE CASCADE,
    day                TEXT NOT NULL CHECK (day GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
    part               TEXT NOT NULL CHECK (part IN ('full', 'morning', 'afternoon')),
    starts_at          TEXT NOT NULL CHECK (starts_at GLOB '[0-2][0-9]:[0-5][0-9]'),
    late_after_minutes INTEGER NOT NULL DEFAULT 15 CHECK (late_after_minutes BETWEEN 0 AND 600),
    created_at         INTEGER NOT NULL
                       DEFAULT (CAST((julianday('now') - 2440587.5) * 86400000.0 AS INTEGER)),
    UNIQUE (class_id, day, part)
) STRICT;

INSERT INTO class_sessions (class_id, day, part, starts_at)
    SELECT DISTINCT class_id, day, 'full', '07:30' FROM attendance;
DROP INDEX attendance_user;
ALTER TABLE attendance RENAME TO attendance_by_day;
CREATE TABLE attendance (
    id                  INTEGER PRIMARY KEY,
    session_id          INTEGER NOT NULL REFERENCES class_sessions(id) ON DELETE CASCADE,
    user_id             INTEGER NOT NULL REFERENCES users(id),
    checked_in_at       INTEGER NOT NULL,
    minutes_after_start INTEGER NOT NULL DEFAULT 0 CHECK (minutes_after_start >= 0),
    method              TEXT NOT NULL
                        CHECK (method IN ('barcode', 'qr', 'manual', 'login', 'import')),
    by_user_id          INTEGER REFERENCES users(id),
    UNIQUE (session_id, user_id)
) STRICT;
INSERT INTO attendance (session_id, user_id, checked_in_at, method, by_user_id)
    SELECT s.id, a.user_id, a.checked_in_at, a.method, a.by_user_id FROM attendance_by_day a
    JOIN class_sessions s ON s.class_id = a.class_id AND s.day = a.day AND s.part = 'full';
DROP TABLE attendance_by_day;
CREATE INDEX attendance_user ON attendance(user_id);

ALTER TABLE seats ADD COLUMN host_bound_at INTEGER;
ALTER TABLE seats ADD COLUMN host_bound_by INTEGER REFERENCES users(id);
)sql";

// Conduct grades, anonymous surveys and course materials (docs/COURSE.md). A course is closed
// (closed_at) to freeze its conduct grades. conduct_grade becomes a key of the rules'
// conduct_grades: the labels the demo and rosters wrote are turned into keys, and any other text
// moves into the note. A survey response keeps neither the learner nor a time; its id is random
// (chosen by the server), so the row order says nothing about who answered when; the separate
// survey_respondents marker only stops a second answer and holds no link to the response.
// Material files live under <data>/materials/; the row keeps what the download needs.
constexpr std::string_view schema_v8 = R"sql(
ALTER TABLE courses ADD COLUMN closed_at INTEGER;

ALTER TABLE enrollments ADD COLUMN conduct_note TEXT;
ALTER TABLE enrollments ADD COLUMN conduct_set_at INTEGER;
ALTER TABLE enrollments ADD COLUMN conduct_set_by INTEGER REFERENCES users(id);
UPDATE enrollments SET conduct_grade = CASE trim(conduct_grade)
    WHEN 'Tốt' THEN 'tot' WHEN 'Khá' THEN 'kha' WHEN 'Trung bình' THEN 'trung_binh'
    WHEN 'Không đạt' THEN 'khong_dat' ELSE conduct_grade END
WHERE conduct_grade IS NOT NULL;
UPDATE enrollments SET conduct_note = NULLIF(trim(conduct_grade), ''), conduct_grade = NULL
WHERE conduct_grade IS NOT NULL AND conduct_grade NOT IN ('tot', 'kha', 'trung_binh', 'khong_dat');

CREATE TABLE surveys (
    id         INTEGER PRIMARY KEY,
    exam_id    INTEGER NOT NULL UNIQUE REFERENCES exams(id),
    title      TEXT NOT NULL,
    items      TEXT NOT NULL CHECK (json_valid(items) AND json_type(items) = 'array'),
    comment    INTEGER NOT NULL DEFAULT 1 CHECK (comment IN (0, 1)),
    closed     INTEGER NOT NULL DEFAULT 0 CHECK (closed IN (0, 1)),
    created_by INTEGER REFERENCES users(id),
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL
) STRICT;

CREATE TABLE survey_responses (
    id        INTEGER PRIMARY KEY,
    survey_id INTEGER NOT NULL REFERENCES surveys(id),
    answers   TEXT NOT NULL CHECK (json_valid(answers) AND json_type(answers) = 'array'),
    comment   TEXT
) STRICT;
CREATE INDEX survey_responses_survey ON survey_responses(survey_id);

CREATE TABLE survey_respondents (
    survey_id INTEGER NOT NULL REFERENCES surveys(id),
    user_id   INTEGER NOT NULL REFERENCES users(id),
    PRIMARY KEY (survey_id, user_id)
) STRICT, WITHOUT ROWID;

CREATE TABLE course_materials (
    id          INTEGER PRIMARY KEY,
    course_id   INTEGER NOT NULL REFERENCES courses(id),
    title       TEXT NOT NULL,
    description TEXT,
    file_name   TEXT NOT NULL,
    stored_name TEXT NOT NULL UNIQUE,
    kind        TEXT NOT NULL,
    mime_type   TEXT NOT NULL,
    size        INTEGER NOT NULL CHECK (size >= 0),
    sha256      TEXT NOT NULL,
    uploaded_by INTEGER REFERENCES users(id),
    uploaded_at INTEGER NOT NULL
) STRICT;
CREATE INDEX course_materials_course ON course_materials(course_id);
)sql";

// Result bundles imported from another server (docs/DEPLOY.md, "Carrying results to the
// province"): the exam and its class remember the signer's key fingerprint and their id there,
// so a second import of the same bundle finds them and the same id from two servers never
// collides; bundle_sha256 tells the same bundle from a later one of the same exam.
constexpr std::string_view schema_v9 = R"sql(
ALTER TABLE exams ADD COLUMN imported_from TEXT;
ALTER TABLE exams ADD COLUMN imported_id INTEGER;
ALTER TABLE exams ADD COLUMN imported_at INTEGER;
ALTER TABLE exams ADD COLUMN bundle_sha256 TEXT;
CREATE UNIQUE INDEX exams_imported ON exams(imported_from, imported_id)
    WHERE imported_from IS NOT NULL;
ALTER TABLE classes ADD COLUMN imported_from TEXT;
ALTER TABLE classes ADD COLUMN imported_id INTEGER;
CREATE UNIQUE INDEX classes_imported ON classes(imported_from, imported_id)
    WHERE imported_from IS NOT NULL;
)sql";

} // namespace

std::vector<migration> const& migrations() {
    static std::vector<migration> const all{
        {1, "whole-product schema: people, courses, rooms, banks, exams, attempts, audit",
         schema_v1},
        {2, "bank names unique, question text format, pictures and search text", schema_v2},
        {3, "exam runtime: room start, exam secret, attempt holds, PC and attempt number",
         schema_v3},
        {4, "key corrections of exams", schema_v4},
        {5, "certificates with serials and verification codes", schema_v5},
        {6, "classes name their organising unit", schema_v6},
        {7, "class sessions, attendance per session, seat PCs", schema_v7},
        {8, "conduct grades, closed courses, anonymous surveys and course materials", schema_v8},
        {9, "exams and classes imported from another server's result bundle", schema_v9},
    };
    return all;
}

} // namespace phongthi::store
