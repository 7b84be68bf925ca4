//! `find_unique` takes a unique criterion; `name` is not unique.
include!("../generated/client.rs");

async fn lookup(client: &Client) {
    let _ = client.user().find_unique(user::name().equals("alice")).await;
}

fn main() {
    let _ = lookup;
}
