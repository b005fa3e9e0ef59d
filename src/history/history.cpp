#include "marcaudit/history/history.hpp"

#include <algorithm>
#include <array>
#include <cstring>
#include <chrono>
#include <ctime>
#include <unordered_map>

#include <fmt/format.h>
#include <sqlite3.h>

#include "marcaudit/engine/audit.hpp"
#include "marcaudit/io/input.hpp"

namespace marcaudit::history {

namespace {

/// "MARA" in the database header: a file of ours, not any SQLite database.
constexpr int k_application_id = 0x4D415241;
constexpr int k_schema_version = 1;

constexpr const char* k_schema = R"sql(
CREATE TABLE run(
  id INTEGER PRIMARY KEY,
  time INTEGER NOT NULL,
  inputs TEXT NOT NULL,
  profile TEXT NOT NULL,
  records_read INTEGER NOT NULL,
  records_audited INTEGER NOT NULL,
  records_rejected INTEGER NOT NULL,
  records_clean INTEGER NOT NULL,
  findings INTEGER NOT NULL,
  errors INTEGER NOT NULL,
  warnings INTEGER NOT NULL,
  infos INTEGER NOT NULL,
  score REAL,
  grade TEXT NOT NULL,
  hours_low REAL NOT NULL,
  hours_high REAL NOT NULL,
  gates_passed INTEGER NOT NULL,
  gate_reasons TEXT NOT NULL,
  tracked INTEGER NOT NULL,
  problems_new INTEGER NOT NULL DEFAULT 0,
  problems_resolved INTEGER NOT NULL DEFAULT 0,
  db_bytes INTEGER NOT NULL DEFAULT 0);
CREATE TABLE run_module(
  run INTEGER NOT NULL,
  module TEXT NOT NULL,
  findings INTEGER NOT NULL,
  PRIMARY KEY(run, module)) WITHOUT ROWID;
CREATE TABLE rule(id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE);
CREATE TABLE problem(
  fp INTEGER PRIMARY KEY,
  rule INTEGER NOT NULL,
  record TEXT NOT NULL,
  tag TEXT NOT NULL,
  first_run INTEGER NOT NULL,
  last_run INTEGER);
)sql";

/// One SQLite connection; closed on destruction.
class Db {
public:
    Db(const std::filesystem::path& path, bool create) : m_path(path.string()) {
        const int flags = create ? SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE : SQLITE_OPEN_READONLY;
        if (sqlite3_open_v2(m_path.c_str(), &m_db, flags, nullptr) != SQLITE_OK) {
            const std::string why = m_db != nullptr ? sqlite3_errmsg(m_db) : "out of memory";
            sqlite3_close(m_db);
            m_db = nullptr;
            throw HistoryError(fmt::format("{}: cannot be opened: {}", m_path, why));
        }
        sqlite3_extended_result_codes(m_db, 1);
        sqlite3_busy_timeout(m_db, 30000);  // another run appending: wait for it
    }
    ~Db() { sqlite3_close(m_db); }
    Db(const Db&) = delete;
    Db& operator=(const Db&) = delete;

    [[nodiscard]] sqlite3* get() const noexcept { return m_db; }
    [[nodiscard]] const std::string& path() const noexcept { return m_path; }

    /// What went wrong, in words a systems librarian can act on.
    [[noreturn]] void fail(int code, std::string_view doing) const {
        const int primary = code & 0xff;
        std::string why = sqlite3_errmsg(m_db);
        if (primary == SQLITE_FULL || code == SQLITE_IOERR_WRITE || code == SQLITE_IOERR_FSYNC) {
            why += " (is the disk full?)";
        } else if (primary == SQLITE_NOTADB || primary == SQLITE_CORRUPT) {
            why = "not a marcaudit history database (name a new file, or the one --history wrote)";
        } else if (primary == SQLITE_BUSY) {
            why += " (another run is writing it)";
        } else if (primary == SQLITE_READONLY || primary == SQLITE_CANTOPEN || primary == SQLITE_PERM) {
            why += " (check that its folder is writable)";
        }
        throw HistoryError(fmt::format("{}: {}: {}", m_path, doing, why));
    }

