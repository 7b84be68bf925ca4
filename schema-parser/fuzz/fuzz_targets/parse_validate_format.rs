//! Fuzz target `parse_validate_format`: bytes → UTF-8 text (invalid UTF-8 is skipped: the CLI refuses
//! it before parsing) → `parse_and_validate` → `format_schema`; when formatting succeeds, the
//! formatted text is validated too and must agree with the original on having errors.
//!
//! The one allowed disagreement: the formatter completes relations written on one side only, so an
//! original whose only errors are the ones that completion fixes (missing back-relation field,
//! missing `fields`/`references`) may format into a valid schema.
#![no_main]

use libfuzzer_sys::fuzz_target;
use orm_schema_parser::{Diagnostics, SourceFile, format_schema, parse_and_validate};

/// Error codes that relation completion in `format_schema` may legitimately make disappear.
const FIXED_BY_FORMAT: [&str; 3] = [
    "schema::missing_back_relation",
    "schema::missing_relation_fields",
    "schema::incomplete_relation_arguments",
];

/// Parses and validates `text` as one file and checks that every diagnostic span is inside the text.
fn validate(text: &str) -> Diagnostics {
    let files = [SourceFile { path: "schema.prisma".to_owned(), text: text.to_owned() }];
    let (_, diagnostics) = parse_and_validate(&files);
    for d in diagnostics.iter() {
        for span in std::iter::once(&d.span).chain(d.labels.iter().map(|(s, _)| s)) {
            let (start, end) = (span.start as usize, span.end as usize);
            assert!(
                start <= end
                    && end <= text.len()
                    && text.is_char_boundary(start)
                    && text.is_char_boundary(end),
                "span {span:?} of `{}` is not a char range of the text",
                d.code
            );
        }
    }
    let _ = diagnostics.render_plain(&[("schema.prisma", text)]);
    diagnostics
}

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let original = validate(text);
    let Ok(formatted) = format_schema(text) else { return };
    let after = validate(&formatted);
    let errors =
        |d: &Diagnostics| d.iter().filter(|d| d.severity == orm_schema_parser::Severity::Error).count();
    if !original.has_errors() {
        assert!(!after.has_errors(), "a valid schema formats into an invalid one:\n{formatted}\n{after:?}");
    } else {
        let only_fixable = original
            .iter()
            .filter(|d| d.severity == orm_schema_parser::Severity::Error)
            .all(|d| FIXED_BY_FORMAT.contains(&d.code));
        assert!(
            after.has_errors() || only_fixable,
            "formatting removed {} errors that formatting cannot fix:\n{original:?}\n--- formatted ---\n{formatted}",
            errors(&original)
        );
    }
});
