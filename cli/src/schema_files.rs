//! Finding and loading the schema: one `.prisma` file or a folder of them (multi-file schema).
//!
//! Lookup order without `--schema`, as Prisma does it
//! (<https://www.prisma.io/docs/orm/prisma-schema/overview/location>): `./prisma/schema.prisma`,
//! `./schema.prisma`, then the folder `./prisma/schema`.

use std::path::{Path, PathBuf};

use anyhow::{Context as _, Result, bail};
use orm_schema_parser::{Diagnostics, Schema, SourceFile, Span};

use crate::report::{self, Reported};

/// A loaded schema: its files (index = `FileId`), where it came from, and the validation result.
#[derive(Debug)]
pub struct LoadedSchema {
    /// The file, or the folder of a multi-file schema.
    pub root: PathBuf,
    /// File paths parallel to `files` (as on disk, for computing relative outputs).
    pub paths: Vec<PathBuf>,
    /// Files in load order (sorted by path for folders).
    pub files: Vec<SourceFile>,
    /// The validated schema (meaningful only when `diagnostics` has no error).
    pub schema: Schema,
    /// Every diagnostic.
    pub diagnostics: Diagnostics,
}

impl LoadedSchema {
    /// The folder holding the file that contains `span` (e.g. a generator block); used to resolve
    /// relative `output` paths. Falls back to [`LoadedSchema::base_dir`].
    pub fn dir_of(&self, span: Span) -> PathBuf {
        self.paths
            .get(span.file_id.0 as usize)
            .and_then(|p| p.parent())
            .map_or_else(|| self.base_dir(), Path::to_path_buf)
    }

    /// The folder of the schema file, or for a folder schema the folder of the file holding the
    /// datasource (Prisma keeps `migrations/` next to it), else the folder itself.
    pub fn base_dir(&self) -> PathBuf {
        if self.root.is_dir() {
            if let Some(ds) = &self.schema.datasource
                && let Some(parent) = self.paths.get(ds.span.file_id.0 as usize).and_then(|p| p.parent())
            {
                return parent.to_path_buf();
            }
            return self.root.clone();
        }
        self.root.parent().map_or_else(|| PathBuf::from("."), Path::to_path_buf)
    }

    /// The migrations folder: `migrations/` next to the schema (see [`LoadedSchema::base_dir`]).
    pub fn migrations_dir(&self) -> PathBuf {
        self.base_dir().join("migrations")
    }

    /// Prints every diagnostic; when there is an error, fails with [`Reported`] after a summary line.
    pub fn require_valid(&self) -> Result<&Schema> {
        report::print_diagnostics(&self.diagnostics, &self.files);
        if self.diagnostics.has_errors() {
            let n_errors =
                self.diagnostics.iter().filter(|d| d.severity == orm_schema_parser::Severity::Error).count();
            report::print_error(&anyhow::anyhow!(
                "the schema at {} has {n_errors} error{}; nothing was written",
                self.root.display(),
                if n_errors == 1 { "" } else { "s" }
            ));
            return Err(Reported.into());
        }
        Ok(&self.schema)
    }
}

/// The schema path: `explicit`, else the first default that exists.
///
/// # Errors
/// When no default location exists, naming every place looked at.
pub fn locate(explicit: Option<&Path>) -> Result<PathBuf> {
    if let Some(path) = explicit {
        if !path.exists() {
            bail!("schema `{}` does not exist", path.display());
        }
        return Ok(path.to_path_buf());
    }
    let candidates =
        [Path::new("prisma/schema.prisma"), Path::new("schema.prisma"), Path::new("prisma/schema")];
    for candidate in candidates {
        if candidate.exists() {
            return Ok(candidate.to_path_buf());
        }
    }
    bail!(
        "no schema found: looked for ./prisma/schema.prisma, ./schema.prisma and ./prisma/schema/; \
         pass --schema PATH or run `orm init`"
    )
}

/// Reads the schema at `root` (file, or folder of `*.prisma` files recursively, sorted by path).
///
/// # Errors
/// IO errors, or a folder without any `.prisma` file.
pub fn read(root: &Path) -> Result<(Vec<PathBuf>, Vec<SourceFile>)> {
    let paths = if root.is_dir() {
        let mut acc = Vec::new();
        collect_prisma_files(root, &mut acc)?;
        acc.sort();
        if acc.is_empty() {
            bail!("the schema folder `{}` contains no .prisma file", root.display());
        }
        acc
    } else {
        vec![root.to_path_buf()]
    };
    let mut files = Vec::with_capacity(paths.len());
    for path in &paths {
        let bytes = std::fs::read(path).with_context(|| format!("cannot read `{}`", path.display()))?;
        let text = utf8_text(path, bytes)?;
        files.push(SourceFile { path: path.display().to_string(), text });
    }
    Ok((paths, files))
}

/// Turns the bytes of a schema file into text. PSL files are UTF-8 (a leading byte-order mark is
/// kept and skipped later by the parser).
///
/// # Errors
/// When the bytes are not UTF-8: names the file, the line and column (1-based, counted in
/// characters) of the first bad byte, and the fix.
fn utf8_text(path: &Path, bytes: Vec<u8>) -> Result<String> {
    String::from_utf8(bytes).map_err(|e| {
        let offset = e.utf8_error().valid_up_to();
        let valid = &e.as_bytes()[..offset];
        let line = valid.iter().filter(|&&b| b == b'\n').count() + 1;
        let line_start = valid.iter().rposition(|&b| b == b'\n').map_or(0, |i| i + 1);
        let column = String::from_utf8_lossy(&valid[line_start..]).chars().count() + 1;
        anyhow::anyhow!(
            "`{}` is not valid UTF-8: the byte 0x{:02x} at {}:{line}:{column} (byte offset {offset}) does not \
             start a UTF-8 character; re-save the file with UTF-8 encoding",
            path.display(),
            e.as_bytes()[offset],
            path.display(),
        )
    })
}

fn collect_prisma_files(dir: &Path, acc: &mut Vec<PathBuf>) -> Result<()> {
    let entries = std::fs::read_dir(dir).with_context(|| format!("cannot list `{}`", dir.display()))?;
    for entry in entries {
        let path = entry.with_context(|| format!("cannot list `{}`", dir.display()))?.path();
        if path.is_dir() {
            collect_prisma_files(&path, acc)?;
        } else if path.extension().is_some_and(|e| e == "prisma") {
            acc.push(path);
        }
    }
    Ok(())
}

/// Locates, reads, parses and validates the schema.
///
/// # Errors
/// See [`locate`] and [`read`]. Schema problems are not errors here: they are in `diagnostics`.
pub fn load(explicit: Option<&Path>) -> Result<LoadedSchema> {
    let root = locate(explicit)?;
    let (paths, files) = read(&root)?;
    let (schema, diagnostics) = crate::backend::parse_and_validate(&files);
    Ok(LoadedSchema { root, paths, files, schema, diagnostics })
}
