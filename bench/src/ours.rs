//! The generated client doing the five operations, the same way on every backend.

use crate::BoxError;
use crate::client::{Client, post, user};
use crate::ops::{INCLUDE_PARENTS, LIST_TAKE, NewPost, Op, POSTS, Rng, USERS};

/// Runs `op` once through the generated client; returns the number of records read.
///
/// # Errors
/// Any client error.
pub async fn run(client: &Client, op: Op, rng: &mut Rng) -> Result<usize, BoxError> {
    Ok(match op {
        Op::FindByPk => {
            let found = client.user().find_unique(user::id().equals(rng.id(USERS))).await?;
            found.map_or(0, |u| std::hint::black_box(u).id as usize)
        }
        Op::FilteredList => {
            let posts = list(client, rng.word()).await?;
            std::hint::black_box(posts).len()
        }
        Op::InsertOne => {
            let p = NewPost::random(rng);
            let created = client
                .post()
                .create(post::Create {
                    content: Some(p.content),
                    published: Some(p.published),
                    ..post::create(p.title, p.author_id)
                })
                .await?;
            std::hint::black_box(created).id as usize
        }
        Op::UpdateOne => {
            let updated =
                client.post().update(post::id().equals(rng.id(POSTS)), [post::views().increment(1)]).await?;
            std::hint::black_box(updated).views as usize
        }
        Op::Include => {
            let start = rng.id(USERS - 10);
            let users = include(client, start).exec().await?;
            std::hint::black_box(users).len()
        }
    })
}

/// The filtered list builder.
pub fn list<'c>(
    client: &'c Client,
    word: &str,
) -> orm_query_engine::client::FindMany<'c, crate::client::Post> {
    client
        .post()
        .find_many()
        .filter(post::published().equals(true).and(post::title().contains(word)))
        .order_by(post::created_at().desc())
        .take(LIST_TAKE as u64)
}

/// The include builder.
pub fn include(
    client: &Client,
    start: i32,
) -> orm_query_engine::client::FindManyWith<
    '_,
    crate::client::User,
    crate::client::Post,
    orm_query_engine::typed::Many,
> {
    client
        .user()
        .find_many()
        .filter(user::id().gte(start))
        .order_by(user::id().asc())
        .take(INCLUDE_PARENTS as u64)
        .include(user::posts())
}

/// The SQL the client renders for each operation (first statement only for the include), with a
/// placeholder argument set; used to check the hand-written baselines run the same text.
pub fn statements(client: &Client) -> Vec<(Op, String)> {
    let p = NewPost { title: "t".into(), content: "c".into(), published: true, author_id: 1 };
    vec![
        (Op::FindByPk, client.user().find_unique(user::id().equals(1)).statement().sql),
        (Op::FilteredList, list(client, "rust").statement().sql),
        (
            Op::InsertOne,
            client
                .post()
                .create(post::Create {
                    content: Some(p.content),
                    published: Some(p.published),
                    ..post::create(p.title, p.author_id)
                })
                .statement()
                .sql,
        ),
        (
            Op::UpdateOne,
            client.post().update(post::id().equals(1), [post::views().increment(1)]).statement().sql,
        ),
        (Op::Include, include(client, 1).statement().sql),
    ]
}
