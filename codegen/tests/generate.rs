//! Data-driven generation cases: every `tests/generate/<case>/schema.prisma` is generated and
//! compared with the insta snapshot `tests/generate/<case>/client.snap` beside it.
//! Add a case by adding a folder; run `INSTA_UPDATE=always cargo test -p orm-codegen --test generate`
//! (or `cargo insta review`) to write its snapshot.

#[path = "common_load.rs"]
mod common_load;

use std::path::Path;

use orm_codegen::{GenerateOptions, generate};

#[test]
fn generate_cases() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/generate");
    let mut cases: Vec<_> = std::fs::read_dir(&root)
        .expect("tests/generate exists")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.join("schema.prisma").exists())
        .collect();
    cases.sort();
    assert!(!cases.is_empty(), "no cases under {}", root.display());
    for case in cases {
        let name = case.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
        let schema = common_load::load_schema(&case.join("schema.prisma")).unwrap_or_else(|e| panic!("{e}"));
        let options = GenerateOptions { schema_path: format!("{name}/schema.prisma") };
        let client = generate(&schema, &options).unwrap_or_else(|e| panic!("case `{name}`: {e}"));
        let again = generate(&schema, &options).unwrap_or_else(|e| panic!("case `{name}`: {e}"));
        assert_eq!(client.source, again.source, "case `{name}`: output is not deterministic");
        let mut settings = insta::Settings::clone_current();
        settings.set_snapshot_path(&case);
        settings.set_prepend_module_to_snapshot(false);
        settings.set_input_file(case.join("schema.prisma"));
        settings.set_description(client.notes.join("\n"));
        settings.bind(|| insta::assert_snapshot!("client", client.source));
    }
}
