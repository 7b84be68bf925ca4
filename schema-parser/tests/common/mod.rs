//! Loading the shared corpus of real-world schemas, for the test binaries of this crate.
// Each test binary uses a different subset of these helpers.
#![allow(dead_code)]

use std::path::{Path, PathBuf};

use orm_schema_parser::SourceFile;

/// The corpus folder: `ORM_CORPUS_DIR`, else `../shared/corpus/schemas` next to the workspace.
pub fn corpus_dir() -> PathBuf {
    match std::env::var_os("ORM_CORPUS_DIR") {
        Some(dir) => PathBuf::from(dir),
        None => PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/../../shared/corpus/schemas")),
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
pub fn corpus_schemas() -> Vec<(String, Vec<SourceFile>)> {
    let dir = corpus_dir();
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
