//! Compound unique constructors are typed per field: `author_id` is an `Int`.
include!("../generated/client.rs");

fn main() {
    let _ = post::author_id_title("one", "Hello");
}
