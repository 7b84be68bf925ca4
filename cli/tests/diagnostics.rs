//! Data-driven: every `tests/diagnostics/*.prisma` through `orm validate`, exit code and plain
//! diagnostics compared with an insta snapshot (see `tests/diagnostics/README.md`).

use std::path::Path;
use std::process::Command;

#[test]
fn validate_rendering_cases() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/diagnostics");
    let mut cases: Vec<_> = std::fs::read_dir(&dir)
        .expect("list cases")
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "prisma"))
        .collect();
    cases.sort();
    assert!(cases.len() >= 4, "cases found: {cases:?}");
    for case in cases {
        let name = case.file_stem().expect("stem").to_string_lossy().into_owned();
        let file_name = case.file_name().expect("name").to_string_lossy().into_owned();
        let output = Command::new(env!("CARGO_BIN_EXE_orm"))
            .args(["validate", "--schema", &file_name])
            .current_dir(&dir)
            .env("NO_COLOR", "1")
            .env_remove("DATABASE_URL")
            .output()
            .expect("run orm");
        let rendered = format!(
            "exit code: {}\n--- stderr ---\n{}",
            output.status.code().unwrap_or(-1),
            String::from_utf8_lossy(&output.stderr)
        );
        insta::assert_snapshot!(name, rendered);
    }
}
