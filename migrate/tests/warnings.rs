//! Data-loss warnings: one case per `tests/diff/<case>` with a `before.prisma`; the warnings for
//! each dialect are snapshotted as `tests/warnings/<case>.snap` (empty when nothing is lost).

mod common;

use orm_migrate::{SqlDialect, calculate, destructive_changes, diff};

#[test]
fn warnings() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/diff");
    let mut dirs: Vec<_> = std::fs::read_dir(&root).unwrap().map(|e| e.unwrap().path()).collect();
    dirs.sort();
    for dir in dirs {
        let Ok(before) = std::fs::read_to_string(dir.join("before.prisma")) else { continue };
        let after_text = std::fs::read_to_string(dir.join("after.prisma")).unwrap();
        let before = common::parse("before.prisma", &before).unwrap();
        let after = common::parse("after.prisma", &after_text).unwrap();
        let mut out = String::new();
        for dialect in [SqlDialect::Sqlite, SqlDialect::Postgres, SqlDialect::Mysql] {
            if let Some(list) = after_text.lines().next().and_then(|l| l.strip_prefix("// dialects:"))
                && !list.split(',').any(|d| d.trim() == common::dialect_name(dialect))
            {
                continue;
            }
            let (p, n) = (calculate(&before, dialect), calculate(&after, dialect));
            let w = destructive_changes(&diff(&p, &n), &p, &n);
            out.push_str(&format!("## {}\n{}\n", common::dialect_name(dialect), w.join("\n")));
        }
        let name = dir.file_name().unwrap().to_string_lossy().into_owned();
        let mut settings = insta::Settings::clone_current();
        settings.set_snapshot_path(root.parent().unwrap().join("warnings"));
        settings.set_prepend_module_to_snapshot(false);
        settings.bind(|| insta::assert_snapshot!(name, out));
    }
}
