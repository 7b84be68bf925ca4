//! Debug helper: parse files and print diagnostics.
fn main() {
    let files: Vec<orm_schema_parser::SourceFile> = std::env::args()
        .skip(1)
        .map(|p| orm_schema_parser::SourceFile { text: std::fs::read_to_string(&p).unwrap(), path: p })
        .collect();
    let mut d = orm_schema_parser::Diagnostics::new();
    for (i, f) in files.iter().enumerate() {
        let ast = orm_schema_parser::parse_schema(&f.text, orm_schema_parser::FileId(i as u32), &mut d);
        if std::env::var("DUMP").is_ok() {
            println!("{ast:#?}");
        }
    }
    let pairs: Vec<(&str, &str)> = files.iter().map(|f| (f.path.as_str(), f.text.as_str())).collect();
    let (s, d2) = orm_schema_parser::parse_and_validate(&files);
    print!("{}", d2.render_plain(&pairs));
    if std::env::var("SCHEMA").is_ok() {
        println!("{s:#?}");
    }
}
