//! Assigning a field of `Post` in an update of `User`.
include!("../generated/client.rs");

async fn rename(client: &Client) {
    let _ = client.user().update(user::id().equals(1), [post::title().set("x".to_owned())]).await;
}

fn main() {
    let _ = rename;
}