    void exec(const char* sql, std::string_view doing) const {
        if (const int rc = sqlite3_exec(m_db, sql, nullptr, nullptr, nullptr); rc != SQLITE_OK) {
            fail(rc, doing);
        }
    }

private:
    std::string m_path;
    sqlite3* m_db = nullptr;
};

/// A prepared statement; finalized on destruction.
class Stmt {
public:
    Stmt(const Db& db, const char* sql) : m_db(&db) {
        if (const int rc = sqlite3_prepare_v2(db.get(), sql, -1, &m_stmt, nullptr); rc != SQLITE_OK) {
            db.fail(rc, "cannot be read");
        }
    }
    ~Stmt() { sqlite3_finalize(m_stmt); }
    Stmt(const Stmt&) = delete;
    Stmt& operator=(const Stmt&) = delete;

    Stmt& bind(int i, std::int64_t v) { return check(sqlite3_bind_int64(m_stmt, i, v)); }
    Stmt& bind(int i, std::uint64_t v) { return bind(i, static_cast<std::int64_t>(v)); }
    Stmt& bind(int i, double v) { return check(sqlite3_bind_double(m_stmt, i, v)); }
    Stmt& bind(int i, std::string_view v) {
        return check(sqlite3_bind_text(m_stmt, i, v.data(), static_cast<int>(v.size()), SQLITE_TRANSIENT));
    }
    Stmt& bind_null(int i) { return check(sqlite3_bind_null(m_stmt, i)); }

