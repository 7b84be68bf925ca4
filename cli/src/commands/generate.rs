//! `orm generate`: the typed client of every `orm-client-rust` generator, written atomically.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::{Context as _, Result, bail};
use orm_schema_parser::{Generator, StringOrEnv};

use crate::env::EnvVars;
use crate::fsutil::{self, WriteOutcome};
use crate::schema_files::{self, LoadedSchema};

/// Generates every client of the schema. Nothing is written unless the schema is valid and every
/// generator succeeded.
///
/// # Errors
/// Invalid schema (reported), no generator of ours, missing `output`, codegen or IO errors.
pub fn run(schema: Option<&Path>) -> Result<ExitCode> {
    let loaded = schema_files::load(schema)?;
    let schema = loaded.require_valid()?;
    let ours: Vec<&Generator> = schema
        .generators
        .iter()
        .filter(|g| matches!(&g.provider, StringOrEnv::Literal(p) if p == Generator::OUR_PROVIDER))
        .collect();
    if ours.is_empty() {
        bail!(
            "the schema has no generator with provider = \"{}\"; add:\n\n  generator client {{\n    provider = \"{}\"\n    output   = \"../src/client.rs\"\n  }}",
            Generator::OUR_PROVIDER,
            Generator::OUR_PROVIDER
        );
    }
    let env = EnvVars::load(&loaded.base_dir())?;
    let mut outputs = Vec::with_capacity(ours.len());
    for generator in ours {
        let path = output_path(&loaded, generator, &env)?;
        let header_path = relative_schema_path(&loaded, &path);
        let source = crate::backend::generate_client(&loaded, &header_path)?;
        outputs.push((generator, path, source));
    }
    for (generator, path, source) in outputs {
        let outcome = fsutil::write_atomic(&path, &source)?;
        let verb = if outcome == WriteOutcome::Written { "Generated" } else { "Up to date:" };
        eprintln!("{verb} {} (generator `{}`, {} bytes)", path.display(), generator.name, source.len());
    }
    Ok(ExitCode::SUCCESS)
}

/// The output file of a generator: `output` relative to the folder of the schema file that declares
/// it; a path without the `.rs` extension is a folder that gets `client.rs`.
fn output_path(loaded: &LoadedSchema, generator: &Generator, env: &EnvVars) -> Result<PathBuf> {
    let raw = match &generator.output {
        Some(StringOrEnv::Literal(s)) => s.clone(),
        Some(StringOrEnv::Env(var)) => env.get(var).with_context(|| {
            format!("generator `{}`: environment variable `{var}` is not set", generator.name)
        })?,
        None => bail!(
            "generator `{}` has no `output`; add e.g. `output = \"../src/client.rs\"` (relative to the schema file)",
            generator.name
        ),
    };
    let path = normalize(&loaded.dir_of(generator.span).join(raw));
    Ok(if path.extension().is_some_and(|e| e == "rs") { path } else { path.join("client.rs") })
}

/// The schema path relative to the output file's folder, with `/` separators (e.g.
/// `../prisma/schema.prisma`), so the generated header is the same whatever the current folder is.
fn relative_schema_path(loaded: &LoadedSchema, output: &Path) -> String {
    let absolute = |p: &Path| std::path::absolute(p).unwrap_or_else(|_| p.to_path_buf());
    let schema = normalize(&absolute(&loaded.root));
    let from = normalize(&absolute(output.parent().unwrap_or(Path::new("."))));
    let schema_parts: Vec<_> = schema.components().collect();
    let from_parts: Vec<_> = from.components().collect();
    let common = schema_parts.iter().zip(&from_parts).take_while(|(a, b)| a == b).count();
    let mut parts: Vec<String> = vec!["..".to_owned(); from_parts.len() - common];
    parts.extend(schema_parts[common..].iter().map(|c| c.as_os_str().to_string_lossy().into_owned()));
    parts.join("/")
}

/// Removes `.` and resolves `..` lexically.
fn normalize(path: &Path) -> PathBuf {
    let mut res = PathBuf::new();
    for component in path.components() {
        match component {
            std::path::Component::CurDir => {}
            std::path::Component::ParentDir => {
                if matches!(res.components().next_back(), Some(std::path::Component::Normal(_))) {
                    res.pop();
                } else {
                    res.push("..");
                }
            }
            other => res.push(other),
        }
    }
    res
}
