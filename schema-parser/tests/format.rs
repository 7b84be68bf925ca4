//! Tests of the PSL formatter (`format_schema`).
//!
//! * One case per `tests/format/*.prisma`: the formatted text is compared with the insta snapshot
//!   `<case>.snap` beside it, and the case must format idempotently and, when it validates without
//!   errors, meaning-preservingly. Cases named `relations_*` test relation completion: their output
//!   must validate without errors. Add a case by dropping a `.prisma` file there and running
//!   `INSTA_UPDATE=always cargo test -p orm-schema-parser --test format`, then review the `.snap`.
//! * One multi-file case per folder `tests/format/<case>/` (its `.prisma` files formatted together
//!   with `format_schema_files`), snapshot `tests/format/<case>.snap`.
//! * Every file of the shared corpus formats idempotently and meaning-preservingly; the test prints
//!   how many files are already in canonical form and which are not. A corpus file with its layout
//!   destroyed (indentation, spacing, line breaks) formats to the same text as the file itself.
//! * Random schemas made of real lines, comments and odd spacing format idempotently and, when they
//!   validate, meaning-preservingly.

mod common;

use std::path::{Path, PathBuf};

use common::{corpus_schemas, prisma_files};
use orm_schema_parser::format::format_schema_files;
use orm_schema_parser::{FormatError, Schema, SourceFile, format_schema, parse_and_validate};

/// Parses and validates `files`; `None` when there are validation errors.
fn validated(files: &[SourceFile]) -> Option<Schema> {
    let (schema, diagnostics) = parse_and_validate(files);
    (!diagnostics.has_errors()).then_some(schema)
}

/// `text` with every `Span { … }` replaced by `Span`.
fn strip_spans(text: &str) -> String {
    let mut res = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(i) = rest.find("Span { ") {
        res.push_str(&rest[..i]);
        res.push_str("Span");
        let after = &rest[i..];
        match after.find(" }") {
            Some(j) => rest = &after[j + 2..],
            None => {
                rest = after;
                break;
            }
        }
    }
    res.push_str(rest);
    res
}

/// A comparable picture of a schema: its `Debug` text without spans. Indexes are sorted because the
/// formatter moves `@@index` before `@@fulltext` (both land in `Model::indexes`), as Prisma does.
fn meaning(schema: &Schema) -> String {
    let mut schema = schema.clone();
    for model in &mut schema.models {
        model.indexes.sort_by_cached_key(|i| strip_spans(&format!("{i:?}")));
    }
    strip_spans(&format!("{schema:?}"))
}

/// Asserts that formatting `files` one by one is idempotent and keeps the meaning; returns the
/// formatted texts.
#[track_caller]
fn check_format(name: &str, files: &[SourceFile]) -> Vec<String> {
    let texts: Vec<&str> = files.iter().map(|f| f.text.as_str()).collect();
    let all = format_schema_files(&texts).unwrap_or_else(|err| panic!("{name}: {err}: {err:?}"));
    let mut formatted = Vec::new();
    for (file, once) in files.iter().zip(all) {
        if files.len() == 1 {
            assert_eq!(format_schema(&file.text).ok().as_deref(), Some(once.as_str()), "{name}");
        }
        assert!(
            once == "\n" || (once.ends_with('\n') && !once.ends_with("\n\n")),
            "{name}: {}: the output must end with exactly one line break",
            file.path
        );
        let twice =
            format_schema(&once).unwrap_or_else(|err| panic!("{name}: {}: formatted text: {err}", file.path));
        assert_eq!(once, twice, "{name}: {}: formatting is not idempotent", file.path);
        formatted.push(once);
    }
    if let Some(before) = validated(files) {
        let after_files: Vec<SourceFile> = files
            .iter()
            .zip(&formatted)
            .map(|(f, text)| SourceFile { path: f.path.clone(), text: text.clone() })
            .collect();
        let (after, diagnostics) = parse_and_validate(&after_files);
        assert!(!diagnostics.has_errors(), "{name}: the formatted schema does not validate: {diagnostics:?}");
        assert_eq!(meaning(&before), meaning(&after), "{name}: formatting changed the meaning");
    }
    formatted
}

