//! File writes that never leave a half-written file: write a temporary sibling, then rename over.

use std::io::Write as _;
use std::path::Path;

use anyhow::{Context as _, Result};

/// What [`write_atomic`] did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum WriteOutcome {
    /// The file did not exist or had other contents, and now has `contents`.
    Written,
    /// The file already had exactly `contents`; it was not touched.
    Unchanged,
}

/// Writes `contents` to `path` atomically: a temporary file in the same folder (same file system),
/// flushed and synced, then renamed over `path`. Creates missing parent folders. Skips the write
/// when the file already holds `contents`.
///
/// # Errors
/// IO errors, naming the path. The temporary file is removed on failure.
pub fn write_atomic(path: &Path, contents: &str) -> Result<WriteOutcome> {
    if std::fs::read(path).is_ok_and(|old| old == contents.as_bytes()) {
        return Ok(WriteOutcome::Unchanged);
    }
    let dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => std::path::PathBuf::from("."),
    };
    std::fs::create_dir_all(&dir).with_context(|| format!("cannot create folder `{}`", dir.display()))?;
    let file_name = path.file_name().map_or_else(|| "out".into(), |n| n.to_string_lossy().into_owned());
    let tmp = dir.join(format!(".{file_name}.{}.tmp", std::process::id()));
    let result = (|| -> std::io::Result<()> {
        let mut file = std::fs::File::create(&tmp)?;
        file.write_all(contents.as_bytes())?;
        file.sync_all()?;
        std::fs::rename(&tmp, path)
    })();
    if let Err(err) = result {
        let _ = std::fs::remove_file(&tmp);
        return Err(err).with_context(|| format!("cannot write `{}`", path.display()));
    }
    Ok(WriteOutcome::Written)
}

/// Creates `path` with `contents`, refusing when it exists.
///
/// # Errors
/// The file exists, or an IO error.
pub fn create_new(path: &Path, contents: &str) -> Result<()> {
    if let Some(dir) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir).with_context(|| format!("cannot create folder `{}`", dir.display()))?;
    }
    let mut file = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(path)
        .with_context(|| format!("cannot create `{}`", path.display()))?;
    file.write_all(contents.as_bytes()).with_context(|| format!("cannot write `{}`", path.display()))
}
