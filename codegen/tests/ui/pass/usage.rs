//! A realistic use of a generated client compiles and runs against a real in-memory SQLite
//! database: create, find_unique (single and compound unique), filters, ordering, includes of
//! every cardinality, update, increment, count, delete. Also checks the generated metadata.

include!("../generated/client.rs");

use orm_query_engine::typed::{DbEnum, Model};

const DDL: &str = r#"
CREATE TABLE "User" (
  "id" INTEGER PRIMARY KEY AUTOINCREMENT,
  "email" TEXT NOT NULL UNIQUE,
  "name" TEXT,
  "role" TEXT NOT NULL DEFAULT 'USER',
  "createdAt" DATETIME NOT NULL
);
CREATE TABLE "Profile" (
  "id" INTEGER PRIMARY KEY AUTOINCREMENT,
  "bio" TEXT NOT NULL,
  "userId" INTEGER NOT NULL UNIQUE REFERENCES "User" ("id")
);
CREATE TABLE "Post" (
  "id" INTEGER PRIMARY KEY AUTOINCREMENT,
  "title" TEXT NOT NULL,
  "published" BOOLEAN NOT NULL DEFAULT false,
  "views" INTEGER NOT NULL DEFAULT 0,
  "authorId" INTEGER NOT NULL REFERENCES "User" ("id"),
  "createdAt" DATETIME NOT NULL,
  UNIQUE ("authorId", "title")
);
"#;

async fn usage(client: &Client) -> orm_query_engine::Result<()> {
    client.raw().execute_raw(DDL).await?;

    let alice = client
        .user()
        .create(user::Create { name: Some("Alice".into()), role: Some(Role::Admin), ..user::create("alice@example.com") })
        .await?;
    assert_eq!((alice.email.as_str(), alice.name.as_deref(), alice.role), ("alice@example.com", Some("Alice"), Role::Admin));
    let bob = client.user().create(user::create("bob@example.com")).await?;
    assert_eq!((bob.name.as_deref(), bob.role), (None, Role::User), "defaults apply");

    let found: Option<User> = client.user().find_unique(user::email().equals("alice@example.com")).await?;
    assert_eq!(found.as_ref().map(|u| u.id), Some(alice.id));

    let hello = client.post().create(post::create("Hello Rust", alice.id)).await?;
    client.post().create(post::Create { published: Some(true), ..post::create("Rust tips", alice.id) }).await?;
    client.post().create(post::Create { published: Some(true), ..post::create("Cooking", bob.id) }).await?;
    assert_eq!((hello.published, hello.views), (false, 0));

    let by_title = client.post().find_unique(post::author_id_title(alice.id, "Hello Rust")).await?;
    assert_eq!(by_title.map(|p| p.id), Some(hello.id));

    let list: Vec<Post> = client
        .post()
        .find_many()
        .filter(post::title().contains("Rust").and(post::published().equals(true)))
        .order_by(post::created_at().desc())
        .skip(0)
        .take(20)
        .await?;
    assert_eq!(list.iter().map(|p| p.title.as_str()).collect::<Vec<_>>(), ["Rust tips"]);

    let with_posts = client.user().find_many().order_by(user::id().asc()).include(user::posts()).await?;
    let counts: Vec<(&str, usize)> = with_posts.iter().map(|u| (u.email.as_str(), u.related.len())).collect();
    assert_eq!(counts, [("alice@example.com", 2), ("bob@example.com", 1)]);

    let with_author = client.post().find_many().filter(post::id().equals(hello.id)).include(post::author()).await?;
    assert_eq!(with_author.first().map(|p| p.related.email.as_str()), Some("alice@example.com"));

    let with_profile = client.user().find_many().include(user::profile()).await?;
    assert!(with_profile.iter().all(|u| u.related.is_none()));

    client.user().update(user::id().equals(bob.id), [user::name().set(Some("Bob".to_owned()))]).await?;
    client.post().update(post::id().equals(hello.id), [post::views().increment(3)]).await?;
    let hello_again = client.post().find_unique(post::id().equals(hello.id)).await?;
    assert_eq!(hello_again.map(|p| p.views), Some(3));

    let unnamed_or_admin =
        client.user().find_many().filter(user::name().is_null().or(user::role().equals(Role::Admin))).await?;
    let emails: Vec<&str> = unnamed_or_admin.iter().map(|u| u.email.as_str()).collect();
    assert_eq!(emails, ["alice@example.com"], "bob has a name now and is not an admin");

    let n: i64 = client.post().count().filter(post::published().equals(true)).await?;
    assert_eq!(n, 2);

    client.post().delete(post::id().equals(hello.id)).await?;
    assert_eq!(client.post().count().await?, 2);
    assert!(client.post().find_many().take(5).statement().sql.contains("LIMIT"));
    Ok(())
}

fn check_metadata() {
    let meta = <User as Model>::META;
    assert_eq!(meta.table, "User");
    let names: Vec<&str> = meta.columns.iter().map(|c| c.name).collect();
    assert_eq!(names, ["id", "email", "name", "role", "createdAt"]);
    assert_eq!(meta.unique_criteria, &[&[0u16][..], &[1u16][..]]);
    let author_id = <Post as Model>::META.columns.iter().position(|c| c.name == "authorId");
    assert_eq!(author_id, Some(post::author_id().index() as usize));
    assert_eq!(user::posts().meta.from_columns, &[user::id().index()]);
    assert_eq!(user::posts().meta.to_columns, &[post::author_id().index()]);
    assert_eq!(post::author().meta.from_columns, &[post::author_id().index()]);
    assert_eq!(Role::Admin.as_db_str(), "ADMIN");
    assert_eq!(Role::from_db_str("USER"), Some(Role::User));
    assert_eq!(Role::from_db_str("nope"), None);
}

#[tokio::main]
async fn main() {
    check_metadata();
    let client = Client::connect("sqlite::memory:").await.expect("in-memory SQLite opens");
    usage(&client).await.expect("queries run");
}
