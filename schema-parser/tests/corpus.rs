//! Every real-world schema of the shared corpus must parse and validate without errors
//! (warnings allowed); truncated prefixes of every file must never panic.

mod common;

use common::corpus_schemas;
use orm_schema_parser::{Diagnostics, SourceFile, parse_and_validate};

fn render(files: &[SourceFile], diagnostics: &Diagnostics) -> String {
    let pairs: Vec<(&str, &str)> = files.iter().map(|f| (f.path.as_str(), f.text.as_str())).collect();
    diagnostics.render_plain(&pairs)
}

/// Every relation field must point at a relation that names it on one of its sides.
fn check_relation_links(name: &str, schema: &orm_schema_parser::Schema) {
    for (model_id, model) in schema.models_with_ids() {
        for (i, field) in model.relation_fields.iter().enumerate() {
            let relation = schema.relation(field.relation);
            let me = orm_schema_parser::RelationSide {
                model: model_id,
                field: Some(orm_schema_parser::RelationFieldId(i as u32)),
            };
            assert!(
                relation.referencing == me || relation.referenced == me,
                "{name}: {}.{} is not a side of relation {}",
                model.name,
                field.name,
                relation.name
            );
        }
    }
}

#[test]
fn corpus_schemas_validate_without_errors() {
    if common::corpus_dir().is_none() {
        return;
    }
    let schemas = corpus_schemas();
    assert!(schemas.len() >= 57, "expected the whole corpus, found {} schemas", schemas.len());
    let mut failures = Vec::new();
    println!("{:<70} {:>6} {:>6} {:>6} {:>6} {:>6}", "schema", "files", "models", "enums", "errors", "warns");
    for (name, files) in &schemas {
        let (schema, diagnostics) = parse_and_validate(files);
        let n_errors =
            diagnostics.iter().filter(|d| d.severity == orm_schema_parser::Severity::Error).count();
        let n_warnings = diagnostics.len() - n_errors;
        println!(
            "{:<70} {:>6} {:>6} {:>6} {:>6} {:>6}",
            name,
            files.len(),
            schema.models.len(),
            schema.enums.len(),
            n_errors,
            n_warnings
        );
        check_relation_links(name, &schema);
        if n_errors > 0 || schema.models.is_empty() {
            failures.push(format!("{name}:\n{}", render(files, &diagnostics)));
        }
    }
    assert!(failures.is_empty(), "{} corpus schemas failed:\n{}", failures.len(), failures.join("\n"));
}

/// Parses and validates every prefix of `text` ending at a multiple of 97 bytes (moved back to a
/// char boundary); returns how many prefixes were checked. Panics propagate and fail the test.
fn check_prefixes(path: &str, text: &str) -> usize {
    let mut n_prefixes = 0;
    let mut offset = 0;
    while offset < text.len() {
        let mut end = offset;
        while !text.is_char_boundary(end) {
            end -= 1;
        }
        let truncated = SourceFile { path: path.to_owned(), text: text[..end].to_owned() };
        let (_, diagnostics) = parse_and_validate(std::slice::from_ref(&truncated));
        // Rendering walks every span, so it checks spans stay inside the text.
        let _ = render(std::slice::from_ref(&truncated), &diagnostics);
        n_prefixes += 1;
        offset += 97;
    }
    n_prefixes
}

/// Parsing and validating any prefix of a real file must not panic (every 97th byte offset).
/// Files are spread over the available cores because the work grows with the square of a file's size.
#[test]
fn truncated_corpus_prefixes_do_not_panic() {
    if common::corpus_dir().is_none() {
        return;
    }
    let mut files: Vec<SourceFile> = corpus_schemas().into_iter().flat_map(|(_, files)| files).collect();
    // Largest first, so the threads finish at about the same time.
    files.sort_by_key(|f| std::cmp::Reverse(f.text.len()));
    let n_threads = std::thread::available_parallelism().map_or(2, |n| n.get()).max(1);
    let next = std::sync::atomic::AtomicUsize::new(0);
    let n_prefixes: usize = std::thread::scope(|scope| {
        let handles: Vec<_> = (0..n_threads)
            .map(|_| {
                scope.spawn(|| {
                    let mut n = 0;
                    loop {
                        let i = next.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                        let Some(file) = files.get(i) else { break n };
                        n += check_prefixes(&file.path, &file.text);
                    }
                })
            })
            .collect();
        handles.into_iter().map(|h| h.join().expect("no panic while parsing a truncated file")).sum()
    });
    assert!(n_prefixes > 1000, "only {n_prefixes} prefixes were checked");
}

/// Real files with characters that open or close things (`{`, `"`, `(`, …) sprinkled in must not
/// panic either: every 53rd character (on a char boundary) is replaced, once per replacement.
#[test]
fn mutated_corpus_files_do_not_panic() {
    if common::corpus_dir().is_none() {
        return;
    }
    let mut n_files = 0;
    for (_, files) in corpus_schemas() {
        for file in &files {
            for replacement in ["{", "}", "\"", "(", ")", "[", "@", "@@", "\n", "///", "\\", "é"] {
                let mut text = String::with_capacity(file.text.len());
                for (i, c) in file.text.chars().enumerate() {
                    if i % 53 == 52 {
                        text.push_str(replacement);
                    } else {
                        text.push(c);
                    }
                }
                let mutated = SourceFile { path: file.path.clone(), text };
                let (_, diagnostics) = parse_and_validate(std::slice::from_ref(&mutated));
                let _ = render(std::slice::from_ref(&mutated), &diagnostics);
                n_files += 1;
            }
        }
    }
    assert!(n_files > 500, "only {n_files} mutated files were checked");
}
