//! Helpers for the workspace's end-to-end tests: corpus schemas, provider rewriting, a generator of
//! "create and read back one row in every model" programs from the `Schema` IR, scratch cargo
//! projects that compile a generated client, and throw-away PostgreSQL databases.
//!
//! The tests themselves live in `tests/tests/*.rs`.

pub mod program;
pub mod scratch;

use std::path::{Path, PathBuf};

use orm_schema_parser::{Diagnostics, Schema, SourceFile};

/// The workspace root (parent of this crate).
pub fn workspace_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).parent().map_or_else(|| PathBuf::from(".."), Path::to_path_buf)
}

/// The corpus of real-world schemas, from `ORM_CORPUS_DIR` only (CI sets it to the
/// `shared/corpus/schemas` folder beside the clone; the files belong to their projects and are not
/// in this repository). `None` when the variable is unset, after printing `skipped: set
/// ORM_CORPUS_DIR`.
///
/// # Panics
/// When the variable is unset and `ORM_REQUIRE_ALL_BACKENDS=1` (CI must not skip the corpus), or
/// when it names a folder that does not exist.
pub fn corpus_dir() -> Option<PathBuf> {
    match std::env::var_os("ORM_CORPUS_DIR").filter(|d| !d.is_empty()) {
        Some(dir) => {
            let dir = PathBuf::from(dir);
            assert!(dir.is_dir(), "ORM_CORPUS_DIR={} is not a folder", dir.display());
            Some(dir)
        }
        None if std::env::var("ORM_REQUIRE_ALL_BACKENDS").as_deref() == Ok("1") => {
            panic!("ORM_CORPUS_DIR is not set but ORM_REQUIRE_ALL_BACKENDS=1")
        }
        None => {
            println!("skipped: set ORM_CORPUS_DIR to the folder of corpus schemas to run the corpus tests");
            None
        }
    }
}

/// Reads one corpus schema file by file name from `dir` (see [`corpus_dir`]).
///
/// # Panics
/// When the file is missing (the test setup is broken).
pub fn corpus_schema(dir: &Path, file_name: &str) -> String {
    let path = dir.join(file_name);
    std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("cannot read corpus schema {}: {e}", path.display()))
}

/// The corpus entries: every `.prisma` file and every folder (a multi-file schema) directly in
/// `dir` (see [`corpus_dir`]), sorted by name. Empty when the folder is unreadable.
pub fn corpus_entries(dir: &Path) -> Vec<PathBuf> {
    let mut entries: Vec<PathBuf> = std::fs::read_dir(dir)
        .map(|rd| rd.filter_map(|e| e.ok().map(|e| e.path())).collect())
        .unwrap_or_default();
    entries.retain(|p| p.is_dir() || p.extension().is_some_and(|x| x == "prisma"));
    entries.sort();
    entries
}

/// Reads a corpus entry as source files: the file itself, or every `.prisma` file under a folder
/// (recursively, sorted by path; paths are relative to the corpus folder).
///
/// # Errors
/// The IO error, naming the path.
pub fn read_corpus_entry(path: &Path) -> Result<Vec<SourceFile>, String> {
    fn collect(path: &Path, out: &mut Vec<PathBuf>) -> std::io::Result<()> {
        if path.is_dir() {
            let mut entries: Vec<PathBuf> =
                std::fs::read_dir(path)?.map(|e| e.map(|e| e.path())).collect::<Result<_, _>>()?;
            entries.sort();
            for p in entries {
                if p.is_dir() || p.extension().is_some_and(|x| x == "prisma") {
                    collect(&p, out)?;
                }
            }
        } else {
            out.push(path.to_path_buf());
        }
        Ok(())
    }
    let mut paths = Vec::new();
    collect(path, &mut paths).map_err(|e| format!("{}: {e}", path.display()))?;
    let base = path.parent().unwrap_or(path);
    paths
        .into_iter()
        .map(|p| {
            let text = std::fs::read_to_string(&p).map_err(|e| format!("{}: {e}", p.display()))?;
            let shown = p.strip_prefix(base).unwrap_or(&p).display().to_string();
            Ok(SourceFile { path: shown, text })
        })
        .collect()
}

/// Parses and validates one schema text; the path is used in diagnostics only.
pub fn parse(path: &str, text: &str) -> (Schema, Diagnostics, Vec<SourceFile>) {
    let files = vec![SourceFile { path: path.to_owned(), text: text.to_owned() }];
    let (schema, diagnostics) = orm_schema_parser::parse_and_validate(&files);
    (schema, diagnostics, files)
}

/// Rewrites the `datasource` block of `text` to `provider` with `url = env("DATABASE_URL")`.
///
/// When the target is `sqlite`, native type attributes (`@db.VarChar(255)`, `@db.Uuid`, …) are
/// removed, since SQLite has none (<https://www.prisma.io/docs/orm/overview/databases/sqlite#type-mapping-between-sqlite-to-prisma-schema>).
/// Lines of other blocks are otherwise kept as written.
pub fn rewrite_datasource(text: &str, provider: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut in_datasource = false;
    for line in text.lines() {
        let trimmed = line.trim_start();
        if trimmed.starts_with("datasource ") {
            in_datasource = true;
            out.push_str(line);
            out.push('\n');
            out.push_str(&format!("  provider = \"{provider}\"\n  url = env(\"DATABASE_URL\")\n"));
            continue;
        }
        if in_datasource {
            if trimmed.starts_with('}') {
                in_datasource = false;
                out.push_str(line);
                out.push('\n');
            }
            // Every setting of the old datasource (provider, url, directUrl, relationMode…) is dropped.
            continue;
        }
        let line = if provider == "sqlite" { strip_native_types(line) } else { line.to_owned() };
        out.push_str(&line);
        out.push('\n');
    }
    out
}

/// Removes `@db.Name` and `@db.Name(args)` from one line.
fn strip_native_types(line: &str) -> String {
    let mut res = String::with_capacity(line.len());
    let mut rest = line;
    while let Some(pos) = rest.find("@db.") {
        res.push_str(&rest[..pos]);
        let after = &rest[pos + 4..];
        let name_len = after.find(|c: char| !c.is_ascii_alphanumeric() && c != '_').unwrap_or(after.len());
        let mut tail = &after[name_len..];
        if tail.starts_with('(') {
            let close = tail.find(')').map_or(tail.len(), |i| i + 1);
            tail = &tail[close..];
        }
        rest = tail;
    }
    res.push_str(rest);
    res.trim_end().to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rewrite_replaces_the_datasource_and_strips_native_types_for_sqlite() {
        let text = "datasource db {\n  provider = \"postgresql\"\n  url = env(\"X\")\n  directUrl = env(\"Y\")\n}\nmodel A {\n  id String @id @db.Uuid\n  n String @db.VarChar(20) @unique\n}\n";
        let out = rewrite_datasource(text, "sqlite");
        assert_eq!(
            out,
            "datasource db {\n  provider = \"sqlite\"\n  url = env(\"DATABASE_URL\")\n}\nmodel A {\n  id String @id\n  n String  @unique\n}\n"
        );
    }
}