/// Asserts that the formatted texts of `files` validate without errors.
#[track_caller]
fn assert_validates(name: &str, files: &[SourceFile], formatted: &[String]) {
    let out: Vec<SourceFile> = files
        .iter()
        .zip(formatted)
        .map(|(f, text)| SourceFile { path: f.path.clone(), text: text.clone() })
        .collect();
    let (_, diagnostics) = parse_and_validate(&out);
    let sources: Vec<(&str, &str)> = out.iter().map(|f| (f.path.as_str(), f.text.as_str())).collect();
    let rendered = diagnostics.render_plain(&sources);
    assert!(!diagnostics.has_errors(), "{name}: the completed relations do not validate:\n{rendered}");
}

#[test]
fn format_cases() {
    insta::glob!("format/*.prisma", |path| {
        let text = std::fs::read_to_string(path).expect("case file is readable UTF-8");
        let stem = path.file_stem().and_then(|s| s.to_str()).expect("case file name is UTF-8").to_owned();
        let file = SourceFile { path: "schema.prisma".to_owned(), text };
        let formatted = check_format(&stem, std::slice::from_ref(&file)).remove(0);
        if stem.starts_with("relations_") {
            assert_validates(&stem, std::slice::from_ref(&file), std::slice::from_ref(&formatted));
        }
        let mut settings = insta::Settings::clone_current();
        settings.set_snapshot_path(path.parent().expect("case file has a folder"));
        settings.remove_snapshot_suffix();
        settings.set_prepend_module_to_snapshot(false);
        settings.set_omit_expression(true);
        settings.bind(|| insta::assert_snapshot!(stem, formatted));
    });
}

#[test]
fn format_folder_cases() {
    let dir = Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/format"));
    let mut folders: Vec<PathBuf> =
        std::fs::read_dir(dir).expect("case folder exists").map(|e| e.expect("entry").path()).collect();
    folders.retain(|p| p.is_dir());
    folders.sort();
    assert!(!folders.is_empty(), "no multi-file case in {}", dir.display());
    for folder in folders {
        let name = folder.file_name().expect("folder name").to_string_lossy().into_owned();
        let files: Vec<SourceFile> = prisma_files(&folder)
            .iter()
            .map(|f| SourceFile {
                path: f.strip_prefix(&folder).unwrap_or(f).to_string_lossy().into_owned(),
                text: std::fs::read_to_string(f).expect("case file is readable UTF-8"),
            })
            .collect();
        let formatted = check_format(&name, &files);
        if name.starts_with("relations_") {
            assert_validates(&name, &files, &formatted);
        }
        let mut rendered = String::new();
        for (file, text) in files.iter().zip(&formatted) {
            rendered.push_str(&format!("// ===== {} =====\n{text}", file.path));
        }
        let mut settings = insta::Settings::clone_current();
        settings.set_snapshot_path(dir);
        settings.remove_snapshot_suffix();
        settings.set_prepend_module_to_snapshot(false);
        settings.set_omit_expression(true);
        settings.bind(|| insta::assert_snapshot!(name, rendered));
    }
}

#[test]
fn syntax_errors_are_refused() {
    for text in
        ["model User {\n  id Int @id\n", "modle User {\n  id Int @id\n}\n", "model A {\n  id Int!\n}\n"]
    {
        match format_schema(text) {
            Err(FormatError::Syntax(diagnostics)) => assert!(!diagnostics.is_empty(), "{text:?}"),
            Err(other) => panic!("{text:?} was refused for another reason: {other}"),
            Ok(out) => panic!("{text:?} was formatted as {out:?}"),
        }
    }
}

