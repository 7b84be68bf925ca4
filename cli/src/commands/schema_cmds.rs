//! `orm validate` and `orm format`.

use std::path::Path;
use std::process::ExitCode;

use anyhow::Result;

use crate::args::FormatArgs;
use crate::fsutil::{self, WriteOutcome};
use crate::schema_files;

/// Prints every diagnostic; exit 1 when there is an error.
///
/// # Errors
/// Schema not found or unreadable, or invalid (already reported).
pub fn validate(schema: Option<&Path>) -> Result<ExitCode> {
    let loaded = schema_files::load(schema)?;
    loaded.require_valid()?;
    eprintln!("The schema at {} is valid.", loaded.root.display());
    Ok(ExitCode::SUCCESS)
}

/// Formats every schema file in place; with `--check` writes nothing and exits 1 when a file would change.
///
/// # Errors
/// Schema not found, the formatter failing (e.g. a syntax error), or IO errors.
pub fn format(schema: Option<&Path>, args: &FormatArgs) -> Result<ExitCode> {
    let root = schema_files::locate(schema)?;
    let (paths, files) = schema_files::read(&root)?;
    // Format everything first, so a failure in one file writes nothing.
    let formatted = crate::backend::format_files(&files)?;
    let mut n_changed = 0;
    for ((path, file), new_text) in paths.iter().zip(&files).zip(&formatted) {
        if *new_text == file.text {
            continue;
        }
        n_changed += 1;
        if args.check {
            println!("would reformat {}", path.display());
        } else if fsutil::write_atomic(path, new_text)? == WriteOutcome::Written {
            eprintln!("Formatted {}", path.display());
        }
    }
    if args.check && n_changed > 0 {
        eprintln!("{n_changed} file(s) would be reformatted; run `orm format`");
        return Ok(ExitCode::from(1));
    }
    if n_changed == 0 {
        eprintln!("All {} schema file(s) are formatted.", files.len());
    }
    Ok(ExitCode::SUCCESS)
}
