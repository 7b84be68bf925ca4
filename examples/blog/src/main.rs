//! The blog example: applies the committed migrations to a SQLite file, then runs real queries
//! through the generated client (`src/client.rs`, from `prisma/schema.prisma`) and prints the results.
//!
//! Run it with `cargo run -p orm-example-blog` (database: `$BLOG_DATABASE_URL`, default
//! `sqlite://<temp dir>/orm-example-blog.db`; the file is recreated on every run).

#[rustfmt::skip]
#[allow(dead_code, clippy::all)]
mod client;

use std::path::Path;

use anyhow::{Context as _, Result};
use client::{Client, Role, comment, post, post_tag, tag, user};
use orm_query_engine::{DbErrorKind, Error};

#[tokio::main]
async fn main() -> Result<()> {
    let url = match std::env::var("BLOG_DATABASE_URL") {
        Ok(url) => url,
        Err(_) => {
            let file = std::env::temp_dir().join("orm-example-blog.db");
            let _ = std::fs::remove_file(&file);
            format!("sqlite://{}?mode=rwc", file.display())
        }
    };

    // 1. Migrate: what `orm migrate deploy` does, through the orm-migrate library.
    let migrations_dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("prisma/migrations");
    let migrations = orm_migrate::MigrationsDir::load(&migrations_dir).context("loading migrations")?;
    let mut connection = orm_migrate::connect(&url).await.context("connecting for migrations")?;
    let report =
        orm_migrate::apply_pending(&mut connection, &migrations).await.context("applying migrations")?;
    connection.close().await;
    println!("migrations applied: {:?}", report.applied);

    let db = Client::connect(&url).await.context("connecting the client")?;

    // 2. Create users, posts, tags, comments.
    let alice = db
        .user()
        .create(user::Create {
            name: Some("Alice".into()),
            role: Some(Role::Admin),
            ..user::create("alice@example.com")
        })
        .await?;
    let bob = db.user().create(user::create("bob@example.com")).await?;
    println!(
        "created users: {} ({:?}, id {}), {} ({:?})",
        alice.email, alice.role, alice.id, bob.email, bob.role
    );

    let mut posts = Vec::new();
    for (i, title) in
        ["Hello, Rust", "Typed queries in Rust", "Migrations without tears", "Draft: SQLite tips"]
            .into_iter()
            .enumerate()
    {
        let input = post::Create {
            content: Some(format!("Body of post {i}")),
            published: Some(!title.starts_with("Draft")),
            views: Some(10 * i as i32),
            ..post::create(title, alice.id.clone())
        };
        posts.push(db.post().create(input).await?);
    }
    println!("created {} posts; first id {}", posts.len(), posts[0].id);

    let rust = db.tag().create(tag::create("rust")).await?;
    let databases = db.tag().create(tag::create("databases")).await?;
    for (p, t) in [(&posts[0], &rust), (&posts[1], &rust), (&posts[1], &databases), (&posts[2], &databases)] {
        db.post_tag().create(post_tag::create(p.id, t.id)).await?;
    }
    let comment = db
        .comment()
        .create(comment::Create {
            author_id: Some(bob.id.clone()),
            ..comment::create("Great post!", posts[0].id)
        })
        .await?;
    println!("comment {} by {:?} on post {}", comment.id, comment.author_id, comment.post_id);

    // 3. Read: find_unique, filtered find_many with order/skip/take, include, count.
    let found = db.user().find_unique(user::email().equals("alice@example.com")).await?;
    println!("find_unique(email = alice@example.com): {:?}", found.map(|u| (u.name, u.role)));

    let rust_posts = db
        .post()
        .find_many()
        .filter(post::title().contains("Rust").and(post::published().equals(true)))
        .order_by(post::views().desc())
        .skip(0)
        .take(10)
        .await?;
    println!("published posts about Rust, most viewed first:");
    for p in &rust_posts {
        println!("  #{} {:?} ({} views)", p.id, p.title, p.views);
    }

    let page = db.post().find_many().order_by(post::id().asc()).skip(1).take(2).await?;
    println!("page 2 (skip 1, take 2): {:?}", page.iter().map(|p| p.id).collect::<Vec<_>>());

    let with_posts = db.user().find_many().include(user::posts()).order_by(user::email().asc()).await?;
    for u in &with_posts {
        println!("  {} wrote {} post(s)", u.email, u.related.len());
    }
    let tagged = db.post_tag().find_many().include(post_tag::tag()).await?;
    println!(
        "post-tag links: {:?}",
        tagged.iter().map(|l| (l.post_id, l.related.name.clone())).collect::<Vec<_>>()
    );

    let n_published = db.post().count().filter(post::published().equals(true)).await?;
    println!("published posts: {n_published}");

    // 4. Update and delete.
    let renamed = db
        .user()
        .update(user::id().equals(bob.id.clone()), [user::name().set(Some("Bob".to_owned()))])
        .await?;
    println!("updated user: {} is now {:?} (updated_at {})", renamed.email, renamed.name, renamed.updated_at);
    let deleted = db.post().delete(post::id().equals(posts[3].id)).await?;
    println!("deleted post #{} {:?}; {} post(s) left", deleted.id, deleted.title, db.post().count().await?);

    // 5. The SQL of a statement, without running it.
    let statement = db.post().find_many().filter(post::published().equals(true)).take(5).statement();
    println!("SQL: {}\nparams: {:?}", statement.sql, statement.params);

    // 6. A typed unique-violation error.
    match db.user().create(user::create("alice@example.com")).await {
        Err(Error::Database(err)) if err.kind == DbErrorKind::UniqueViolation => {
            println!("duplicate email rejected: {err} (fields {:?})", err.fields);
        }
        Err(other) => return Err(other).context("unexpected error for a duplicate email"),
        Ok(user) => anyhow::bail!("a duplicate email was accepted: {user:?}"),
    }
    Ok(())
}
