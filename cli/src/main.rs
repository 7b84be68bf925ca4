//! The `orm` command line.
fn main() {}
