-- The dataset of every loaded programme: natprog's SQLite schema, version 1.
-- Each `--` comment after a column is its documentation: `natprog.dataset.schema` reads it back
-- from the database (sqlite_master keeps the statements as written) into docs/schema.md.

CREATE TABLE IF NOT EXISTS programmes ( -- One row per loaded draft (a year's programme in one version).
  programme_id INTEGER PRIMARY KEY, -- Key of the programme in this database.
  path TEXT NOT NULL UNIQUE, -- The file it was loaded from, as given to `natprog db`; loading the same path again replaces the programme.
  file TEXT NOT NULL, -- The draft's file name (`source.file` of the JSON).
  format TEXT NOT NULL, -- The draft's format: docx, pdf, txt.
  sha256 TEXT NOT NULL UNIQUE, -- SHA-256 of the draft's bytes (`source.sha256`); one draft is one programme, whatever path it came from.
  title TEXT, -- The programme's title as written.
  year INTEGER, -- The programme's year, read from its title.
  version INTEGER NOT NULL, -- Version within the year: the number after v, version, версия, вариант or редакция in the file name, else 1.
  draft INTEGER NOT NULL, -- 1 when the document is marked as a draft (ПРОЕКТ).
  activities INTEGER NOT NULL, -- Number of activities.
  findings INTEGER NOT NULL, -- Number of proofreading findings of the draft itself.
  extracted_at TEXT NOT NULL, -- When the draft was extracted (UTC, ISO 8601): the time of processing, or the JSON file's modification time.
  loaded_from TEXT NOT NULL CHECK (loaded_from IN ('draft', 'json')), -- Whether natprog db read the draft itself or the JSON `natprog extract` wrote.
  loaded_sha256 TEXT NOT NULL, -- SHA-256 of the loaded file and of natprog's code: unchanged means nothing to reload.
  predecessor_id INTEGER REFERENCES programmes(programme_id) ON DELETE SET NULL, -- The programme just before this one (previous version of the year, else the last version of the year before); lineage links to its activities.
  lineage_threshold REAL -- The similarity threshold its lineage was computed with (natprog db --threshold); empty without a predecessor.
);

CREATE TABLE IF NOT EXISTS sections ( -- The sections (РАЗДЕЛ I, II, …) of each programme.
  section_id INTEGER PRIMARY KEY, -- Key of the section in this database.
  programme_id INTEGER NOT NULL REFERENCES programmes(programme_id) ON DELETE CASCADE, -- The programme.
  number INTEGER, -- The section's number (1 for РАЗДЕЛ I).
  numeral TEXT NOT NULL, -- The Roman numeral as written.
  title TEXT, -- The section's title.
  strategic_goal TEXT -- The section's strategic goal.
);
CREATE INDEX IF NOT EXISTS sections_programme ON sections(programme_id);

CREATE TABLE IF NOT EXISTS goals ( -- The operational goals of each section.
  goal_id INTEGER PRIMARY KEY, -- Key of the goal in this database.
  section_id INTEGER NOT NULL REFERENCES sections(section_id) ON DELETE CASCADE, -- The section.
  programme_id INTEGER NOT NULL REFERENCES programmes(programme_id) ON DELETE CASCADE, -- The programme.
  number INTEGER, -- The goal's number within its section.
  text TEXT -- The goal as written.
);
CREATE INDEX IF NOT EXISTS goals_section ON goals(section_id);
CREATE INDEX IF NOT EXISTS goals_programme ON goals(programme_id);

CREATE TABLE IF NOT EXISTS activities ( -- Every activity (Дейност N) of every programme, with its six fields; deadlines as date ranges.
  activity_id INTEGER PRIMARY KEY, -- Key of the activity in this database.
  programme_id INTEGER NOT NULL REFERENCES programmes(programme_id) ON DELETE CASCADE, -- The programme.
  section_id INTEGER REFERENCES sections(section_id) ON DELETE CASCADE, -- The section.
  year INTEGER, -- The programme's year (copied from programmes, for filters and facets).
  version INTEGER NOT NULL, -- The programme's version within its year (copied from programmes).
  id TEXT NOT NULL, -- The activity's id in its programme, section numeral and number: III.5.
  section INTEGER, -- The section's number.
  number INTEGER, -- The activity's number within its section.
  title TEXT NOT NULL, -- What the activity is.
  responsible TEXT, -- Отговорна институция, as written.
  partners TEXT, -- Партньори, as written.
  partners_label TEXT, -- The label the partners are written under (Партньори, Експертна помощ, …).
  financing TEXT, -- Финансиране, as written.
  deadline TEXT, -- Срок, as written.
  deadline_kind TEXT, -- What the deadline is: date, month, quarter, year, permanent, unknown.
  deadline_start TEXT, -- First day of the deadline's range (ISO date), when understood.
  deadline_end TEXT, -- Last day of the deadline's range (ISO date), when understood.
  expected_results TEXT, -- Очаквани резултати, as written.
  indicators TEXT, -- Индикатори за изпълнение, as written.
  source_page INTEGER, -- Page of the activity's heading (PDF).
  source_paragraph INTEGER, -- Paragraph of the activity's heading (DOCX).
  source_line INTEGER -- Line of the activity's heading (text files).
);
CREATE INDEX IF NOT EXISTS activities_programme ON activities(programme_id, id);
CREATE INDEX IF NOT EXISTS activities_section ON activities(section_id);
CREATE INDEX IF NOT EXISTS activities_year ON activities(year, version);

CREATE VIRTUAL TABLE IF NOT EXISTS activities_fts USING fts5( -- Full-text index of the activities' texts (kept in step with activities by triggers).
  title, responsible, partners, financing, deadline, expected_results, indicators,
  content='activities', content_rowid='activity_id', tokenize='unicode61 remove_diacritics 2'
);
CREATE TRIGGER IF NOT EXISTS activities_fts_insert AFTER INSERT ON activities BEGIN
  INSERT INTO activities_fts(rowid, title, responsible, partners, financing, deadline, expected_results, indicators)
  VALUES (new.activity_id, new.title, new.responsible, new.partners, new.financing, new.deadline, new.expected_results, new.indicators);
END;
CREATE TRIGGER IF NOT EXISTS activities_fts_delete AFTER DELETE ON activities BEGIN
  INSERT INTO activities_fts(activities_fts, rowid, title, responsible, partners, financing, deadline, expected_results, indicators)
  VALUES ('delete', old.activity_id, old.title, old.responsible, old.partners, old.financing, old.deadline, old.expected_results, old.indicators);
END;

CREATE TABLE IF NOT EXISTS institutions ( -- Each institution a programme names, once per programme (an abbreviation with its place, or the name as written).
  institution_id INTEGER PRIMARY KEY, -- Key of the institution in this database.
  programme_id INTEGER NOT NULL REFERENCES programmes(programme_id) ON DELETE CASCADE, -- The programme.
  name TEXT NOT NULL, -- The institution: its abbreviation (with the place, МКБТХ – Варна) or its name as written when unknown.
  abbreviation TEXT, -- Its abbreviation, when resolved.
  expansion TEXT, -- What the abbreviation stands for in this programme.
  place TEXT, -- The place of a local body (Варна).
  defined_in TEXT, -- Where the abbreviation is defined: document, inline, master; empty when unknown.
  responsible_count INTEGER NOT NULL, -- Number of activities it is responsible for.
  partners_count INTEGER NOT NULL, -- Number of activities it partners.
  UNIQUE (programme_id, name)
);
CREATE INDEX IF NOT EXISTS institutions_name ON institutions(name);

CREATE TABLE IF NOT EXISTS roles ( -- Which institution is responsible for or a partner in which activity.
  activity_id INTEGER NOT NULL REFERENCES activities(activity_id) ON DELETE CASCADE, -- The activity.
  institution_id INTEGER NOT NULL REFERENCES institutions(institution_id) ON DELETE CASCADE, -- The institution.
  role TEXT NOT NULL CHECK (role IN ('responsible', 'partner')), -- responsible (Отговорна институция) or partner (Партньори).
  written TEXT NOT NULL, -- The institution as the activity writes it.
  PRIMARY KEY (activity_id, institution_id, role)
);
CREATE INDEX IF NOT EXISTS roles_institution ON roles(institution_id, role);

CREATE TABLE IF NOT EXISTS glossary ( -- Each programme's own list of abbreviations (СПИСЪК С АБРЕВИАТУРИ).
  glossary_id INTEGER PRIMARY KEY, -- Key of the entry in this database.
  programme_id INTEGER NOT NULL REFERENCES programmes(programme_id) ON DELETE CASCADE, -- The programme.
  abbreviation TEXT NOT NULL, -- The abbreviation.
  expansion TEXT -- What the programme says it stands for.
);
CREATE INDEX IF NOT EXISTS glossary_programme ON glossary(programme_id);
CREATE INDEX IF NOT EXISTS glossary_abbreviation ON glossary(abbreviation);

CREATE TABLE IF NOT EXISTS findings ( -- Proofreading findings of each draft, and the carry-over findings of its comparison with its predecessor.
  finding_id INTEGER PRIMARY KEY, -- Key of the finding in this database.
  programme_id INTEGER NOT NULL REFERENCES programmes(programme_id) ON DELETE CASCADE, -- The programme the finding is about.
  activity_id INTEGER REFERENCES activities(activity_id) ON DELETE CASCADE, -- The activity it is in, when there is one.
  origin TEXT NOT NULL CHECK (origin IN ('draft', 'lineage')), -- draft: found in the draft itself; lineage: found comparing it with its predecessor (carryover.*).
  code TEXT NOT NULL, -- The finding's code (spelling.unknown_word, carryover.stale_deadline, …).
  severity TEXT NOT NULL, -- error, warning or info.
  message TEXT NOT NULL, -- What is wrong, in Bulgarian.
  text TEXT, -- The offending text.
  suggestion TEXT, -- The suggested correction.
  section INTEGER, -- Section number of the location.
  activity TEXT, -- Activity id of the location (III.5).
  field TEXT, -- Field of the location (title, deadline, …).
  page INTEGER, -- Page (PDF).
  paragraph INTEGER, -- Paragraph (DOCX).
  line INTEGER -- Line (text files).
);
CREATE INDEX IF NOT EXISTS findings_programme ON findings(programme_id, origin);
CREATE INDEX IF NOT EXISTS findings_activity ON findings(activity_id);
CREATE INDEX IF NOT EXISTS findings_code ON findings(code);

CREATE TABLE IF NOT EXISTS lineage ( -- An activity and the one it continues in the programme's predecessor (natprog diff's matching).
  activity_id INTEGER PRIMARY KEY REFERENCES activities(activity_id) ON DELETE CASCADE, -- The activity.
  previous_activity_id INTEGER NOT NULL UNIQUE REFERENCES activities(activity_id) ON DELETE CASCADE, -- The same activity in the predecessor programme.
  score REAL NOT NULL, -- How alike the two are, 0–100 (natprog diff's similarity).
  method TEXT NOT NULL, -- How they were paired: exact (same id and title), title (same title), similar (by score).
  changed_fields TEXT NOT NULL, -- The fields whose text changed, comma-separated (title, responsible, …, section); empty when none.
  renumbered INTEGER NOT NULL -- 1 when the activity's id changed.
);

CREATE VIEW IF NOT EXISTS latest_programmes AS -- The last version of each year's programme.
SELECT * FROM programmes AS p
WHERE p.year IS NOT NULL AND NOT EXISTS (
  SELECT 1 FROM programmes AS q
  WHERE q.year = p.year AND (q.version > p.version OR (q.version = p.version AND q.path > p.path))
);

CREATE VIEW IF NOT EXISTS activity_history AS -- Every activity with the first programme of its lineage: since when it is in the programmes.
WITH RECURSIVE chain(activity_id, first_activity_id, since_year, since_version, years) AS (
  SELECT a.activity_id, a.activity_id, a.year, a.version, 1
  FROM activities AS a WHERE a.activity_id NOT IN (SELECT activity_id FROM lineage)
  UNION ALL
  SELECT l.activity_id, c.first_activity_id, c.since_year, c.since_version,
         c.years + (a.year IS NOT p.year)
  FROM chain AS c
  JOIN lineage AS l ON l.previous_activity_id = c.activity_id
  JOIN activities AS a ON a.activity_id = l.activity_id
  JOIN activities AS p ON p.activity_id = c.activity_id
)
SELECT a.activity_id, a.programme_id, a.year, a.version, a.id, a.title,
       c.first_activity_id, c.since_year, c.since_version, c.years
FROM chain AS c JOIN activities AS a USING (activity_id);

CREATE VIEW IF NOT EXISTS recurring_activities AS -- Activities that recur from an earlier year: since which year, and in how many years' programmes so far.
SELECT h.year, h.version, h.id, h.title, h.since_year, h.years, first.id AS since_id,
       h.activity_id, h.programme_id
FROM activity_history AS h JOIN activities AS first ON first.activity_id = h.first_activity_id
WHERE h.since_year < h.year;

CREATE VIEW IF NOT EXISTS dropped_activities AS -- Activities of a programme that its successor no longer has.
SELECT s.year, s.version, a.year AS previous_year, a.version AS previous_version,
       a.id AS previous_id, a.title, a.responsible, a.activity_id AS previous_activity_id,
       s.programme_id
FROM programmes AS s
JOIN activities AS a ON a.programme_id = s.predecessor_id
WHERE a.activity_id NOT IN (SELECT previous_activity_id FROM lineage);

CREATE VIEW IF NOT EXISTS added_activities AS -- Activities new in a programme: its predecessor has nothing like them.
SELECT a.year, a.version, a.id, a.title, a.responsible, a.activity_id, a.programme_id
FROM activities AS a JOIN programmes AS p USING (programme_id)
WHERE p.predecessor_id IS NOT NULL AND a.activity_id NOT IN (SELECT activity_id FROM lineage);

CREATE VIEW IF NOT EXISTS changes AS -- What changed from each programme to the next: activities changed (with the fields), added and dropped.
SELECT a.year, a.version, p.year AS previous_year, p.version AS previous_version,
       'changed' AS change, a.id, p.id AS previous_id, a.title, l.changed_fields, l.score,
       a.programme_id
FROM lineage AS l
JOIN activities AS a ON a.activity_id = l.activity_id
JOIN activities AS p ON p.activity_id = l.previous_activity_id
WHERE l.changed_fields <> ''
UNION ALL
SELECT n.year, n.version, prev.year, prev.version, 'added', n.id, NULL, n.title, '', NULL,
       n.programme_id
FROM added_activities AS n JOIN programmes AS cur USING (programme_id)
JOIN programmes AS prev ON prev.programme_id = cur.predecessor_id
UNION ALL
SELECT d.year, d.version, d.previous_year, d.previous_version, 'dropped', NULL, d.previous_id,
       d.title, '', NULL, d.programme_id
FROM dropped_activities AS d;

CREATE VIEW IF NOT EXISTS institution_activities AS -- How many activities each institution leads and partners, per programme.
SELECT p.year, p.version, i.name AS institution, i.abbreviation, i.expansion,
       i.responsible_count AS led, i.partners_count AS partnered, i.programme_id
FROM institutions AS i JOIN programmes AS p USING (programme_id);

CREATE VIEW IF NOT EXISTS carried_over_deadlines AS -- Deadlines carried over from an earlier programme: ending before the programme's year, or word for word last year's.
SELECT a.year, a.version, a.id, a.title, a.deadline, a.deadline_end, prev.year AS previous_year,
       prev.id AS previous_id, prev.deadline AS previous_deadline, f.message, a.activity_id,
       a.programme_id
FROM findings AS f
JOIN activities AS a USING (activity_id)
LEFT JOIN lineage AS l ON l.activity_id = a.activity_id
LEFT JOIN activities AS prev ON prev.activity_id = l.previous_activity_id
WHERE f.code = 'carryover.stale_deadline';
