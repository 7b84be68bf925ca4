//! Scratch cargo projects compiled against `orm-query-engine` by path (one binary per generated
//! client, or one library with one module per client), sharing one target folder so dependencies
//! build once; and throw-away PostgreSQL and MySQL databases.

use std::path::{Path, PathBuf};
use std::process::Command;

use crate::workspace_root;

/// A cargo project in a temporary folder with one `[[bin]]` per program and/or a library with one
/// module per generated client.
#[derive(Debug)]
pub struct ScratchProject {
    /// The project folder (deleted on drop).
    pub dir: PathBuf,
    bins: Vec<String>,
    modules: Vec<String>,
}

/// The shared target folder for scratch builds: `$CARGO_TARGET_DIR/e2e-scratch`, else
/// `<workspace>/target/e2e-scratch`.
pub fn scratch_target_dir() -> PathBuf {
    let base = std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .map(|p| if p.is_absolute() { p } else { workspace_root().join(p) })
        .unwrap_or_else(|| workspace_root().join("target"));
    base.join("e2e-scratch")
}

impl ScratchProject {
    /// Creates an empty project named `name` under the system temp folder.
    ///
    /// # Panics
    /// On IO errors (test setup).
    pub fn new(name: &str) -> ScratchProject {
        let dir = std::env::temp_dir().join(format!("orm-e2e-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(dir.join("src")).expect("create scratch folder");
        ScratchProject { dir, bins: Vec::new(), modules: Vec::new() }
    }

    /// Adds binary `bin` made of `main.rs` = `program` and `client.rs` = `client`.
    ///
    /// # Panics
    /// On IO errors.
    pub fn add_bin(&mut self, bin: &str, client: &str, program: &str) {
        let folder = self.dir.join("src").join(bin);
        std::fs::create_dir_all(&folder).expect("create bin folder");
        std::fs::write(folder.join("client.rs"), client).expect("write client.rs");
        std::fs::write(folder.join("main.rs"), program).expect("write main.rs");
        self.bins.push(bin.to_owned());
    }

    /// Adds library module `module` (a snake_case Rust identifier) with the text `source`, written
    /// to `src/<module>.rs` and declared `pub mod <module>;` in `src/lib.rs`.
    ///
    /// # Panics
    /// On IO errors.
    pub fn add_module(&mut self, module: &str, source: &str) {
        std::fs::write(self.dir.join("src").join(format!("{module}.rs")), source).expect("write module");
        self.modules.push(module.to_owned());
    }

    /// Writes `Cargo.toml` (and the workspace's `Cargo.lock`, so versions match the already-built
    /// dependencies) and, when modules were added, `src/lib.rs` with `lib_attributes` (inner
    /// attributes such as `#![deny(warnings)]`) followed by one `pub mod` line per module.
    fn write_manifest(&self, lib_attributes: &str) -> Result<(), String> {
        let root = workspace_root();
        let qe = root.join("query-engine");
        let mut manifest = format!(
            "[package]\nname = \"orm-e2e-scratch\"\nversion = \"0.0.0\"\nedition = \"2024\"\npublish = false\n\n\
             [dependencies]\norm-query-engine = {{ path = {:?} }}\n\
             tokio = {{ version = \"1\", features = [\"rt\", \"macros\"] }}\n\n[workspace]\n\n[profile.dev]\ndebug = false\n\n",
            qe.display().to_string()
        );
        if !self.modules.is_empty() {
            manifest.push_str("[lib]\npath = \"src/lib.rs\"\n\n");
            let mut lib =
                format!("//! Generated clients, one module each (written by orm-tests).\n{lib_attributes}\n");
            for module in &self.modules {
                lib.push_str(&format!("pub mod {module};\n"));
            }
            std::fs::write(self.dir.join("src/lib.rs"), lib).map_err(|e| e.to_string())?;
        }
        for bin in &self.bins {
            manifest.push_str(&format!("[[bin]]\nname = \"{bin}\"\npath = \"src/{bin}/main.rs\"\n\n"));
        }
        std::fs::write(self.dir.join("Cargo.toml"), manifest).map_err(|e| e.to_string())?;
        if let Ok(lock) = std::fs::read(root.join("Cargo.lock")) {
            std::fs::write(self.dir.join("Cargo.lock"), lock).map_err(|e| e.to_string())?;
        }
        Ok(())
    }

    /// Runs `cargo <args>` in the project with the shared scratch target folder.
    fn cargo(&self, args: &[&str]) -> Result<(), String> {
        let output = Command::new(std::env::var("CARGO").unwrap_or_else(|_| "cargo".to_owned()))
            .args(args)
            .current_dir(&self.dir)
            .env("CARGO_TARGET_DIR", scratch_target_dir())
            .output()
            .map_err(|e| format!("cannot run cargo: {e}"))?;
        if output.status.success() {
            Ok(())
        } else {
            Err(format!(
                "{}{}",
                String::from_utf8_lossy(&output.stdout),
                String::from_utf8_lossy(&output.stderr)
            ))
        }
    }

    /// Writes the manifest and runs `cargo build` (every binary). Returns the combined output on
    /// failure.
    ///
    /// # Errors
    /// The compiler output when the build fails.
    pub fn build(&self) -> Result<(), String> {
        self.write_manifest("")?;
        self.cargo(&["build", "--quiet"])
    }

    /// Writes the manifest and `src/lib.rs` (starting with `lib_attributes`) and runs
    /// `cargo clippy --lib` once over every added module: rustc's checks plus clippy's default
    /// lints, as a user's crate gets them (no code generation). Returns the output on failure.
    ///
    /// # Errors
    /// The compiler output when the check fails.
    pub fn check_lib(&self, lib_attributes: &str) -> Result<(), String> {
        self.write_manifest(lib_attributes)?;
        self.cargo(&["clippy", "--lib", "--quiet", "--color", "never"])
    }

    /// Runs a built binary with `DATABASE_URL = url`; returns `(success, stdout + stderr)`.
    ///
    /// # Panics
    /// When the binary cannot be started.
    pub fn run(&self, bin: &str, url: &str) -> (bool, String) {
        let exe = scratch_target_dir().join("debug").join(bin);
        let output = Command::new(&exe)
            .env("DATABASE_URL", url)
            .output()
            .unwrap_or_else(|e| panic!("cannot run {}: {e}", exe.display()));
        let text =
            format!("{}{}", String::from_utf8_lossy(&output.stdout), String::from_utf8_lossy(&output.stderr));
        (output.status.success(), text)
    }
}

impl Drop for ScratchProject {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}

/// How a database-backed test should treat a missing server URL.
#[derive(Debug)]
pub enum Backend {
    /// Run against this URL.
    Url(String),
    /// Skip, with the message already printed.
    Skip,
}

/// Reads `var` (e.g. `ORM_TEST_POSTGRES_URL`). Unset: prints a skip message and returns
/// [`Backend::Skip`], unless `ORM_REQUIRE_ALL_BACKENDS=1`, then panics.
///
/// # Panics
/// When the variable is unset and every backend is required.
pub fn backend_url(var: &str) -> Backend {
    match std::env::var(var) {
        Ok(url) if !url.is_empty() => Backend::Url(url),
        _ => {
            if std::env::var("ORM_REQUIRE_ALL_BACKENDS").is_ok_and(|v| v == "1") {
                panic!("{var} is not set but ORM_REQUIRE_ALL_BACKENDS=1");
            }
            eprintln!("skipped: {var} is not set");
            Backend::Skip
        }
    }
}

/// A PostgreSQL database created for one test and dropped when this value is dropped.
#[derive(Debug)]
pub struct PgDatabase {
    admin_url: String,
    /// The database name, `orm_e2e_<random>`.
    pub name: String,
    /// URL of the new database.
    pub url: String,
}

impl PgDatabase {
    /// Creates `orm_e2e_<tag>_<random>` through the server at `admin_url`.
    ///
    /// # Panics
    /// When the server cannot be reached or refuses (the test cannot run).
    pub fn create(admin_url: &str, tag: &str) -> PgDatabase {
        let name = format!("orm_e2e_{tag}_{}_{:x}", std::process::id(), random_u64());
        psql(admin_url, &format!("CREATE DATABASE \"{name}\""));
        let url = replace_database(admin_url, &name);
        PgDatabase { admin_url: admin_url.to_owned(), name, url }
    }
}

impl Drop for PgDatabase {
    fn drop(&mut self) {
        let _ = try_psql(&self.admin_url, &format!("DROP DATABASE IF EXISTS \"{}\" WITH (FORCE)", self.name));
    }
}

/// A random-enough number for unique names (time and address entropy; no extra dependency).
pub fn random_u64() -> u64 {
    use std::hash::{BuildHasher as _, Hasher as _};
    let mut hasher = std::collections::hash_map::RandomState::new().build_hasher();
    hasher.write_u128(
        std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.as_nanos()),
    );
    hasher.finish()
}

/// `url` with its database (path) replaced by `name`, query string kept.
pub fn replace_database(url: &str, name: &str) -> String {
    let (base, query) = match url.split_once('?') {
        Some((b, q)) => (b, format!("?{q}")),
        None => (url, String::new()),
    };
    let scheme_end = base.find("://").map_or(0, |i| i + 3);
    let path_start = base[scheme_end..].find('/').map_or(base.len(), |i| scheme_end + i);
    format!("{}/{name}{query}", &base[..path_start])
}

/// Runs one SQL statement with `psql` against `url`.
///
/// # Panics
/// When it fails.
pub fn psql(url: &str, sql: &str) {
    if let Err(e) = try_psql(url, sql) {
        panic!("psql failed for `{sql}`: {e}");
    }
}

fn try_psql(url: &str, sql: &str) -> Result<(), String> {
    let output = Command::new("psql")
        .args([url, "-v", "ON_ERROR_STOP=1", "-q", "-c", sql])
        .output()
        .map_err(|e| format!("cannot run psql: {e}"))?;
    if output.status.success() { Ok(()) } else { Err(String::from_utf8_lossy(&output.stderr).into_owned()) }
}

/// A fresh SQLite file URL in `dir`.
pub fn sqlite_url(dir: &Path, name: &str) -> String {
    format!("sqlite://{}?mode=rwc", dir.join(format!("{name}.db")).display())
}

/// A MySQL/MariaDB database created for one test (through the `mariadb` client) and dropped on drop.
#[derive(Debug)]
pub struct MysqlDatabase {
    admin_url: String,
    /// The database name, `orm_e2e_<tag>_<random>`.
    pub name: String,
    /// URL of the new database.
    pub url: String,
}

impl MysqlDatabase {
    /// Creates `orm_e2e_<tag>_<random>` on the server at `admin_url` (`mysql://user[:pw]@host[:port]/db`).
    ///
    /// # Panics
    /// When the server refuses (the test cannot run).
    pub fn create(admin_url: &str, tag: &str) -> MysqlDatabase {
        let name = format!("orm_e2e_{tag}_{}_{:x}", std::process::id(), random_u64() & 0xffff_ffff);
        if let Err(e) = mariadb(admin_url, &format!("CREATE DATABASE `{name}`")) {
            panic!("CREATE DATABASE {name}: {e}");
        }
        let url = replace_database(admin_url, &name);
        MysqlDatabase { admin_url: admin_url.to_owned(), name, url }
    }
}

impl Drop for MysqlDatabase {
    fn drop(&mut self) {
        let _ = mariadb(&self.admin_url, &format!("DROP DATABASE IF EXISTS `{}`", self.name));
    }
}

/// Runs one statement with the `mariadb` command-line client against the server of `url`.
fn mariadb(url: &str, sql: &str) -> Result<(), String> {
    let rest = url.split_once("://").map_or(url, |(_, r)| r);
    let authority = rest.split(['/', '?']).next().unwrap_or("");
    let (userinfo, hostport) = authority.rsplit_once('@').unwrap_or(("root", authority));
    let (user, password) = userinfo.split_once(':').map_or((userinfo, None), |(u, p)| (u, Some(p)));
    let (host, port) = hostport.split_once(':').unwrap_or((hostport, "3306"));
    let mut cmd = Command::new("mariadb");
    cmd.args(["-h", host, "-P", port, "-u", user, "-e", sql]);
    if let Some(password) = password {
        cmd.env("MYSQL_PWD", password);
    }
    let output = cmd.output().map_err(|e| format!("cannot run mariadb: {e}"))?;
    if output.status.success() { Ok(()) } else { Err(String::from_utf8_lossy(&output.stderr).into_owned()) }
}
