//! The committed client of `examples/blog` equals a fresh generation from its schema (never stale).

use orm_tests::{parse, workspace_root};

#[test]
fn committed_blog_client_matches_fresh_generation() {
    let blog = workspace_root().join("examples/blog");
    let schema_path = blog.join("prisma/schema.prisma");
    let text = std::fs::read_to_string(&schema_path).expect("read blog schema");
    let (schema, diagnostics, files) = parse("prisma/schema.prisma", &text);
    let rendered = diagnostics
        .render_plain(&files.iter().map(|f| (f.path.as_str(), f.text.as_str())).collect::<Vec<_>>());
    assert!(!diagnostics.has_errors(), "blog schema is invalid:\n{rendered}");
    // `orm generate` writes the schema path relative to the output file's folder into the header.
    let options = orm_codegen::GenerateOptions { schema_path: "../prisma/schema.prisma".to_owned() };
    let fresh = orm_codegen::generate(&schema, &options).expect("generate blog client");
    let committed = std::fs::read_to_string(blog.join("src/client.rs")).expect("read committed client.rs");
    if committed != fresh.source {
        let line = committed
            .lines()
            .zip(fresh.source.lines())
            .position(|(a, b)| a != b)
            .map_or_else(|| committed.lines().count().min(fresh.source.lines().count()) + 1, |i| i + 1);
        panic!(
            "examples/blog/src/client.rs is stale (first difference at line {line}); run \
             `cargo run -p orm-cli -- generate --schema examples/blog/prisma/schema.prisma`"
        );
    }
}
