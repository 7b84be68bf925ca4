//! A field the model does not have.
include!("../generated/client.rs");

fn main() {
    let _ = user::nickname();
}
