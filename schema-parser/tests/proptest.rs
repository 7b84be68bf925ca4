//! Property tests of the parser's robustness contract (ARCHITECTURE.md: "parsing and validation never
//! fail and never panic"): arbitrary text, lossy-decoded bytes and mutated corpus files go through
//! `parse_and_validate`, `format_schema` and `Diagnostics::render_plain` without a panic and with
//! every diagnostic span inside the text on char boundaries; deeply nested and very large inputs are
//! handled; and on generated valid schemas `format_schema` is idempotent and keeps the meaning (the
//! validated `Schema` IR, spans aside, is unchanged).
//!
//! Case counts are bounded (`ProptestConfig::with_cases`) so the whole file runs in seconds.

mod common;

use std::path::Path;

use common::corpus_dir;
use orm_schema_parser::{
    Diagnostics, FileId, Schema, SourceFile, format_schema, parse_and_validate, parse_schema,
};
use proptest::prelude::*;
use proptest::test_runner::FileFailurePersistence;

/// Cases per property for the cheap properties (arbitrary text and bytes).
const CASES: u32 = 256;
/// Cases for PSL-like token soup (each case reaches the validator and the formatter).
const PSL_CASES: u32 = 64;
/// Cases for corpus mutations (each case parses, validates and formats a whole real schema).
const CORPUS_CASES: u32 = 32;
/// Cases for generated valid schemas.
const FORMAT_CASES: u32 = 128;

/// The proptest configuration used by every property: bounded cases, no regression files written
/// into the source tree.
fn config(cases: u32) -> ProptestConfig {
    ProptestConfig {
        cases,
        failure_persistence: Some(Box::new(FileFailurePersistence::Off)),
        ..ProptestConfig::default()
    }
}

/// Parses and validates `text` as a single file, checks that every span of every diagnostic lies in
/// the text on char boundaries and that plain rendering works, and returns the results.
fn check_parse(text: &str) -> (Schema, Diagnostics) {
    let files = [SourceFile { path: "schema.prisma".to_owned(), text: text.to_owned() }];
    let (schema, diagnostics) = parse_and_validate(&files);
    for d in diagnostics.iter() {
        for span in std::iter::once(&d.span).chain(d.labels.iter().map(|(s, _)| s)) {
            let (start, end) = (span.start as usize, span.end as usize);
            assert!(start <= end && end <= text.len(), "span {span:?} of `{}` outside the text", d.code);
            assert!(
                text.is_char_boundary(start) && text.is_char_boundary(end),
                "span {span:?} of `{}` not on char boundaries",
                d.code
            );
        }
    }
    let _ = diagnostics.render_plain(&[("schema.prisma", text)]);
    (schema, diagnostics)
}

/// Runs the whole text path: parse + validate, then format, then parse + validate the formatted text.
/// `format_schema` accepts only text without parse diagnostics, so its output must have none either.
fn check_all(text: &str) {
    check_parse(text);
    if let Ok(formatted) = format_schema(text) {
        check_parse(&formatted);
        let mut parse_diagnostics = Diagnostics::new();
        parse_schema(&formatted, FileId(0), &mut parse_diagnostics);
        assert!(
            parse_diagnostics.is_empty(),
            "formatted text does not parse: {parse_diagnostics:?}\n{formatted}"
        );
    }
}

