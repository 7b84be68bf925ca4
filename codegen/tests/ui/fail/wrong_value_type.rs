//! Comparing a `String` field with an integer.
include!("../generated/client.rs");

fn main() {
    let _ = user::email().equals(42);
}
