//! Environment: `.env` files, the database URL of the datasource, and hiding passwords in URLs.
//!
//! Variables come from the process environment first, then `.env` next to the schema, then `.env`
//! in the current folder (<https://www.prisma.io/docs/orm/more/development-environment/environment-variables>).
//! `.env` files are read into a map; the process environment is never modified.

use std::collections::BTreeMap;
use std::path::Path;

use anyhow::{Context as _, Result, bail};
use orm_schema_parser::{Provider, StringOrEnv};

use crate::schema_files::LoadedSchema;

/// Variables of the process environment and `.env` files, in that priority.
#[derive(Debug, Default)]
pub struct EnvVars {
    dotenv: BTreeMap<String, String>,
}

impl EnvVars {
    /// Reads `.env` in `schema_dir`, then `.env` in the current folder (earlier files win).
    ///
    /// # Errors
    /// A `.env` file that exists but cannot be parsed.
    pub fn load(schema_dir: &Path) -> Result<EnvVars> {
        let mut vars = EnvVars::default();
        let mut candidates = vec![schema_dir.join(".env"), Path::new(".env").to_path_buf()];
        candidates.dedup_by(|a, b| same_file(a, b));
        for path in candidates {
            if !path.is_file() {
                continue;
            }
            let iter = dotenvy::from_path_iter(&path)
                .with_context(|| format!("cannot read `{}`", path.display()))?;
            for item in iter {
                let (key, value) = item.with_context(|| format!("cannot parse `{}`", path.display()))?;
                vars.dotenv.entry(key).or_insert(value);
            }
        }
        Ok(vars)
    }

    /// The value of `name`: the process environment, else the `.env` files.
    pub fn get(&self, name: &str) -> Option<String> {
        std::env::var(name).ok().filter(|v| !v.is_empty()).or_else(|| self.dotenv.get(name).cloned())
    }
}

fn same_file(a: &Path, b: &Path) -> bool {
    match (a.canonicalize(), b.canonicalize()) {
        (Ok(a), Ok(b)) => a == b,
        _ => a == b,
    }
}

/// The connection URL of the schema's datasource, with relative SQLite paths resolved.
///
/// Order: the datasource `url` (literal, or `env("VAR")`), else `DATABASE_URL`.
/// SQLite `file:./dev.db` paths are relative to the schema folder, as in Prisma
/// (<https://www.prisma.io/docs/orm/overview/databases/sqlite#connection-details>).
///
/// # Errors
/// No datasource, or the variable it names is not set.
pub fn database_url(loaded: &LoadedSchema, env: &EnvVars) -> Result<String> {
    let Some(datasource) = &loaded.schema.datasource else {
        bail!("the schema has no `datasource` block; add one (see `orm init`)");
    };
    let raw = match &datasource.url {
        Some(StringOrEnv::Literal(url)) => url.clone(),
        Some(StringOrEnv::Env(var)) => env.get(var).with_context(|| {
            format!(
                "environment variable `{var}` is not set (datasource `{}` reads `env(\"{var}\")`); \
                 set it or add `{var}=...` to a .env file next to the schema",
                datasource.name
            )
        })?,
        None => env.get("DATABASE_URL").context(
            "the datasource has no `url` and DATABASE_URL is not set; set it or add it to a .env file",
        )?,
    };
    let scheme = raw.split_once(':').map_or("", |(s, _)| s);
    let expected: &[&str] = match datasource.provider {
        Provider::Sqlite => &["file", "sqlite"],
        Provider::Postgresql | Provider::Cockroachdb => &["postgres", "postgresql"],
        Provider::Mysql => &["mysql", "mariadb"],
        Provider::Mongodb => &["mongodb", "mongodb+srv"],
        Provider::Sqlserver => &["sqlserver"],
    };
    if !expected.contains(&scheme) {
        bail!(
            "the database URL `{}` does not match the datasource provider `{}`: it must start with {}",
            redact_url(&raw),
            datasource.provider.as_str(),
            expected.iter().map(|s| format!("`{s}:`")).collect::<Vec<_>>().join(" or ")
        );
    }
    Ok(match datasource.provider {
        Provider::Sqlite => resolve_sqlite_url(&raw, &loaded.base_dir()),
        _ => raw,
    })
}