/// PSL-flavoured text: keywords, punctuation and line breaks are far more likely than in `any::<String>()`.
fn psl_like() -> impl Strategy<Value = String> {
    let token = prop_oneof![
        Just("model ".to_owned()),
        Just("enum ".to_owned()),
        Just("datasource db ".to_owned()),
        Just("generator ".to_owned()),
        Just("type ".to_owned()),
        Just("view ".to_owned()),
        Just("{".to_owned()),
        Just("}".to_owned()),
        Just("(".to_owned()),
        Just(")".to_owned()),
        Just("[".to_owned()),
        Just("]".to_owned()),
        Just("\n".to_owned()),
        Just("\r\n".to_owned()),
        Just("\r".to_owned()),
        Just(" ".to_owned()),
        Just("@id".to_owned()),
        Just("@@id".to_owned()),
        Just("@unique".to_owned()),
        Just("@@index".to_owned()),
        Just("@default".to_owned()),
        Just("@relation".to_owned()),
        Just("@map".to_owned()),
        Just("@db.VarChar".to_owned()),
        Just("fields: ".to_owned()),
        Just("references: ".to_owned()),
        Just(",".to_owned()),
        Just(":".to_owned()),
        Just("=".to_owned()),
        Just("?".to_owned()),
        Just("[]".to_owned()),
        Just("//".to_owned()),
        Just("///".to_owned()),
        Just("\"".to_owned()),
        Just("\\".to_owned()),
        Just("provider = \"postgresql\"".to_owned()),
        Just("Int".to_owned()),
        Just("String".to_owned()),
        Just("DateTime".to_owned()),
        Just("Unsupported(\"x\")".to_owned()),
        Just("now()".to_owned()),
        Just("env(\"X\")".to_owned()),
        "[a-zA-Z_][a-zA-Z0-9_-]{0,6}",
        "-?[0-9]{1,4}(\\.[0-9]{1,3})?",
        "\\PC{1,3}",
    ];
    prop::collection::vec(token, 0..120).prop_map(|tokens| tokens.concat())
}

/// The text of every `.prisma` file under `dir`, recursively, sorted by path (empty if `dir` is missing).
fn corpus_texts(dir: &Path) -> Vec<String> {
    let mut paths = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        let Ok(entries) = std::fs::read_dir(&d) else { continue };
        for entry in entries.flatten() {
            let path = entry.path();
            if path.is_dir() {
                stack.push(path);
            } else if path.extension().is_some_and(|e| e == "prisma") {
                paths.push(path);
            }
        }
    }
    paths.sort();
    paths.iter().filter_map(|p| std::fs::read_to_string(p).ok()).collect()
}

/// The corpus texts, read once per test binary.
fn corpus() -> &'static [String] {
    static CORPUS: std::sync::OnceLock<Vec<String>> = std::sync::OnceLock::new();
    CORPUS.get_or_init(|| corpus_dir().map(|d| corpus_texts(&d)).unwrap_or_default())
}

/// One edit of a corpus file. Positions are fractions (0..=1000 ‰) of the text length, moved down to
/// the nearest char boundary when applied.
#[derive(Debug, Clone)]
enum Mutation {
    /// Remove `len` bytes at `at`.
    Delete { at: u16, len: u16 },
    /// Insert `text` at `at`.
    Insert { at: u16, text: String },
    /// Copy the range `from..from+len` to `at`.
    Duplicate { from: u16, len: u16, at: u16 },
}