#[test]
fn truncated_corpus_prefixes_never_panic_and_stay_idempotent() {
    for (_, files) in corpus_schemas() {
        for file in &files {
            let text = &file.text;
            // 8 cuts per file keep the test quick on the largest schemas (debug builds).
            for i in 0..8 {
                let mut cut = text.len() * i / 8;
                while !text.is_char_boundary(cut) {
                    cut -= 1;
                }
                if let Ok(out) = format_schema(&text[..cut]) {
                    let again = format_schema(&out).ok();
                    assert_eq!(again.as_deref(), Some(out.as_str()), "{}[..{cut}]", file.path);
                }
            }
        }
    }
}

#[test]
fn corpus_formats_idempotently_and_meaning_preservingly() {
    if common::corpus_dir().is_none() {
        return;
    }
    let dump_dir = std::env::var_os("ORM_FORMAT_DUMP_DIR").map(PathBuf::from);
    let mut n_files = 0;
    let mut canonical = Vec::new();
    let mut differing = Vec::new();
    for (name, files) in corpus_schemas() {
        let formatted = check_format(&name, &files);
        for (file, out) in files.iter().zip(formatted) {
            n_files += 1;
            if out == file.text {
                canonical.push(file.path.clone());
            } else {
                differing.push(file.path.clone());
            }
            if let Some(dir) = &dump_dir {
                let target = dir.join(file.path.replace('/', "__"));
                std::fs::write(&target, &out).expect("dump folder is writable");
            }
        }
    }
    println!("{} of {n_files} corpus files are already in canonical form.", canonical.len());
    println!("Files that formatting changes:");
    for path in &differing {
        println!("  {path}");
    }
    assert!(n_files >= 70, "the corpus has {n_files} files; expected at least 70");
    assert_eq!(canonical.len() + differing.len(), n_files);
}

/// A small deterministic pseudo-random generator (xorshift64), so generated cases are reproducible
/// without a dependency.
struct Rng(u64);

impl Rng {
    fn below(&mut self, n: usize) -> usize {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        (self.0 % n as u64) as usize
    }
    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[self.below(items.len())]
    }
}

/// A random schema built from real PSL lines, comments, blank lines and odd spacing.
fn random_schema(rng: &mut Rng) -> String {
    const MODEL_LINES: &[&str] = &[
        "id Int @id",
        "id   String   @default(uuid())   @id",
        "name String?",
        "email String @unique // trailing",
        "tags String[]",
        "createdAt DateTime @map(\"created_at\") @default(now())",
        "b B @relation(fields: [bId], references: [id])",
        "bId Int",
        "as A[]",
        "a A? @relation(fields: [aId], references: [id], onDelete: Cascade)",
        "aId Int? @unique",
        "c C",
        "others A[] @relation(\"named\")",
        "@@map(\"things\")",
        "@@index([name]) // index",
        "@@unique([email, name], map: \"u\")",
        "@@ignore",
        "/// doc",
        "// comment",
        "//",
        "",
    ];
    const ENUM_LINES: &[&str] =
        &["A", "B @map(\"b\")", "C // c", "@@map(\"e\")", "/// doc", "// comment", ""];
    const CONFIG_LINES: &[&str] =
        &["provider = \"sqlite\"", "url = \"file:dev.db\"", "previewFeatures = [\"views\"]", "// c", ""];
    const HEADERS: &[&str] = &[
        "model A {",
        "model B {",
        "model C {",
        "view V {",
        "type T {",
        "enum E {",
        "datasource db {",
        "generator client {",
        "// top comment",
        "/// top doc",
        "",
    ];
    const INDENTS: &[&str] = &["", " ", "  ", "    ", "\t"];
    const BREAKS: &[&str] = &["\n", "\n", "\n", "\r\n"];
    let mut text = String::new();
    for _ in 0..rng.below(6) {
        let header = rng.pick(HEADERS);
        text.push_str(header);
        text.push_str(rng.pick(BREAKS));
        if !header.ends_with('{') {
            continue;
        }
        let lines = if header.starts_with("enum") {
            ENUM_LINES
        } else if header.starts_with("datasource") || header.starts_with("generator") {
            CONFIG_LINES
        } else {
            MODEL_LINES
        };
        for _ in 0..rng.below(8) {
            text.push_str(rng.pick(INDENTS));
            let line = rng.pick(lines);
            // Random runs of spaces between tokens (outside strings, which have no spaces here).
            for (i, word) in line.split(' ').enumerate() {
                if i > 0 {
                    text.push_str(rng.pick(&[" ", "  ", "\t"]));
                }
                text.push_str(word);
            }
            text.push_str(rng.pick(BREAKS));
        }
        text.push('}');
        text.push_str(rng.pick(&["", " // after", ""]));
        text.push_str(rng.pick(BREAKS));
    }
    text
}