    /// Steps once: true while a row is there.
    bool step(std::string_view doing = "cannot be written") {
        const int rc = sqlite3_step(m_stmt);
        if (rc == SQLITE_ROW) {
            return true;
        }
        if (rc != SQLITE_DONE) {
            m_db->fail(rc, doing);
        }
        return false;
    }
    void reset() {
        sqlite3_reset(m_stmt);
        sqlite3_clear_bindings(m_stmt);
    }
    [[nodiscard]] std::int64_t integer(int col) const { return sqlite3_column_int64(m_stmt, col); }
    [[nodiscard]] std::uint64_t count(int col) const {
        const auto v = sqlite3_column_int64(m_stmt, col);
        return v < 0 ? 0 : static_cast<std::uint64_t>(v);
    }
    [[nodiscard]] double real(int col) const { return sqlite3_column_double(m_stmt, col); }
    [[nodiscard]] bool is_null(int col) const { return sqlite3_column_type(m_stmt, col) == SQLITE_NULL; }
    [[nodiscard]] std::string text(int col) const {
        const auto* p = sqlite3_column_text(m_stmt, col);
        return p != nullptr ? std::string{reinterpret_cast<const char*>(p),
                                          static_cast<std::size_t>(sqlite3_column_bytes(m_stmt, col))}
                            : std::string{};
    }

private:
    Stmt& check(int rc) {
        if (rc != SQLITE_OK) {
            m_db->fail(rc, "cannot be written");
        }
        return *this;
    }
    const Db* m_db;
    sqlite3_stmt* m_stmt = nullptr;
};

std::int64_t pragma_int(const Db& db, const char* sql) {
    Stmt s{db, sql};
    return s.step("cannot be read") ? s.integer(0) : 0;
}

/// Creates the tables in a new database; checks an existing one is ours and of our version.
void ensure_schema(const Db& db, bool create) {
    const auto tables = pragma_int(db, "SELECT count(*) FROM sqlite_master");
    if (tables == 0 && !create) {
        throw HistoryError(fmt::format("{}: no run has been kept in it yet (marcaudit audit --history {} …)",
                                       db.path(), db.path()));
    }
    if (tables == 0) {
        db.exec(k_schema, "cannot be created");
        db.exec(fmt::format("PRAGMA application_id = {}; PRAGMA user_version = {};", k_application_id,
                            k_schema_version)
                    .c_str(),
                "cannot be created");
        return;
    }
    if (pragma_int(db, "PRAGMA application_id") != k_application_id) {
        throw HistoryError(fmt::format("{}: an SQLite database, but not a marcaudit history (name a new file, "
                                       "or the one --history wrote)",
                                       db.path()));
    }
    if (const auto version = pragma_int(db, "PRAGMA user_version"); version != k_schema_version) {
        throw HistoryError(fmt::format("{}: a marcaudit history of version {}; this marcaudit reads version {}",
                                       db.path(), version, k_schema_version));
    }
}

/// splitmix64's finalizer: spreads the bits of a hash.
constexpr std::uint64_t mix(std::uint64_t x) noexcept {
    x ^= x >> 30U;
    x *= 0xbf58476d1ce4e5b9ULL;
    x ^= x >> 27U;
    x *= 0x94d049bb133111ebULL;
    x ^= x >> 31U;
    return x;
}

constexpr std::uint64_t k_fnv_basis = 0xcbf29ce484222325ULL;

/// FNV-1a over `bytes`, from `h`.
constexpr std::uint64_t fnv(std::uint64_t h, std::string_view bytes) noexcept {
    for (const char c : bytes) {
        h = (h ^ static_cast<unsigned char>(c)) * 0x100000001b3ULL;
    }
    return h;
}


/// The fingerprint of the `occurrence`-th finding (0-based, in input order) of one key.
constexpr std::uint64_t fingerprint(std::uint64_t key_hash, std::uint32_t occurrence) noexcept {
    return occurrence == 0 ? key_hash : mix(key_hash + 0x9e3779b97f4a7c15ULL * occurrence);
}

/// The record as the history names it: its 001, or its file's name and number without one.
std::string record_name(const Finding& f, const std::vector<std::string>& file_names) {
    const auto cn = trim_blanks(f.control_number);
    if (!cn.empty()) {
        return std::string{cn};
    }
    return fmt::format("{}#{}", f.source_index < file_names.size() ? file_names[f.source_index] : std::string{},
                       f.record_number);
}

/// The hash of the finding's match key: the key --baseline matches on (scoring::baseline_key:
/// 001, or file name and record number; rule; tag), fed to the hash without building it.
std::uint64_t key_hash(const Finding& f, const std::vector<std::string>& file_names) {
    std::uint64_t h = k_fnv_basis;
    const auto cn = trim_blanks(f.control_number);
    if (cn.empty()) {
        h = fnv(h, f.source_index < file_names.size() ? std::string_view{file_names[f.source_index]} : std::string_view{});
        h = fnv(h, "#");
        h = fnv(h, std::to_string(f.record_number));
    } else {
        h = fnv(h, cn);
    }
    h = fnv(h, "|");
    h = fnv(h, f.rule_id);
    h = fnv(h, "|");
    h = fnv(h, f.tag);
    return mix(h);
}

std::string module_of(std::string_view rule) {
    const auto dash = rule.find('-');
    return std::string{dash == std::string_view::npos ? rule : rule.substr(0, dash)};
}

std::vector<Run> read_runs(const Db& db, std::size_t last) {
    std::vector<Run> runs;
    Stmt s{db, "SELECT id, time, inputs, profile, records_read, records_audited, records_rejected, records_clean, "
               "findings, errors, warnings, infos, score, grade, hours_low, hours_high, gates_passed, gate_reasons, "
               "problems_new, problems_resolved, db_bytes, tracked FROM run ORDER BY id DESC LIMIT ?1"};
    s.bind(1, static_cast<std::int64_t>(last));
    while (s.step("cannot be read")) {
        Run r;
        r.id = s.integer(0);
        r.time = s.integer(1);
        r.inputs = s.text(2);
        r.profile = s.text(3);
        r.records_read = s.count(4);
        r.records_audited = s.count(5);
        r.records_rejected = s.count(6);
        r.records_clean = s.count(7);
        r.findings = s.count(8);
        r.errors = s.count(9);
        r.warnings = s.count(10);
        r.infos = s.count(11);
        if (!s.is_null(12)) {
            r.score = s.real(12);
        }
        r.grade = s.text(13);
        r.hours_low = s.real(14);
        r.hours_high = s.real(15);
        r.gates_passed = s.integer(16) != 0;
        r.gate_reasons = s.text(17);
        r.problems_new = s.count(18);
        r.problems_resolved = s.count(19);
        r.db_bytes = s.count(20);
        r.tracked = s.integer(21) != 0;
        runs.push_back(std::move(r));
    }
    std::reverse(runs.begin(), runs.end());
    if (!runs.empty()) {
        Stmt m{db, "SELECT run, module, findings FROM run_module WHERE run >= ?1 ORDER BY run, module"};
        m.bind(1, runs.front().id);
        std::size_t i = 0;
        while (m.step("cannot be read")) {
            const auto run = m.integer(0);
            while (i < runs.size() && runs[i].id < run) {
                ++i;
            }
            if (i < runs.size() && runs[i].id == run) {
                runs[i].findings_by_module[m.text(1)] = m.count(2);
            }
        }
    }
    return runs;
}

/// The view of the database: the last runs, and the problems open in the latest.
HistoryView read_view(const Db& db, std::size_t trend_runs) {
    HistoryView view;
    view.path = db.path();
    view.runs = read_runs(db, std::max<std::size_t>(trend_runs, 1));
    if (view.runs.empty()) {
        throw HistoryError(fmt::format("{}: no run has been kept in it yet (marcaudit audit --history {} …)",
                                       db.path(), db.path()));
    }
    view.total_runs = static_cast<std::uint64_t>(pragma_int(db, "SELECT count(*) FROM run"));
    view.first_time = pragma_int(db, "SELECT min(time) FROM run");
    std::map<std::int64_t, std::int64_t> time_of;
    {
        Stmt s{db, "SELECT id, time FROM run"};
        while (s.step("cannot be read")) {
            time_of[s.integer(0)] = s.integer(1);
        }
    }
    // The rules by number; the ages by rule number (a million open problems are read here:
    // only those that may be among the oldest get their text copied).
    std::unordered_map<std::int64_t, std::string> rule_names;
    {
        Stmt r{db, "SELECT id, name FROM rule"};
        while (r.step("cannot be read")) {
            rule_names[r.integer(0)] = r.text(1);
        }
    }
    // Open: seen in the latest tracked run (a run whose input gate failed changed nothing).
    const auto latest_tracked = pragma_int(db, "SELECT coalesce(max(id), 0) FROM run WHERE tracked");
    view.latest_tracked = latest_tracked;
    std::unordered_map<std::int64_t, RuleAge> ages;
    // The oldest open problems: first seen earliest, then by rule, record and tag.
    auto older = [](const OpenProblem& a, const OpenProblem& b) {
        return std::tie(a.first_run, a.rule, a.record, a.tag) < std::tie(b.first_run, b.rule, b.record, b.tag);
    };
    std::vector<OpenProblem> oldest;
    Stmt s{db, "SELECT rule, first_run, record, tag FROM problem WHERE last_run IS NULL"};
    while (s.step("cannot be read")) {
        const auto rule = s.integer(0);
        const auto first_run = s.integer(1);
        ++view.open;
        auto& age = ages[rule];
        if (age.open == 0 || first_run < age.oldest_run) {
            age.oldest_run = first_run;
            age.oldest_time = time_of[first_run];
        }
        ++age.open;
        if (first_run == latest_tracked) {
            ++age.new_in_run;
            continue;  // not old: the list is of what has waited
        }
        if (oldest.size() == HistoryView::oldest_shown && first_run > oldest.back().first_run) {
            continue;
        }
        OpenProblem p{rule_names[rule], s.text(2), s.text(3), first_run, time_of[first_run]};
        if (oldest.size() < HistoryView::oldest_shown || older(p, oldest.back())) {
            oldest.insert(std::upper_bound(oldest.begin(), oldest.end(), p, older), std::move(p));
            if (oldest.size() > HistoryView::oldest_shown) {
                oldest.pop_back();
            }
        }
    }
    view.oldest = std::move(oldest);
    for (auto& [rule, age] : ages) {
        age.rule = rule_names[rule];
        view.by_rule.push_back(std::move(age));
    }
    std::sort(view.by_rule.begin(), view.by_rule.end(), [](const RuleAge& a, const RuleAge& b) {
        return std::tie(a.oldest_run, b.open, a.rule) < std::tie(b.oldest_run, a.open, b.rule);
    });
    return view;
}

/// Brings the problems up to this run: a problem of this run that was not open is inserted
/// (or reopened, keeping the run it was first seen in); an open problem this run no longer
/// has is closed, last seen in `previous`. Problems that stay open are not written at all, so
/// a night whose export changed little costs little. Returns (new, resolved).
std::pair<std::uint64_t, std::uint64_t> track_problems(const Db& db, const engine::AuditResult& result,
                                                       std::int64_t run_id, std::int64_t previous) {
    // The rules' numbers: the problem table keeps a small number, not the id's text.
    std::unordered_map<std::string, std::int64_t> rule_ids;
    {
        Stmt s{db, "SELECT id, name FROM rule"};
        while (s.step("cannot be read")) {
            rule_ids[s.text(1)] = s.integer(0);
        }
        Stmt add{db, "INSERT INTO rule(name) VALUES(?1)"};
        for (const auto& [rule, n] : result.counts_by_rule) {
            if (n != 0 && !rule_ids.contains(rule)) {
                add.bind(1, rule);
                add.step();
                add.reset();
                rule_ids[rule] = sqlite3_last_insert_rowid(db.get());
            }
        }
    }
    // Fingerprints, in input order: the match key's hash, and for a key found more than once
    // in the run its occurrence in input order (repeated keys found by sorting the hashes).
    std::vector<std::int64_t> fps;
    fps.reserve(result.findings.size());
    std::vector<std::string> file_names;  // by source: the file's name without its folder
    for (const auto& src : result.sources) {
        file_names.push_back(std::filesystem::path{io::display_name(src.info.name)}.filename().string());
    }
    for (const auto& f : result.findings) {
        fps.push_back(static_cast<std::int64_t>(key_hash(f, file_names)));
    }
    std::vector<std::int64_t> sorted = fps;
    std::sort(sorted.begin(), sorted.end());
    {
        std::unordered_map<std::int64_t, std::uint32_t> repeated;
        for (std::size_t i = 1; i < sorted.size(); ++i) {
            if (sorted[i] == sorted[i - 1]) {
                repeated.emplace(sorted[i], 0);
            }
        }
        if (!repeated.empty()) {
            for (auto& fp : fps) {
                if (const auto it = repeated.find(fp); it != repeated.end()) {
                    fp = static_cast<std::int64_t>(fingerprint(static_cast<std::uint64_t>(fp), it->second++));
                }
            }
            sorted = fps;
            std::sort(sorted.begin(), sorted.end());
        }
        // Two keys with one hash (about one in 10^12 for a million findings) count as one.
        sorted.erase(std::unique(sorted.begin(), sorted.end()), sorted.end());
    }
    // This run's problems against the open ones, both in fingerprint order (the table's key).
    std::vector<std::int64_t> added;
    std::vector<std::int64_t> resolved;
    {
        Stmt open{db, "SELECT fp FROM problem WHERE last_run IS NULL ORDER BY fp"};
        auto it = sorted.begin();
        while (open.step("cannot be read")) {
            const auto fp = open.integer(0);
            while (it != sorted.end() && *it < fp) {
                added.push_back(*it++);
            }
            if (it != sorted.end() && *it == fp) {
                ++it;
            } else {
                resolved.push_back(fp);
            }
        }
        added.insert(added.end(), it, sorted.end());
    }
    std::vector<std::int64_t>{}.swap(sorted);
    {
        Stmt close{db, "UPDATE problem SET last_run = ?1 WHERE fp = ?2"};
        for (const auto fp : resolved) {
            close.bind(1, previous).bind(2, fp);
            close.step();
            close.reset();
        }
    }
    if (!added.empty()) {
        // The rows to write, gathered in input order and written in fingerprint order (the
        // table's key), so that SQLite appends to its tree instead of seeking for each.
        struct Row {
            std::int64_t fp;
            std::uint32_t name;  // into names
            std::int32_t rule;
            std::array<char, 4> tag;
        };
        std::vector<Row> rows;
        rows.reserve(added.size());
        std::vector<std::string> names;
        std::size_t i = 0;
        for (const auto& f : result.findings) {
            const auto fp = fps[i++];
            const auto at = std::lower_bound(added.begin(), added.end(), fp);
            if (at == added.end() || *at != fp) {
                continue;
            }
            auto name = record_name(f, file_names);
            if (names.empty() || names.back() != name) {
                names.push_back(std::move(name));
            }
            Row row{fp, static_cast<std::uint32_t>(names.size() - 1), static_cast<std::int32_t>(rule_ids[std::string{f.rule_id}]), {}};
            std::copy_n(f.tag.begin(), std::min<std::size_t>(f.tag.size(), 3), row.tag.begin());
            rows.push_back(row);
        }
        std::vector<std::int64_t>{}.swap(fps);
        std::sort(rows.begin(), rows.end(), [](const Row& a, const Row& b) { return a.fp < b.fp; });
        Stmt open{db, "INSERT INTO problem(fp, rule, record, tag, first_run, last_run) VALUES(?1, ?2, ?3, ?4, ?5, NULL) "
                      "ON CONFLICT(fp) DO UPDATE SET last_run = NULL"};
        for (const auto& row : rows) {
            open.bind(1, row.fp)
                .bind(2, std::int64_t{row.rule})
                .bind(3, std::string_view{names[row.name]})
                .bind(4, std::string_view{row.tag.data(), std::strlen(row.tag.data())})
                .bind(5, run_id);
            open.step();
            open.reset();
        }
    }
    return {added.size(), resolved.size()};
}

std::string join_lines(const std::vector<std::string>& lines) {
    std::string out;
    for (const auto& l : lines) {
        if (!out.empty()) {
            out += '\n';
        }
        out += l;
    }
    return out;
}

} // namespace

