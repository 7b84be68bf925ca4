//! One case per `tests/validation/**/*.prisma`: the file is parsed and validated on its own, and
//! the rendered diagnostics (`Diagnostics::render_plain`) are compared with the insta snapshot
//! `<case>.snap` beside it. An empty snapshot means the schema is valid.
//! Add a case by dropping a `.prisma` file in a folder and running
//! `INSTA_UPDATE=always cargo test -p orm-schema-parser --test validation`, then review the `.snap`.

use orm_schema_parser::{SourceFile, parse_and_validate};

#[test]
fn validation_cases() {
    insta::glob!("validation/**/*.prisma", |path| {
        let text = std::fs::read_to_string(path).expect("case file is readable UTF-8");
        let file = SourceFile { path: "schema.prisma".to_owned(), text };
        let (_schema, diagnostics) = parse_and_validate(std::slice::from_ref(&file));
        let rendered = diagnostics.render_plain(&[(file.path.as_str(), file.text.as_str())]);
        let stem = path.file_stem().and_then(|s| s.to_str()).expect("case file name is UTF-8").to_owned();
        let mut settings = insta::Settings::clone_current();
        settings.set_snapshot_path(path.parent().expect("case file has a folder"));
        settings.remove_snapshot_suffix();
        settings.set_prepend_module_to_snapshot(false);
        settings.set_omit_expression(true);
        settings.bind(|| insta::assert_snapshot!(stem, rendered));
    });
}
