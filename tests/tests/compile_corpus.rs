//! Every corpus schema's generated client compiles, warning-free, in a user's crate (issue 3).
//!
//! Each corpus entry (a `.prisma` file or a multi-file folder), and each schema in `tests/compile/`
//! (names and shapes the corpus lacks: Rust keywords, prelude and runtime names, self relations,
//! views, skipped fields, …), is parsed with its own provider and generated. Clients become modules of one scratch library crate with `#![deny(warnings)]`, checked
//! by a single `cargo clippy` (rustc's and clippy's default lints, as in a user's crate; one
//! compiler run for all of them keeps CI within its budget). A
//! compiler diagnostic is reported under the schema whose module it points at, with the compiler's
//! own text. The schemas codegen refuses must be exactly the SQL Server ones (MongoDB schemas,
//! composite types included, compile like the SQL ones).

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::time::Instant;

use orm_schema_parser::Provider;
use orm_tests::scratch::ScratchProject;
use orm_tests::{corpus_dir, corpus_entries, read_corpus_entry};

/// Inner attributes of the scratch library: generated code must not warn in a user's crate
/// (neither rustc's nor clippy's default lints).
const LIB_ATTRIBUTES: &str = "#![deny(warnings)]\n";

/// The schemas of `tests/compile/` (sorted).
fn extra_schemas() -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("compile");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .map(|rd| rd.filter_map(|e| e.ok().map(|e| e.path())).collect())
        .unwrap_or_default();
    files.retain(|p| p.extension().is_some_and(|x| x == "prisma"));
    files.sort();
    files
}

fn file_name(path: &Path) -> String {
    path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default()
}

/// A snake_case module name for a corpus entry: `c_` then the lowercase ASCII alphanumeric runs
/// of its name joined by single `_` (`teableio__teable__db-main.prisma` → `c_teableio_teable_db_main`).
fn module_name(entry: &str) -> String {
    let stem = entry.strip_suffix(".prisma").unwrap_or(entry);
    let words: Vec<String> = stem
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_ascii_lowercase)
        .collect();
    format!("c_{}", words.join("_"))
}

/// Splits compiler output into diagnostics (a block starting with `error`/`warning` at column 0)
/// and files each under the module of the first `--> src/<module>.rs` it mentions (`None`: none).
fn diagnostics_by_module(output: &str) -> BTreeMap<Option<String>, Vec<String>> {
    let mut blocks: Vec<String> = Vec::new();
    for line in output.lines() {
        if line.starts_with("error") || line.starts_with("warning") || blocks.is_empty() {
            blocks.push(String::new());
        }
        if let Some(block) = blocks.last_mut() {
            block.push_str(line);
            block.push('\n');
        }
    }
    let mut by_module: BTreeMap<Option<String>, Vec<String>> = BTreeMap::new();
    for block in blocks {
        let module = block.lines().find_map(|l| {
            let rest = l.trim_start().strip_prefix("--> src/")?;
            let (module, _) = rest.split_once(".rs:")?;
            Some(module.to_owned())
        });
        by_module.entry(module).or_default().push(block);
    }
    by_module
}