std::int64_t HistoryView::days_since(std::int64_t since) const noexcept {
    const auto seconds = latest().time - since;
    return seconds <= 0 ? 0 : seconds / 86400;
}

std::int64_t parse_time(const std::string& text) {
    // YYYY-MM-DD, then optionally THH:MM or THH:MM:SS, then optionally Z.
    const auto bad = [&] {
        return HistoryError(fmt::format("--as-of {}: give a date as YYYY-MM-DD or YYYY-MM-DDTHH:MM:SSZ (UTC)", text));
    };
    std::string_view t{text};
    if (!t.empty() && t.back() == 'Z') {
        t.remove_suffix(1);
    }
    const auto number = [&](std::size_t at, std::size_t len) {
        int v = 0;
        for (std::size_t i = at; i < at + len; ++i) {
            if (i >= t.size() || t[i] < '0' || t[i] > '9') {
                throw bad();
            }
            v = v * 10 + (t[i] - '0');
        }
        return v;
    };
    const auto expect = [&](std::size_t at, char c) {
        if (at >= t.size() || t[at] != c) {
            throw bad();
        }
    };
    if (t.size() != 10 && t.size() != 16 && t.size() != 19) {
        throw bad();
    }
    const int y = number(0, 4);
    expect(4, '-');
    const int mo = number(5, 2);
    expect(7, '-');
    const int d = number(8, 2);
    int h = 0;
    int mi = 0;
    int s = 0;
    if (t.size() > 10) {
        expect(10, 'T');
        h = number(11, 2);
        expect(13, ':');
        mi = number(14, 2);
        if (t.size() == 19) {
            expect(16, ':');
            s = number(17, 2);
        }
    }
    const std::chrono::year_month_day ymd{std::chrono::year{y}, std::chrono::month{static_cast<unsigned>(mo)},
                                         std::chrono::day{static_cast<unsigned>(d)}};
    if (!ymd.ok() || y < 1970 || h > 23 || mi > 59 || s > 59) {
        throw bad();
    }
    const auto days = std::chrono::sys_days{ymd}.time_since_epoch().count();
    return static_cast<std::int64_t>(days) * 86400 + h * 3600 + mi * 60 + s;
}

