//! Prints the diagnostics of a schema given as one or more files (a multi-file schema is several
//! paths): `cargo run -p orm-schema-parser --example dump -- schema.prisma`.
//! With `DUMP_AST=1` it also prints each file's AST, with `DUMP_SCHEMA=1` the validated `Schema`.

use std::process::ExitCode;

use orm_schema_parser::{Diagnostics, FileId, SourceFile, parse_and_validate, parse_schema};

fn main() -> ExitCode {
    let mut files = Vec::new();
    for path in std::env::args().skip(1) {
        match std::fs::read_to_string(&path) {
            Ok(text) => files.push(SourceFile { path, text }),
            Err(err) => {
                eprintln!("cannot read {path}: {err}");
                return ExitCode::FAILURE;
            }
        }
    }
    if std::env::var_os("DUMP_AST").is_some() {
        for (i, file) in files.iter().enumerate() {
            let mut diagnostics = Diagnostics::new();
            println!("{:#?}", parse_schema(&file.text, FileId(i as u32), &mut diagnostics));
        }
    }
    let (schema, diagnostics) = parse_and_validate(&files);
    let pairs: Vec<(&str, &str)> = files.iter().map(|f| (f.path.as_str(), f.text.as_str())).collect();
    print!("{}", diagnostics.render_plain(&pairs));
    if std::env::var_os("DUMP_SCHEMA").is_some() {
        println!("{schema:#?}");
    }
    if diagnostics.has_errors() { ExitCode::FAILURE } else { ExitCode::SUCCESS }
}
