//! One case per `tests/validation/**/*.prisma`: the file is parsed and validated, and the rendered
//! diagnostics (`Diagnostics::render_plain`) are compared with the insta snapshot `<case>.snap`
//! beside it. An empty snapshot means the schema is valid.
//!
//! A case may hold a multi-file schema: lines `// ---- file: <name>` start each file (text before
//! the first such line is dropped). Otherwise the case is one file named `schema.prisma`.
//!
//! Add a case by dropping a `.prisma` file in a folder and running
//! `INSTA_UPDATE=always cargo test -p orm-schema-parser --test validation`, then review the `.snap`.

use orm_schema_parser::{SourceFile, parse_and_validate};

const FILE_MARKER: &str = "// ---- file: ";

/// Splits a case into its files (see the module docs).
fn split_files(text: &str) -> Vec<SourceFile> {
    if !text.lines().any(|l| l.starts_with(FILE_MARKER)) {
        return vec![SourceFile { path: "schema.prisma".to_owned(), text: text.to_owned() }];
    }
    let mut files: Vec<SourceFile> = Vec::new();
    for line in text.split_inclusive('\n') {
        if let Some(name) = line.strip_prefix(FILE_MARKER) {
            files.push(SourceFile { path: name.trim().to_owned(), text: String::new() });
        } else if let Some(file) = files.last_mut() {
            file.text.push_str(line);
        }
    }
    files
}

#[test]
fn validation_cases() {
    insta::glob!("validation/**/*.prisma", |path| {
        let text = std::fs::read_to_string(path).expect("case file is readable UTF-8");
        let files = split_files(&text);
        let (_schema, diagnostics) = parse_and_validate(&files);
        let pairs: Vec<(&str, &str)> = files.iter().map(|f| (f.path.as_str(), f.text.as_str())).collect();
        let rendered = diagnostics.render_plain(&pairs);
        let stem = path.file_stem().and_then(|s| s.to_str()).expect("case file name is UTF-8").to_owned();
        let mut settings = insta::Settings::clone_current();
        settings.set_snapshot_path(path.parent().expect("case file has a folder"));
        settings.remove_snapshot_suffix();
        settings.set_prepend_module_to_snapshot(false);
        settings.set_omit_expression(true);
        settings.bind(|| insta::assert_snapshot!(stem, rendered));
    });
}
