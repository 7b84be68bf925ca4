//! `orm init`: a starter schema (SQLite datasource, Rust client generator) and a `.env`.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::{Result, bail};

use crate::args::InitArgs;
use crate::fsutil;

/// The starter schema. Generator `output` is relative to the schema file's folder.
fn starter_schema() -> String {
    r#"// Your data model, in Prisma Schema Language:
// https://www.prisma.io/docs/orm/prisma-schema/overview

generator client {
  provider = "orm-client-rust"
  output   = "../src/client.rs"
}

datasource db {
  provider = "sqlite"
  url      = env("DATABASE_URL")
}
"#
    .to_owned()
}

/// Writes the schema (default `prisma/schema.prisma`) and `.env` in the current folder.
///
/// # Errors
/// The schema file already exists (nothing is overwritten), or an IO error.
pub fn run(schema: Option<&Path>, args: &InitArgs) -> Result<ExitCode> {
    let schema_path = schema.map_or_else(|| PathBuf::from("prisma/schema.prisma"), Path::to_path_buf);
    if schema_path.exists() {
        bail!("`{}` already exists; `orm init` does not overwrite files", schema_path.display());
    }
    let env_path = Path::new(".env");
    let env_line = format!("DATABASE_URL=\"file:./{}\"\n", args.database_file);
    let env_text = std::fs::read_to_string(env_path).ok();
    if env_text.as_deref().is_some_and(|t| t.lines().any(|l| l.trim_start().starts_with("DATABASE_URL"))) {
        crate::report::print_warning(".env already sets DATABASE_URL; left unchanged");
    } else if let Some(text) = env_text {
        let sep = if text.is_empty() || text.ends_with('\n') { "" } else { "\n" };
        fsutil::write_atomic(env_path, &format!("{text}{sep}{env_line}"))?;
        eprintln!("Added DATABASE_URL to .env");
    } else {
        fsutil::create_new(env_path, &env_line)?;
        eprintln!("Created .env");
    }
    fsutil::create_new(&schema_path, &starter_schema())?;
    eprintln!("Created {}", schema_path.display());
    eprintln!(
        "\nNext steps:\n  1. Add models to {}\n  2. orm migrate dev --name init\n  3. orm generate",
        schema_path.display()
    );
    Ok(ExitCode::SUCCESS)
}
