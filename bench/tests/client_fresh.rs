//! The committed `bench/src/client.rs` equals a fresh generation from `bench/schema.prisma`.
//!
//! Set `ORM_BENCH_UPDATE_CLIENT=1` to rewrite the committed file instead of comparing.

use std::path::Path;

use orm_schema_parser::SourceFile;

#[test]
fn committed_bench_client_matches_fresh_generation() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let text = std::fs::read_to_string(root.join("schema.prisma")).expect("read bench/schema.prisma");
    let files = vec![SourceFile { path: "schema.prisma".to_owned(), text }];
    let (schema, diagnostics) = orm_schema_parser::parse_and_validate(&files);
    let rendered = diagnostics
        .render_plain(&files.iter().map(|f| (f.path.as_str(), f.text.as_str())).collect::<Vec<_>>());
    assert!(!diagnostics.has_errors(), "bench schema is invalid:\n{rendered}");
    // Relative to the output file's folder, as `orm generate` writes it.
    let options = orm_codegen::GenerateOptions { schema_path: "../schema.prisma".to_owned() };
    let fresh = orm_codegen::generate(&schema, &options).expect("generate bench client");
    let path = root.join("src/client.rs");
    if std::env::var_os("ORM_BENCH_UPDATE_CLIENT").is_some() {
        std::fs::write(&path, &fresh.source).expect("write bench/src/client.rs");
        return;
    }
    let committed = std::fs::read_to_string(&path).expect("read bench/src/client.rs");
    assert!(
        committed == fresh.source,
        "bench/src/client.rs is stale; run `ORM_BENCH_UPDATE_CLIENT=1 cargo test -p orm-bench --test client_fresh`"
    );
}