/// Turns `file:./dev.db`, `file:dev.db` or `sqlite:dev.db` into `sqlite://<abs path>?mode=rwc`
/// (relative to `base`), so every library sees the same file whatever the current folder is.
/// URLs with an absolute path keep it; query strings are kept (`mode=rwc` is added when missing so the
/// file is created, as Prisma does).
pub fn resolve_sqlite_url(raw: &str, base: &Path) -> String {
    let rest = raw
        .strip_prefix("sqlite://")
        .or_else(|| raw.strip_prefix("sqlite:"))
        .or_else(|| raw.strip_prefix("file://"))
        .or_else(|| raw.strip_prefix("file:"))
        .unwrap_or(raw);
    let (path, query) = match rest.split_once('?') {
        Some((p, q)) => (p, Some(q)),
        None => (rest, None),
    };
    if path == ":memory:" {
        return "sqlite::memory:".to_owned();
    }
    let path = Path::new(path);
    let full = if path.is_absolute() { path.to_path_buf() } else { absolute(base).join(path) };
    let full = full.display().to_string().replace("/./", "/");
    let query = match query {
        Some(q) if q.split('&').any(|kv| kv.starts_with("mode=")) => q.to_owned(),
        Some(q) if !q.is_empty() => format!("{q}&mode=rwc"),
        _ => "mode=rwc".to_owned(),
    };
    format!("sqlite://{full}?{query}")
}

fn absolute(path: &Path) -> std::path::PathBuf {
    std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf())
}

/// `url` with the password (the part after `:` in `user:password@`) replaced by `****`, and any
/// `password=` query parameter hidden too. URLs without credentials are returned unchanged.
pub fn redact_url(url: &str) -> String {
    let mut res = url.to_owned();
    if let Some(scheme_end) = res.find("://") {
        let authority_start = scheme_end + 3;
        let authority_end =
            res[authority_start..].find(['/', '?', '#']).map_or(res.len(), |i| authority_start + i);
        if let Some(at) = res[authority_start..authority_end].rfind('@') {
            let userinfo = &res[authority_start..authority_start + at];
            if let Some(colon) = userinfo.find(':') {
                let from = authority_start + colon + 1;
                let to = authority_start + at;
                res.replace_range(from..to, "****");
            }
        }
    }
    if let Some(q) = res.find('?') {
        let (head, query) = res.split_at(q + 1);
        let query: Vec<String> = query
            .split('&')
            .map(|kv| match kv.split_once('=') {
                Some((k, _))
                    if k.eq_ignore_ascii_case("password") || k.eq_ignore_ascii_case("sslpassword") =>
                {
                    format!("{k}=****")
                }
                _ => kv.to_owned(),
            })
            .collect();
        res = format!("{head}{}", query.join("&"));
    }
    res
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn redacts_passwords_only() {
        assert_eq!(redact_url("postgres://u:s3cret@db:5432/app"), "postgres://u:****@db:5432/app");
        assert_eq!(redact_url("postgres://u@db/app"), "postgres://u@db/app");
        assert_eq!(
            redact_url("mysql://root:p%40ss@h/db?password=x&ssl=1"),
            "mysql://root:****@h/db?password=****&ssl=1"
        );
        assert_eq!(redact_url("sqlite://dev.db?mode=rwc"), "sqlite://dev.db?mode=rwc");
    }

    #[test]
    fn sqlite_paths_are_relative_to_the_schema_folder() {
        assert_eq!(
            resolve_sqlite_url("file:./dev.db", Path::new("/p/prisma")),
            "sqlite:///p/prisma/dev.db?mode=rwc"
        );
        assert_eq!(resolve_sqlite_url("file:/abs/x.db", Path::new("/p")), "sqlite:///abs/x.db?mode=rwc");
        assert_eq!(resolve_sqlite_url("sqlite://a.db?mode=ro", Path::new("/p")), "sqlite:///p/a.db?mode=ro");
    }
}
