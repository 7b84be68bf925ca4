//! Loading the shared corpus of real-world schemas, for the test binaries of this crate.
// Each test binary uses a different subset of these helpers.
#![allow(dead_code)]

use std::path::{Path, PathBuf};

use orm_schema_parser::SourceFile;

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

/// All `.prisma` files under `dir`, recursively, sorted by path.
pub fn prisma_files(dir: &Path) -> Vec<PathBuf> {
    let mut res = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for entry in std::fs::read_dir(&d).expect("corpus folder is readable") {
            let path = entry.expect("corpus entry is readable").path();
            if path.is_dir() {
                stack.push(path);
            } else if path.extension().is_some_and(|e| e == "prisma") {
                res.push(path);
            }
        }
    }
    res.sort();
    res
}

/// One schema of the corpus: a single file, or a folder loaded as one multi-file schema.
/// Empty when [`corpus_dir`] is `None`.
pub fn corpus_schemas() -> Vec<(String, Vec<SourceFile>)> {
    let Some(dir) = corpus_dir() else { return Vec::new() };
    let mut entries: Vec<PathBuf> =
        std::fs::read_dir(&dir).expect("corpus folder exists").map(|e| e.expect("entry").path()).collect();
    entries.sort();
    let mut res = Vec::new();
    for path in entries {
        let name = path.file_name().expect("file name").to_string_lossy().into_owned();
        let files = if path.is_dir() {
            prisma_files(&path)
        } else if name.ends_with(".prisma") {
            vec![path.clone()]
        } else {
            continue;
        };
        let sources = files
            .iter()
            .map(|f| SourceFile {
                path: f.strip_prefix(&dir).unwrap_or(f).to_string_lossy().into_owned(),
                text: std::fs::read_to_string(f).expect("corpus file is UTF-8"),
            })
            .collect();
        res.push((name, sources));
    }
    res
}