#[test]
fn every_generated_corpus_client_compiles_without_warnings() {
    let Some(dir) = corpus_dir() else { return };
    let corpus = corpus_entries(&dir);
    assert!(!corpus.is_empty(), "no corpus schemas in {}", dir.display());
    let extra = extra_schemas();
    assert!(!extra.is_empty(), "no schemas in tests/compile");
    let entries: Vec<(String, &Path)> = corpus
        .iter()
        .map(|p| (file_name(p), p.as_path()))
        .chain(extra.iter().map(|p| (format!("compile/{}", file_name(p)), p.as_path())))
        .collect();

    let started = Instant::now();
    let mut project = ScratchProject::new("compile-corpus");
    // Module → corpus entry, for the clients put in the crate.
    let mut modules: BTreeMap<String, String> = BTreeMap::new();
    let mut refused: Vec<(String, Option<Provider>, String)> = Vec::new();
    let mut generated: Vec<(String, Option<Provider>)> = Vec::new();
    let mut failures: Vec<String> = Vec::new();
    for (entry, outcome) in generate_all(&entries) {
        match outcome {
            Outcome::Failed(why) => failures.push(format!("{entry}: {why}")),
            Outcome::Refused(provider, why) => refused.push((entry, provider, why)),
            Outcome::Generated(provider, source) => {
                let module = module_name(&entry);
                project.add_module(&module, &source);
                generated.push((entry.clone(), provider));
                if let Some(other) = modules.insert(module.clone(), entry.clone()) {
                    failures.push(format!("{entry} and {other} both become module `{module}`"));
                }
            }
        }
    }
    let generated_in = started.elapsed();

    // Refused: exactly the SQL Server schemas.
    for (entry, provider, why) in &refused {
        if !provider.is_some_and(expected_refusal) {
            failures.push(format!("{entry}: codegen refused it ({provider:?}): {why}"));
        }
    }
    for (entry, provider) in &generated {
        if provider.is_some_and(expected_refusal) {
            failures.push(format!(
                "{entry}: generated although its provider ({provider:?}) is expected to be refused"
            ));
        }
    }
    let refused_sqlserver = refused.iter().filter(|(_, p, _)| *p == Some(Provider::Sqlserver)).count();
    assert!(refused_sqlserver > 0, "the corpus has SQL Server schemas; none was refused");

    assert!(
        failures.is_empty(),
        "{} corpus schema(s) failed before compiling:\n{}",
        failures.len(),
        failures.join("\n")
    );

    let checked = Instant::now();
    let result = project.check_lib(LIB_ATTRIBUTES);
    println!(
        "{} clients generated in {:.1?}, `cargo clippy` in {:.1?}; {} refused ({} sqlserver)",
        modules.len(),
        generated_in,
        checked.elapsed(),
        refused.len(),
        refused_sqlserver
    );
    if let Err(output) = result {
        let by_module = diagnostics_by_module(&output);
        let mut report = String::new();
        let mut failing = Vec::new();
        for (module, blocks) in &by_module {
            let title = match module.as_ref().and_then(|m| modules.get(m)) {
                Some(entry) => {
                    failing.push(entry.clone());
                    format!("=== {entry} (module `{}`)", module.as_deref().unwrap_or_default())
                }
                None => "=== not attributed to a schema".to_owned(),
            };
            report.push_str(&format!("{title}: {} diagnostic(s)\n", blocks.len()));
            for b in blocks {
                report.push_str(b);
            }
        }
        panic!(
            "generated clients do not compile warning-free; {} schema(s): {}\n\n{report}",
            failing.len(),
            failing.join(", ")
        );
    }
}

/// What became of one schema before compiling.
enum Outcome {
    /// Unreadable or invalid (the message says which).
    Failed(String),
    /// Codegen refused it: provider, error.
    Refused(Option<Provider>, String),
    /// The client source.
    Generated(Option<Provider>, String),
}

/// Reads, validates and generates one entry.
fn generate_one(entry: &str, path: &Path) -> Outcome {
    let files = match read_corpus_entry(path) {
        Ok(files) => files,
        Err(e) => return Outcome::Failed(e),
    };
    let (schema, diagnostics) = orm_schema_parser::parse_and_validate(&files);
    if diagnostics.has_errors() {
        let pairs: Vec<(&str, &str)> = files.iter().map(|f| (f.path.as_str(), f.text.as_str())).collect();
        return Outcome::Failed(format!("does not validate:\n{}", diagnostics.render_plain(&pairs)));
    }
    let options = orm_codegen::GenerateOptions { schema_path: entry.to_owned() };
    match orm_codegen::generate(&schema, &options) {
        Ok(client) => Outcome::Generated(schema.provider(), client.source),
        Err(e) => Outcome::Refused(schema.provider(), e.to_string()),
    }
}

/// [`generate_one`] for every entry, on as many threads as there are cores; results in entry order.
fn generate_all(entries: &[(String, &Path)]) -> Vec<(String, Outcome)> {
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get()).min(entries.len().max(1));
    let chunk = entries.len().div_ceil(threads).max(1);
    std::thread::scope(|scope| {
        let handles: Vec<_> = entries
            .chunks(chunk)
            .map(|part| {
                scope.spawn(move || {
                    part.iter()
                        .map(|(entry, path)| (entry.clone(), generate_one(entry, path)))
                        .collect::<Vec<_>>()
                })
            })
            .collect();
        handles.into_iter().flat_map(|h| h.join().unwrap_or_else(|e| std::panic::resume_unwind(e))).collect()
    })
}

/// Whether codegen is expected to refuse schemas of `provider`.
fn expected_refusal(provider: Provider) -> bool {
    provider == Provider::Sqlserver
}