std::string format_date(std::int64_t time) {
    const std::chrono::sys_days day{std::chrono::days{time >= 0 ? time / 86400 : (time - 86399) / 86400}};
    const std::chrono::year_month_day ymd{day};
    return fmt::format("{:04}-{:02}-{:02}", static_cast<int>(ymd.year()), static_cast<unsigned>(ymd.month()),
                       static_cast<unsigned>(ymd.day()));
}

HistoryView append_run(const std::filesystem::path& path, const engine::AuditResult& result, const RunInfo& info) {
    const std::int64_t time = info.time.value_or(static_cast<std::int64_t>(std::time(nullptr)));
    Db db{path, true};
    // A cache large enough that the run's pages stay in memory until the commit writes them.
    db.exec("PRAGMA cache_size = -262144", "cannot be opened");
    db.exec("BEGIN IMMEDIATE", "cannot be written");
    try {
        ensure_schema(db, true);
        {
            Stmt last{db, "SELECT time FROM run ORDER BY id DESC LIMIT 1"};
            if (last.step("cannot be read") && last.integer(0) > time) {
                throw HistoryError(fmt::format("{}: its last run is of {}, after this one ({}); runs are kept in "
                                               "the order of their dates (--as-of)",
                                               db.path(), format_date(last.integer(0)), format_date(time)));
            }
        }
        // The run the open problems were last seen in: the latest whose input was sound.
        const std::int64_t previous = pragma_int(db, "SELECT coalesce(max(id), 0) FROM run WHERE tracked");
        std::vector<std::string> reasons;
        bool passed = true;
        bool tracked = true;
        if (result.gates != nullptr) {
            passed = !result.gates->failed;
            reasons = result.gates->reasons;
            tracked = !result.gates->input_failed;
        }
        Stmt run{db, "INSERT INTO run(time, inputs, profile, records_read, records_audited, records_rejected, "
                     "records_clean, findings, errors, warnings, infos, score, grade, hours_low, hours_high, "
                     "gates_passed, gate_reasons, tracked) "
                     "VALUES(?1,?2,?3,?4,?5,?6,?7,?8,?9,?10,?11,?12,?13,?14,?15,?16,?17,?18)"};
        run.bind(1, time)
            .bind(2, join_lines(info.inputs))
            .bind(3, result.profile_name)
            .bind(4, result.records.read)
            .bind(5, result.records.audited)
            .bind(6, result.records.rejected)
            .bind(7, result.score.clean)
            .bind(8, static_cast<std::uint64_t>(result.findings.size()))
            .bind(9, result.counts_by_severity[static_cast<int>(Severity::error)])
            .bind(10, result.counts_by_severity[static_cast<int>(Severity::warning)])
            .bind(11, result.counts_by_severity[static_cast<int>(Severity::info)]);
        if (result.score.records == 0) {
            run.bind_null(12);
        } else {
            run.bind(12, result.score.mean);
        }
        run.bind(13, result.score.grade)
            .bind(14, result.effort.low_hours)
            .bind(15, result.effort.high_hours)
            .bind(16, std::int64_t{passed ? 1 : 0})
            .bind(17, join_lines(reasons))
            .bind(18, std::int64_t{tracked ? 1 : 0});
        run.step();
        const std::int64_t run_id = sqlite3_last_insert_rowid(db.get());

        std::map<std::string, std::uint64_t> by_module;
        for (const auto& [rule, n] : result.counts_by_rule) {
            by_module[module_of(rule)] += n;
        }
        {
            Stmt m{db, "INSERT INTO run_module(run, module, findings) VALUES(?1, ?2, ?3)"};
            for (const auto& [module, n] : by_module) {
                m.bind(1, run_id).bind(2, module).bind(3, n);
                m.step();
                m.reset();
            }
        }
        std::uint64_t problems_new = 0;
        std::uint64_t problems_resolved = 0;
        if (tracked) {
            const auto changed = track_problems(db, result, run_id, previous);
            problems_new = changed.first;
            problems_resolved = changed.second;
        }
        // The size the database has once this run is in it (the pages the commit writes).
        const auto bytes = static_cast<std::uint64_t>(pragma_int(db, "PRAGMA page_count")) *
                           static_cast<std::uint64_t>(pragma_int(db, "PRAGMA page_size"));
        Stmt done{db, "UPDATE run SET problems_new = ?1, problems_resolved = ?2, db_bytes = ?3 WHERE id = ?4"};
        done.bind(1, problems_new).bind(2, problems_resolved).bind(3, bytes).bind(4, run_id);
        done.step();
        db.exec("COMMIT", "cannot be written");
    } catch (...) {
        sqlite3_exec(db.get(), "ROLLBACK", nullptr, nullptr, nullptr);
        throw;
    }
    return read_view(db, HistoryView::trend_runs);
}

HistoryView read_history(const std::filesystem::path& path, std::size_t trend_runs) {
    std::error_code ec;
    if (!std::filesystem::exists(path, ec)) {
        throw HistoryError(fmt::format("{}: no such file (marcaudit audit --history {} … creates it)", path.string(),
                                       path.string()));
    }
    // Read-write, not read-only: a database left with a hot journal by a killed run is rolled
    // back on this first read, which needs to write.
    Db db{path, true};
    db.exec("BEGIN", "cannot be read");
    ensure_schema(db, false);
    auto view = read_view(db, trend_runs);
    db.exec("COMMIT", "cannot be read");
    return view;
}

} // namespace marcaudit::history
