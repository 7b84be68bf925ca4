//! Shared by the integration tests: loading `.prisma` files (single file or folder) into a `Schema`.

use std::path::{Path, PathBuf};

use orm_schema_parser::{Schema, SourceFile, parse_and_validate};

/// Reads `path` (a `.prisma` file, or a folder whose `.prisma` files, recursively and sorted by
/// path, form one schema), parses and validates it. `Err` carries the rendered error diagnostics.
pub fn load_schema(path: &Path) -> Result<Schema, String> {
    let mut files = Vec::new();
    collect(path, &mut files).map_err(|e| format!("{}: {e}", path.display()))?;
    let sources: Vec<SourceFile> =
        files.into_iter().map(|(p, text)| SourceFile { path: p.display().to_string(), text }).collect();
    let (schema, diagnostics) = parse_and_validate(&sources);
    if diagnostics.has_errors() {
        return Err(format!("{}: schema has errors:\n{diagnostics:?}", path.display()));
    }
    Ok(schema)
}

fn collect(path: &Path, out: &mut Vec<(std::path::PathBuf, String)>) -> std::io::Result<()> {
    if path.is_dir() {
        let mut entries: Vec<_> = std::fs::read_dir(path)?.collect::<Result<Vec<_>, _>>()?;
        entries.sort_by_key(|e| e.path());
        for e in entries {
            let p = e.path();
            if p.is_dir() || p.extension().is_some_and(|x| x == "prisma") {
                collect(&p, out)?;
            }
        }
    } else {
        out.push((path.to_path_buf(), std::fs::read_to_string(path)?));
    }
    Ok(())
}

/// The corpus of real-world schemas, from `ORM_CORPUS_DIR` only (CI sets it to the
/// `shared/corpus/schemas` folder beside the clone; the files belong to their projects and are not
/// in this repository). `None` when the variable is unset, after printing `skipped: set
/// ORM_CORPUS_DIR`.
///
/// # Panics
/// When the variable is unset and `ORM_REQUIRE_ALL_BACKENDS=1` (CI must not skip the corpus), or
/// when it names a folder that does not exist.
#[allow(dead_code)] // not every test binary that includes this file reads the corpus
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
