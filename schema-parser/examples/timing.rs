//! Debug helper: time parse and validate of files given on the command line.
fn main() {
    for p in std::env::args().skip(1) {
        let text = std::fs::read_to_string(&p).unwrap();
        let t = std::time::Instant::now();
        let mut asts = Vec::new();
        for _ in 0..10 {
            let mut d = orm_schema_parser::Diagnostics::new();
            asts = vec![orm_schema_parser::parse_schema(&text, orm_schema_parser::FileId(0), &mut d)];
        }
        let parse = t.elapsed() / 10;
        let t = std::time::Instant::now();
        for _ in 0..10 {
            let mut d = orm_schema_parser::Diagnostics::new();
            let _ = orm_schema_parser::validate(&asts, &mut d);
        }
        println!("{p}: parse {parse:?}, validate {:?}", t.elapsed() / 10);
    }
}
