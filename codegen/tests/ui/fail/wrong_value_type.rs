//! Comparing an `Int` field with a string.
include!("../generated/client.rs");

fn main() {
    let _ = user::id().equals("one");
}
