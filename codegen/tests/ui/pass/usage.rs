//! Realistic use of a generated client type-checks, and the generated metadata is what the schema says.
#![allow(dead_code)]

include!("../generated/client.rs");

use orm_query_engine::typed::Model;

async fn usage(client: &Client) -> orm_query_engine::Result<()> {
    let alice = client
        .user()
        .create(user::Create { name: Some("Alice".into()), role: Some(Role::Admin), ..user::create("alice@example.com") })
        .await?;
    let found: Option<User> = client.user().find_unique(user::email().equals("alice@example.com")).await?;
    let _ = found.map(|u| u.name);
    client.post().create(post::create("Hello", alice.id)).await?;
    let by_title = client.post().find_unique(post::author_id_title(alice.id, "Hello")).await?;
    let _ = by_title.map(|p| p.views);
    let list: Vec<Post> = client
        .post()
        .find_many()
        .filter(post::title().contains("Rust").and(post::published().equals(true)))
        .order_by(post::created_at().desc())
        .skip(0)
        .take(20)
        .await?;
    let _ = list.len();
    let with_posts = client.user().find_many().include(user::posts()).await?;
    for u in &with_posts {
        let _: &Vec<Post> = &u.related;
        let _: &str = &u.email;
    }
    let with_author = client.post().find_many().include(post::author()).await?;
    let _ = with_author.first().map(|p| p.related.id);
    let with_profile = client.user().find_many().include(user::profile()).await?;
    let _ = with_profile.first().map(|u| u.related.as_ref().map(|p| p.bio.clone()));
    client
        .user()
        .update(user::id().equals(alice.id), [user::name().set(Some("Al".to_owned()))])
        .await?;
    client.post().update(post::id().equals(1), [post::views().increment(1)]).await?;
    client.user().delete(user::id().equals(alice.id)).await?;
    let n: i64 = client.post().count().filter(post::published().equals(true)).await?;
    let _ = n;
    let _ = client.user().find_many().filter(user::name().is_null().or(user::role().equals(Role::User)));
    Ok(())
}

fn main() {
    let _ = usage;
    let meta = <User as Model>::META;
    assert_eq!(meta.table, "User");
    let names: Vec<&str> = meta.columns.iter().map(|c| c.name).collect();
    assert_eq!(names, ["id", "email", "name", "role", "createdAt"]);
    assert_eq!(meta.unique_criteria, &[&[0u16][..], &[1u16][..]]);
    assert_eq!(user::posts().meta.from_columns, &[0]);
    assert_eq!(user::posts().meta.to_columns, &[5]);
    assert_eq!(post::author().meta.from_columns, &[5]);
    use orm_query_engine::typed::DbEnum;
    assert_eq!(Role::Admin.as_db_str(), "ADMIN");
    assert_eq!(Role::from_db_str("USER"), Some(Role::User));
}
