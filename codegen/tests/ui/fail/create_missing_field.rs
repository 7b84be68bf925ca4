//! A create input written as a struct literal must set every required field (`title`, `author_id`).
include!("../generated/client.rs");

fn main() {
    let _ = post::Create { id: None, published: None, views: None, created_at: None };
}