/// The largest char boundary of `text` at or below `i`.
fn floor_boundary(text: &str, i: usize) -> usize {
    let mut i = i.min(text.len());
    while !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// Applies `m` to `text`, respecting char boundaries.
fn apply(text: &mut String, m: &Mutation) {
    let pos = |text: &str, permille: u16| floor_boundary(text, text.len() * permille as usize / 1000);
    match m {
        Mutation::Delete { at, len } => {
            let start = pos(text, *at);
            let end = floor_boundary(text, start + *len as usize);
            text.replace_range(start..end, "");
        }
        Mutation::Insert { at, text: new } => {
            let at = pos(text, *at);
            text.insert_str(at, new);
        }
        Mutation::Duplicate { from, len, at } => {
            let start = pos(text, *from);
            let end = floor_boundary(text, start + *len as usize);
            let copy = text[start..end].to_owned();
            let at = pos(text, *at);
            text.insert_str(at, &copy);
        }
    }
}

/// Mutations weighted towards small edits, with inserts of PSL punctuation.
fn mutation() -> impl Strategy<Value = Mutation> {
    prop_oneof![
        (0..=1000u16, 1..200u16).prop_map(|(at, len)| Mutation::Delete { at, len }),
        (0..=1000u16, prop_oneof![psl_like(), "\\PC{0,8}"])
            .prop_map(|(at, text)| Mutation::Insert { at, text }),
        (0..=1000u16, 1..400u16, 0..=1000u16).prop_map(|(from, len, at)| Mutation::Duplicate {
            from,
            len,
            at
        }),
    ]
}

proptest! {
    #![proptest_config(config(CASES))]

    /// Any Unicode string: no panic in parse, validate, format or rendering.
    #[test]
    fn arbitrary_strings_do_not_panic(text in any::<String>()) {
        check_all(&text);
    }

    /// Arbitrary bytes decoded with `String::from_utf8_lossy` (what a caller does with a file that is
    /// not UTF-8; the CLI refuses such files before parsing): U+FFFD and the rest parse fine.
    #[test]
    fn lossy_bytes_do_not_panic(bytes in prop::collection::vec(any::<u8>(), 0..2048)) {
        let text = String::from_utf8_lossy(&bytes);
        check_all(&text);
    }
}

proptest! {
    #![proptest_config(config(PSL_CASES))]

    /// PSL-like token soup: reaches much deeper into the grammar and the validator than random text.
    #[test]
    fn psl_like_text_does_not_panic(text in psl_like()) {
        check_all(&text);
    }
}

proptest! {
    #![proptest_config(config(CORPUS_CASES))]

    /// Every corpus file with 1–8 random deletions, insertions and duplications of byte ranges.
    #[test]
    fn mutated_corpus_files_do_not_panic(
        pick in any::<prop::sample::Index>(),
        mutations in prop::collection::vec(mutation(), 1..8),
    ) {
        let corpus = corpus();
        if corpus.is_empty() {
            eprintln!("proptest: no corpus (ORM_CORPUS_DIR), property skipped");
            return Ok(());
        }
        let mut text = corpus[pick.index(corpus.len())].clone();
        for m in &mutations {
            apply(&mut text, m);
        }
        check_all(&text);
    }
}

// ---------------------------------------------------------------------------------------------
// Generated valid schemas: format is idempotent and meaning-preserving.
// ---------------------------------------------------------------------------------------------

/// Scalar types with a valid `@default` for each.
const SCALARS: [(&str, &str); 8] = [
    ("String", "\"x\""),
    ("Int", "0"),
    ("BigInt", "1"),
    ("Float", "1.5"),
    ("Decimal", "2.5"),
    ("Boolean", "true"),
    ("DateTime", "now()"),
    ("Json", "\"{}\""),
];

/// One generated scalar field: type index into [`SCALARS`], optional, `@default`, `@unique`, `@map`.
#[derive(Debug, Clone)]
struct GenField {
    ty: usize,
    optional: bool,
    default: bool,
    unique: bool,
    map: bool,
}

/// One generated model: its scalar fields, whether it has an enum field, an `@@index` on its first
/// two fields, a `@@map`, and the model (by smaller index) it has a 1-n relation to.
#[derive(Debug, Clone)]
struct GenModel {
    fields: Vec<GenField>,
    enum_field: bool,
    index: bool,
    map: bool,
    parent: Option<prop::sample::Index>,
}

/// Layout noise the formatter must normalise: extra spaces, blank lines, comments, `\r\n`.
#[derive(Debug, Clone)]
struct Noise {
    pad: usize,
    blank_lines: bool,
    comments: bool,
    crlf: bool,
}

fn gen_field() -> impl Strategy<Value = GenField> {
    (0..SCALARS.len(), any::<bool>(), any::<bool>(), prop::bool::weighted(0.2), prop::bool::weighted(0.3))
        .prop_map(|(ty, optional, default, unique, map)| GenField { ty, optional, default, unique, map })
}

fn gen_model() -> impl Strategy<Value = GenModel> {
    (
        prop::collection::vec(gen_field(), 0..7),
        any::<bool>(),
        any::<bool>(),
        any::<bool>(),
        prop::option::of(any::<prop::sample::Index>()),
    )
        .prop_map(|(fields, enum_field, index, map, parent)| GenModel {
            fields,
            enum_field,
            index,
            map,
            parent,
        })
}

fn noise() -> impl Strategy<Value = Noise> {
    (0..4usize, any::<bool>(), any::<bool>(), any::<bool>())
        .prop_map(|(pad, blank_lines, comments, crlf)| Noise { pad, blank_lines, comments, crlf })
}

/// Writes the generated models as PSL for `provider` (`postgresql`, `mysql` or `sqlite`).
fn render_schema(models: &[GenModel], provider: &str, noise: &Noise) -> String {
    let sp = " ".repeat(noise.pad + 1);
    let mut s =
        format!("datasource db {{\n  provider{sp}= \"{provider}\"\n  url = env(\"DATABASE_URL\")\n}}\n");
    if noise.blank_lines {
        s.push_str("\n\n\n");
    }
    s.push_str("enum Color {\n  RED\n  GREEN @map(\"green\")\n  BLUE\n}\n");
    // Children of each model, for the back-relation fields.
    let parents: Vec<Option<usize>> =
        models.iter().enumerate().map(|(i, m)| m.parent.filter(|_| i > 0).map(|p| p.index(i))).collect();
    for (i, m) in models.iter().enumerate() {
        if noise.comments {
            s.push_str(&format!("// model number {i}\n/// Doc of M{i}.\n"));
        }
        s.push_str(&format!("model M{i}{sp}{{\n  id{sp}Int @id @default(autoincrement())\n"));
        for (k, f) in m.fields.iter().enumerate() {
            let (ty, default) = SCALARS[f.ty];
            let arity = if f.optional { "?" } else { "" };
            let mut line = format!("  f{k}{sp}{ty}{arity}");
            if f.unique && ty != "Json" {
                line.push_str(" @unique");
            }
            if f.default {
                line.push_str(&format!("{sp}@default({default})"));
            }
            if f.map {
                line.push_str(&format!(" @map(\"f_{k}\")"));
            }
            if noise.comments && k == 0 {
                line.push_str(" // first field");
            }
            s.push_str(&line);
            s.push('\n');
            if noise.blank_lines && k == 1 {
                s.push('\n');
            }
        }
        if m.enum_field {
            s.push_str("  color Color @default(RED)\n");
        }
        if let Some(p) = parents[i] {
            s.push_str(&format!(
                "  parentId Int?\n  parent M{p}? @relation(fields: [parentId], references: [id], onDelete: SetNull)\n"
            ));
        }
        for (c, _) in parents.iter().enumerate().filter(|(_, p)| **p == Some(i)) {
            s.push_str(&format!("  children{c} M{c}[]\n"));
        }
        let indexable: Vec<usize> = m
            .fields
            .iter()
            .enumerate()
            .filter(|(_, f)| SCALARS[f.ty].0 != "Json")
            .map(|(k, _)| k)
            .take(2)
            .collect();
        if m.index && !indexable.is_empty() {
            let cols: Vec<String> = indexable.iter().map(|k| format!("f{k}")).collect();
            s.push_str(&format!("  @@index([{}])\n", cols.join(", ")));
        }
        if m.map {
            s.push_str(&format!("  @@map(\"m_{i}\")\n"));
        }
        s.push_str("}\n");
        if noise.blank_lines {
            s.push('\n');
        }
    }
    if noise.crlf { s.replace('\n', "\r\n") } else { s }
}

/// The `Debug` text of `schema` with every `Span { … }` replaced by `Span`, so two schemas read from
/// differently laid-out text compare equal when they mean the same.
fn without_spans(schema: &Schema) -> String {
    let text = format!("{schema:?}");
    let mut out = String::with_capacity(text.len());
    let mut rest = text.as_str();
    while let Some(i) = rest.find("Span {") {
        out.push_str(&rest[..i]);
        out.push_str("Span");
        let after = &rest[i..];
        let close = after.find('}').map_or(after.len(), |j| j + 1);
        rest = &after[close..];
    }
    out.push_str(rest);
    out
}

/// Doc comments are part of the IR; comments are kept verbatim by the formatter, so they compare too.
fn check_format_properties(text: &str) -> Result<(), TestCaseError> {
    let (schema, diagnostics) = check_parse(text);
    prop_assert!(!diagnostics.has_errors(), "generated schema is invalid:\n{text}\n{diagnostics:?}");
    let once = format_schema(text).map_err(|e| TestCaseError::fail(format!("format failed: {e}\n{text}")))?;
    let twice =
        format_schema(&once).map_err(|e| TestCaseError::fail(format!("second format failed: {e}")))?;
    prop_assert_eq!(&once, &twice, "format is not idempotent for:\n{}", text);
    let (formatted_schema, formatted_diagnostics) = check_parse(&once);
    prop_assert!(
        !formatted_diagnostics.has_errors(),
        "formatted schema is invalid:\n{once}\n{formatted_diagnostics:?}"
    );
    prop_assert_eq!(
        without_spans(&schema),
        without_spans(&formatted_schema),
        "format changed the meaning of:\n{}",
        text
    );
    Ok(())
}

proptest! {
    #![proptest_config(config(FORMAT_CASES))]

    /// Valid generated schemas: `format(format(x)) == format(x)` and `format(x)` validates to the
    /// same IR as `x`.
    #[test]
    fn format_is_idempotent_and_keeps_meaning(
        models in prop::collection::vec(gen_model(), 1..6),
        provider in prop::sample::select(vec!["postgresql", "mysql", "sqlite"]),
        noise in noise(),
    ) {
        // SQLite has no Json or Decimal defaults problems, but no Json type on old versions: skip it there.
        let models: Vec<GenModel> = if provider == "sqlite" {
            models.into_iter().map(|mut m| { m.fields.retain(|f| SCALARS[f.ty].0 != "Json"); m }).collect()
        } else {
            models
        };
        check_format_properties(&render_schema(&models, provider, &noise))?;
    }
}

// ---------------------------------------------------------------------------------------------
// Deep nesting and large inputs (plain tests: one input each).
// ---------------------------------------------------------------------------------------------

/// Runs `f` on a thread with the default 2 MiB stack of a spawned Rust thread, so a deep recursion
/// shows up the same way whatever `RUST_MIN_STACK` the test runner was given.
fn on_default_stack(f: impl FnOnce() + Send + 'static) {
    std::thread::Builder::new()
        .stack_size(2 * 1024 * 1024)
        .spawn(f)
        .expect("spawn")
        .join()
        .expect("no panic");
}

/// `[[[[…]]]]` 10,000 deep inside an attribute argument.
#[test]
fn deeply_nested_arrays_in_an_attribute() {
    on_default_stack(|| {
        let depth = 10_000;
        let text =
            format!("model A {{\n  id Int @id\n  @@index({}{})\n}}\n", "[".repeat(depth), "]".repeat(depth));
        let (_, diagnostics) = check_parse(&text);
        assert!(diagnostics.has_errors(), "a 10,000-deep array is not a valid index argument");
        let _ = format_schema(&text);
    });
}

/// 100,000 nested parentheses in a field attribute.
#[test]
fn deeply_nested_parens_in_an_attribute() {
    on_default_stack(|| {
        let depth = 100_000;
        let text =
            format!("model A {{\n  id Int @id @default({}{})\n}}\n", "(".repeat(depth), ")".repeat(depth));
        let (_, diagnostics) = check_parse(&text);
        assert!(diagnostics.has_errors(), "nested parentheses are not a valid default");
        let _ = format_schema(&text);
    });
}

/// 100,000 nested function calls `f(f(f(…)))` in a default.
#[test]
fn deeply_nested_function_calls_in_a_default() {
    on_default_stack(|| {
        let depth = 100_000;
        let text =
            format!("model A {{\n  id Int @id @default({}{})\n}}\n", "f(".repeat(depth), ")".repeat(depth));
        let (_, diagnostics) = check_parse(&text);
        assert!(diagnostics.has_errors(), "nested calls are not a valid default");
        let _ = format_schema(&text);
    });
}

/// Size of the large-file test. 5 MB took 121 s in the unoptimised test profile (on a loaded
/// 2-core machine), so the test uses 1 MB; the pipeline bench (`codegen/benches/pipeline.rs`)
/// covers a 3.4 MB, 5,000-model schema in release mode.
const LARGE_FILE_BYTES: usize = 1_000_000;

/// A 1 MB file of valid models parses and validates without errors.
#[test]
fn megabyte_schema_of_models() {
    let mut text =
        String::from("datasource db {\n  provider = \"postgresql\"\n  url = env(\"DATABASE_URL\")\n}\n\n");
    let mut i = 0;
    while text.len() < LARGE_FILE_BYTES {
        text.push_str(&format!(
            "model M{i} {{\n  id Int @id @default(autoincrement())\n  name String @unique\n  createdAt DateTime @default(now()) @map(\"created_at\")\n  @@map(\"m_{i}\")\n}}\n\n"
        ));
        i += 1;
    }
    let (schema, diagnostics) = check_parse(&text);
    assert!(!diagnostics.has_errors(), "{diagnostics:?}");
    assert_eq!(schema.models.len(), i);
}
