//! Including a relation of `Post` in a query on `User`.
include!("../generated/client.rs");

async fn list(client: &Client) {
    let _ = client.user().find_many().include(post::author()).await;
}

fn main() {
    let _ = list;
}