#[test]
fn random_schemas_format_idempotently() {
    let mut rng = Rng(0x9e37_79b9_7f4a_7c15);
    let mut n_formatted = 0;
    let mut n_valid = 0;
    for case in 0..400 {
        let text = random_schema(&mut rng);
        let Ok(once) = format_schema(&text) else { continue };
        n_formatted += 1;
        let twice = format_schema(&once).unwrap_or_else(|err| panic!("case {case}: {err}\n{text}"));
        assert_eq!(once, twice, "case {case}: not idempotent; input:\n{text}");
        let file = SourceFile { path: "schema.prisma".to_owned(), text: text.clone() };
        if let Some(before) = validated(std::slice::from_ref(&file)) {
            n_valid += 1;
            let out = SourceFile { path: "schema.prisma".to_owned(), text: once.clone() };
            let after = validated(std::slice::from_ref(&out))
                .unwrap_or_else(|| panic!("case {case}: the output does not validate:\n{once}"));
            assert_eq!(meaning(&before), meaning(&after), "case {case}: meaning changed; input:\n{text}");
        }
    }
    println!("{n_formatted} of 400 random schemas parsed, {n_valid} validated.");
    assert!(n_formatted > 100, "only {n_formatted} of 400 random schemas parsed; the generator is broken");
}

/// `text` with its layout destroyed but its meaning kept: every line re-indented with a tab, runs of
/// spaces between tokens (outside strings and comments) replaced by three spaces, a space after each
/// `(` and `,`, and `\r\n` line breaks.
fn mess_up(text: &str) -> String {
    let mut res = String::with_capacity(text.len() * 2);
    for line in text.lines() {
        let line = line.trim_start();
        if !line.is_empty() {
            res.push('\t');
        }
        let mut in_string = false;
        let mut chars = line.char_indices().peekable();
        while let Some((i, c)) = chars.next() {
            if in_string {
                res.push(c);
                match c {
                    '\\' => res.extend(chars.next().map(|(_, next)| next)),
                    '"' => in_string = false,
                    _ => {}
                }
                continue;
            }
            match c {
                '/' if line[i..].starts_with("//") => {
                    res.push_str(&line[i..]);
                    break;
                }
                '"' => {
                    in_string = true;
                    res.push(c);
                }
                ' ' | '\t' => {
                    while chars.peek().is_some_and(|&(_, next)| next == ' ' || next == '\t') {
                        chars.next();
                    }
                    res.push_str("   ");
                }
                '(' | ',' => {
                    res.push(c);
                    res.push(' ');
                }
                _ => res.push(c),
            }
        }
        res.push_str("\r\n");
    }
    res
}

#[test]
fn corpus_layout_does_not_matter() {
    for (name, files) in corpus_schemas() {
        for file in &files {
            let messy = mess_up(&file.text);
            let expected = format_schema(&file.text).unwrap_or_else(|err| panic!("{name}: {err}"));
            let formatted =
                format_schema(&messy).unwrap_or_else(|err| panic!("{name}: messed-up text: {err}"));
            assert_eq!(formatted, expected, "{name}: {}: formatting depends on the input layout", file.path);
        }
    }
}
