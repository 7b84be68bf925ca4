//! Compile tests (trybuild): what a generated client must accept and reject.
//!
//! Before trybuild runs, this test generates `tests/ui/generated/client.rs` from
//! `tests/ui/schema.prisma`, `tests/ui/generated/mongo.rs` from the MongoDB case
//! `tests/generate/mongo_composites/schema.prisma` (composite types), plus clients for four corpus
//! schemas (inbox-zero, epic-stack, a MySQL one and a MongoDB one with composite types) that
//! `tests/ui/pass/corpus_clients.rs` compiles. Re-bless the `.stderr` files with
//! `TRYBUILD=overwrite cargo test -p orm-codegen --test ui`.

#[path = "common_load.rs"]
mod common_load;

use std::path::Path;

use orm_codegen::{GenerateOptions, generate};

/// Corpus schemas whose generated clients must compile, and the file each is written to.
const CORPUS_CLIENTS: &[(&str, &str)] = &[
    ("elie222__inbox-zero__apps-web.prisma", "inbox_zero.rs"),
    ("epicweb-dev__epic-stack__prisma.prisma", "epic_stack.rs"),
    ("umami-software__umami__db-mysql.prisma", "umami_mysql.rs"),
    ("prisma__prisma__client-composites-mongo.prisma", "composites_mongo.rs"),
];

/// Writes `text` to `path` unless it already holds exactly that (keeps trybuild's cache warm).
fn write_if_changed(path: &Path, text: &str) {
    if std::fs::read_to_string(path).is_ok_and(|old| old == text) {
        return;
    }
    std::fs::write(path, text).unwrap_or_else(|e| panic!("writing {}: {e}", path.display()));
}

fn generate_file(schema_path: &Path, label: &str, out: &Path) {
    let schema = common_load::load_schema(schema_path).unwrap_or_else(|e| panic!("{e}"));
    let client = generate(&schema, &GenerateOptions { schema_path: label.to_owned() })
        .unwrap_or_else(|e| panic!("{label}: {e}"));
    write_if_changed(out, &client.source);
}

#[test]
fn ui() {
    let ui = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/ui");
    let generated = ui.join("generated");
    std::fs::create_dir_all(&generated).expect("create tests/ui/generated");
    generate_file(&ui.join("schema.prisma"), "tests/ui/schema.prisma", &generated.join("client.rs"));
    let mongo = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/generate/mongo_composites/schema.prisma");
    generate_file(&mongo, "tests/generate/mongo_composites/schema.prisma", &generated.join("mongo.rs"));

    let corpus = common_load::corpus_dir();
    for (file, out) in CORPUS_CLIENTS {
        match &corpus {
            Some(corpus) => generate_file(&corpus.join(file), file, &generated.join(out)),
            None => {
                println!("no corpus: {file} is not compiled");
                write_if_changed(&generated.join(out), "// corpus not available\n");
            }
        }
    }

    let t = trybuild::TestCases::new();
    t.pass(ui.join("pass/*.rs"));
    t.compile_fail(ui.join("fail/*.rs"));
}
