//! The five benchmarked operations, their random arguments and the hand-written row types the raw
//! baselines decode into (the same fields, in the same Rust types, as the generated structs).

use chrono::{DateTime, Utc};

/// Users seeded (ids `1..=USERS`).
pub const USERS: i32 = 10_000;
/// Posts seeded (ids `1..=POSTS`), `POSTS / USERS` per user.
pub const POSTS: i32 = 100_000;
/// Rows per seeding `INSERT` statement.
pub const SEED_BATCH: i32 = 1_000;
/// Page size of the filtered list.
pub const LIST_TAKE: i64 = 20;
/// Parents loaded by the 1-n include.
pub const INCLUDE_PARENTS: i64 = 10;

/// Vocabulary of post titles (three words each); the filtered list searches one of them.
pub const WORDS: [&str; 20] = [
    "rust", "async", "postgres", "sqlite", "tokio", "query", "schema", "index", "cache", "pool", "latency",
    "thread", "future", "vector", "string", "memory", "socket", "kernel", "parser", "compiler",
];

/// One benchmarked operation.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Op {
    /// `User` by primary key (random id).
    FindByPk,
    /// 20 newest published posts whose title contains a random word.
    FilteredList,
    /// Insert one post (returning it).
    InsertOne,
    /// `views = views + 1` on one post by id (returning it).
    UpdateOne,
    /// 10 users (from a random id up) each with all their posts: two statements.
    Include,
}

impl Op {
    /// Every operation, in report order.
    pub const ALL: [Op; 5] = [Op::FindByPk, Op::FilteredList, Op::InsertOne, Op::UpdateOne, Op::Include];

    /// Short name used in tables and on the command line.
    pub fn name(self) -> &'static str {
        match self {
            Op::FindByPk => "find_by_pk",
            Op::FilteredList => "filtered_list_20",
            Op::InsertOne => "insert_one",
            Op::UpdateOne => "update_one",
            Op::Include => "include_1n_10",
        }
    }
}

/// xorshift64* generator: deterministic per task, no dependency.
#[derive(Debug, Clone)]
pub struct Rng(u64);

impl Rng {
    /// A generator from a non-zero-ised seed.
    pub fn new(seed: u64) -> Rng {
        Rng(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1)
    }

    /// Next 64 random bits.
    pub fn next_u64(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x >> 12;
        x ^= x << 25;
        x ^= x >> 27;
        self.0 = x;
        x.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    /// Uniform in `1..=n` (n > 0).
    pub fn id(&mut self, n: i32) -> i32 {
        let n = u64::try_from(n.max(1)).unwrap_or(1);
        i32::try_from(self.next_u64() % n).unwrap_or(0) + 1
    }

    /// A random vocabulary word.
    pub fn word(&mut self) -> &'static str {
        let i = usize::try_from(self.next_u64() % WORDS.len() as u64).unwrap_or(0);
        WORDS[i]
    }

    /// A fair coin.
    pub fn coin(&mut self) -> bool {
        self.next_u64() & 1 == 1
    }
}

/// Arguments of one insert: the same values for every library.
#[derive(Debug, Clone)]
pub struct NewPost {
    /// Three-word title.
    pub title: String,
    /// Body text.
    pub content: String,
    /// Published flag.
    pub published: bool,
    /// Existing author id.
    pub author_id: i32,
}

impl NewPost {
    /// Random arguments.
    pub fn random(rng: &mut Rng) -> NewPost {
        let title = format!("{} {} {}", rng.word(), rng.word(), rng.word());
        NewPost {
            title,
            content: "benchmark body".to_owned(),
            published: rng.coin(),
            author_id: rng.id(USERS),
        }
    }
}

/// A `users` row as the raw baselines decode it.
// Fields are decoded like the generated struct's and only read through `black_box`.
#[allow(dead_code)]
#[derive(Debug, Clone)]
pub struct RawUser {
    /// `id`.
    pub id: i32,
    /// `email`.
    pub email: String,
    /// `name`.
    pub name: Option<String>,
    /// `created_at`.
    pub created_at: DateTime<Utc>,
}

/// A `posts` row as the raw baselines decode it.
#[allow(dead_code)]
#[derive(Debug, Clone)]
pub struct RawPost {
    /// `id`.
    pub id: i32,
    /// `title`.
    pub title: String,
    /// `content`.
    pub content: Option<String>,
    /// `published`.
    pub published: bool,
    /// `views`.
    pub views: i32,
    /// `author_id`.
    pub author_id: i32,
    /// `created_at`.
    pub created_at: DateTime<Utc>,
}

/// Groups children under their parents by `author_id`, keeping parent order and child order:
/// what every library's include returns.
pub fn group(users: Vec<RawUser>, posts: Vec<RawPost>) -> Vec<(RawUser, Vec<RawPost>)> {
    let mut by_author: std::collections::HashMap<i32, Vec<RawPost>> = std::collections::HashMap::new();
    for post in posts {
        by_author.entry(post.author_id).or_default().push(post);
    }
    users
        .into_iter()
        .map(|u| {
            let posts = by_author.remove(&u.id).unwrap_or_default();
            (u, posts)
        })
        .collect()
}

/// Title of seeded post `i` (deterministic three words).
pub fn seed_title(i: i32) -> String {
    let i = usize::try_from(i).unwrap_or(0);
    let n = WORDS.len();
    format!("{} {} {}", WORDS[(i * 7) % n], WORDS[(i * 13 + 3) % n], WORDS[(i * 17 + 11) % n])
}
