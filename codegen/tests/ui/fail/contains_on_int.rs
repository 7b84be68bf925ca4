//! `contains` exists only on string fields.
include!("../generated/client.rs");

fn main() {
    let _ = post::views().contains("1");
}
