//! One case per `tests/diff/<case>/after.prisma` (with an optional `before.prisma`): the migration
//! script from `before` to `after` for each dialect is snapshotted beside the case as
//! `<dialect>.snap`. A first line `// dialects: postgresql, sqlite` limits the dialects.
//! Bless with `cargo insta review` (or `INSTA_UPDATE=always`).

mod common;

use orm_migrate::{DatabaseSchema, SqlDialect, calculate, diff, render_script};

const ALL: [SqlDialect; 3] = [SqlDialect::Sqlite, SqlDialect::Postgres, SqlDialect::Mysql];

fn dialects_of(text: &str) -> Vec<SqlDialect> {
    let Some(list) = text.lines().next().and_then(|l| l.strip_prefix("// dialects:")) else {
        return ALL.to_vec();
    };
    list.split(',')
        .filter_map(|d| match d.trim() {
            "sqlite" => Some(SqlDialect::Sqlite),
            "postgresql" => Some(SqlDialect::Postgres),
            "mysql" => Some(SqlDialect::Mysql),
            _ => None,
        })
        .collect()
}

#[test]
fn diff_cases() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/diff");
    let mut dirs: Vec<_> = std::fs::read_dir(&root).unwrap().map(|e| e.unwrap().path()).collect();
    dirs.sort();
    for dir in &dirs {
        let path = &dir.join("after.prisma");
        let after_text = std::fs::read_to_string(path).unwrap();
        let before_text = std::fs::read_to_string(dir.join("before.prisma")).unwrap_or_default();
        let after =
            common::parse("after.prisma", &after_text).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        let before = if before_text.trim().is_empty() {
            None
        } else {
            Some(
                common::parse("before.prisma", &before_text)
                    .unwrap_or_else(|e| panic!("{}: {e}", dir.display())),
            )
        };
        for dialect in dialects_of(&after_text) {
            let previous = before
                .as_ref()
                .map(|b| calculate(b, dialect))
                .unwrap_or_else(|| DatabaseSchema::empty(dialect));
            let next = calculate(&after, dialect);
            let steps = diff(&previous, &next);
            let script = render_script(&steps, &previous, &next, dialect);
            let mut settings = insta::Settings::clone_current();
            settings.set_snapshot_path(dir);
            settings.set_prepend_module_to_snapshot(false);
            settings.set_input_file(path);
            settings.bind(|| insta::assert_snapshot!(common::dialect_name(dialect), script));
        }
    }
}
