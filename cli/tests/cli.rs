//! End-to-end tests of the `orm` binary: exit codes, diagnostics, generate, migrate flows on SQLite.
//!
//! Each test works in its own temporary folder and runs the built binary with `std::process::Command`.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// A temporary project folder, removed on drop.
struct Project {
    dir: PathBuf,
}

impl Project {
    fn new(tag: &str) -> Project {
        let nanos =
            std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.as_nanos());
        let dir = std::env::temp_dir().join(format!("orm-cli-{tag}-{}-{nanos}", std::process::id()));
        std::fs::create_dir_all(&dir).expect("create temp folder");
        Project { dir }
    }

    fn write(&self, rel: &str, text: &str) {
        let path = self.dir.join(rel);
        std::fs::create_dir_all(path.parent().expect("parent")).expect("create folder");
        std::fs::write(path, text).expect("write file");
    }

    fn read(&self, rel: &str) -> String {
        std::fs::read_to_string(self.dir.join(rel)).unwrap_or_else(|e| panic!("read {rel}: {e}"))
    }

    /// Runs `orm args…` in the project folder, without colours and without inherited DATABASE_URL.
    fn orm(&self, args: &[&str]) -> Run {
        self.orm_env(args, &[])
    }

    fn orm_env(&self, args: &[&str], env: &[(&str, &str)]) -> Run {
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_orm"));
        cmd.args(args).current_dir(&self.dir).env("NO_COLOR", "1").env_remove("DATABASE_URL");
        for (k, v) in env {
            cmd.env(k, v);
        }
        Run(cmd.output().expect("run orm"))
    }

    /// Every file under the folder, relative, sorted.
    fn files(&self) -> Vec<String> {
        fn walk(base: &Path, dir: &Path, acc: &mut Vec<String>) {
            for entry in std::fs::read_dir(dir).expect("list").flatten() {
                let path = entry.path();
                if path.is_dir() {
                    walk(base, &path, acc);
                } else {
                    acc.push(path.strip_prefix(base).expect("prefix").display().to_string());
                }
            }
        }
        let mut acc = Vec::new();
        walk(&self.dir, &self.dir, &mut acc);
        acc.sort();
        acc
    }
}

impl Drop for Project {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}

struct Run(Output);

impl Run {
    fn code(&self) -> i32 {
        self.0.status.code().unwrap_or(-1)
    }
    fn stdout(&self) -> String {
        String::from_utf8_lossy(&self.0.stdout).into_owned()
    }
    fn stderr(&self) -> String {
        String::from_utf8_lossy(&self.0.stderr).into_owned()
    }
    #[track_caller]
    fn expect_code(&self, code: i32) -> &Run {
        assert_eq!(self.code(), code, "exit code\nstdout:\n{}\nstderr:\n{}", self.stdout(), self.stderr());
        self
    }
}

const SQLITE_SCHEMA: &str = r#"generator client {
  provider = "orm-client-rust"
  output   = "../src/client.rs"
}

datasource db {
  provider = "sqlite"
  url      = env("DATABASE_URL")
}

model User {
  id    Int    @id @default(autoincrement())
  email String @unique
  posts Post[]

  @@map("users")
}

model Post {
  id       Int    @id @default(autoincrement())
  title    String
  authorId Int    @map("author_id")
  author   User   @relation(fields: [authorId], references: [id])
}
"#;

#[test]
fn missing_or_non_utf8_schema_is_named_with_line_and_fix() {
    let project = Project::new("badpath");
    let run = project.orm(&["validate", "--schema", "nowhere/schema.prisma"]);
    run.expect_code(1);
    assert!(run.stderr().contains("nowhere/schema.prisma"), "names the path:\n{}", run.stderr());

    let path = project.dir.join("schema.prisma");
    std::fs::write(&path, b"model User {\n  id Int @id\n  na\xefme String\n}\n").expect("write");
    let run = project.orm(&["validate", "--schema", "schema.prisma"]);
    run.expect_code(1);
    let stderr = run.stderr();
    assert!(stderr.contains("schema.prisma:3:5"), "names file, line and column:\n{stderr}");
    assert!(stderr.contains("UTF-8"), "says what is wrong and how to fix it:\n{stderr}");
}

#[test]
fn help_succeeds_and_usage_errors_exit_2() {
    let project = Project::new("usage");
    let help = project.orm(&["--help"]);
    help.expect_code(0);
    for command in ["init", "validate", "format", "generate", "migrate", "db"] {
        assert!(help.stdout().contains(command), "help lists `{command}`:\n{}", help.stdout());
    }
    project.orm(&["migrate", "dev", "--help"]).expect_code(0);
    project.orm(&["no-such-command"]).expect_code(2);
    project.orm(&["migrate", "dev"]).expect_code(2); // --name is required
}

#[test]
fn broken_multi_file_schema_prints_every_error_with_location_and_writes_nothing() {
    let project = Project::new("broken");
    project.write(
        "prisma/schema/main.prisma",
        "generator client {\n  provider = \"orm-client-rust\"\n  output = \"../../src/client.rs\"\n}\n\ndatasource db {\n  provider = \"sqlite\"\n  url = \"file:./dev.db\"\n}\n\nmodel User {\n  id Int @id\n  id String\n}\n",
    );
    project
        .write("prisma/schema/post.prisma", "model Post {\n  id Int @id\n  kind Kind\n  author Nobody\n}\n");
    let before = project.files();

    let validate = project.orm(&["validate"]);
    validate.expect_code(1);
    let err = validate.stderr();
    assert!(err.contains("prisma/schema/main.prisma:13:3"), "duplicate field located:\n{err}");
    assert!(err.contains("prisma/schema/post.prisma:3:8"), "unknown type `Kind` located:\n{err}");
    assert!(err.contains("prisma/schema/post.prisma:4:10"), "unknown type `Nobody` located:\n{err}");
    assert!(err.contains("schema::"), "diagnostic codes are shown:\n{err}");
    assert!(err.contains("has 3 errors"), "summary counts every error:\n{err}");
    assert!(!err.contains('\x1b'), "NO_COLOR output is plain:\n{err}");

    project.orm(&["generate"]).expect_code(1);
    assert_eq!(project.files(), before, "a broken schema writes nothing");
}

#[test]
fn generate_is_byte_identical_twice_and_relative_to_the_schema_folder() {
    let project = Project::new("generate");
    project.write("prisma/schema.prisma", SQLITE_SCHEMA);
    let first = project.orm(&["generate"]);
    first.expect_code(0);
    let client = project.read("src/client.rs");
    assert!(client.contains("pub struct User"), "client has the User model");
    assert!(
        client.starts_with("// @generated by orm-codegen from ../prisma/schema.prisma"),
        "{}",
        &client[..100]
    );
    // From another folder, through --schema: same file, same bytes.
    std::fs::create_dir_all(project.dir.join("elsewhere")).expect("mkdir");
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_orm"));
    let second = cmd
        .args(["generate", "--schema", "../prisma/schema.prisma"])
        .current_dir(project.dir.join("elsewhere"))
        .env("NO_COLOR", "1")
        .output()
        .expect("run orm");
    assert!(second.status.success(), "{}", String::from_utf8_lossy(&second.stderr));
    assert_eq!(project.read("src/client.rs"), client, "byte-identical");
    assert!(
        !project.files().iter().any(|f| f.ends_with(".tmp")),
        "no temporary file left: {:?}",
        project.files()
    );
}

#[test]
fn init_writes_a_valid_schema_and_refuses_to_overwrite() {
    let project = Project::new("init");
    project.orm(&["init"]).expect_code(0);
    let schema = project.read("prisma/schema.prisma");
    assert!(schema.contains("provider = \"orm-client-rust\""), "{schema}");
    assert!(schema.contains("provider = \"sqlite\""), "{schema}");
    assert!(project.read(".env").contains("DATABASE_URL="));
    project.orm(&["validate"]).expect_code(0);
    let again = project.orm(&["init"]);
    again.expect_code(1);
    assert!(again.stderr().contains("already exists"), "{}", again.stderr());
    assert_eq!(project.read("prisma/schema.prisma"), schema, "unchanged");
}

#[test]
fn migrate_dev_deploy_status_flow_on_sqlite_and_edited_migration_is_refused() {
    let project = Project::new("migrate");
    project.write("prisma/schema.prisma", SQLITE_SCHEMA);
    project.write(".env", "DATABASE_URL=\"file:./dev.db\"\n");

    project.orm(&["migrate", "dev", "--name", "init"]).expect_code(0);
    assert!(project.dir.join("prisma/dev.db").exists(), "SQLite file is relative to the schema folder");
    let migrations: Vec<String> =
        project.files().into_iter().filter(|f| f.ends_with("migration.sql")).collect();
    assert_eq!(migrations.len(), 1, "{migrations:?}");
    assert!(migrations[0].contains("_init/"), "{migrations:?}");
    let sql = project.read(&migrations[0]);
    assert!(sql.contains("CREATE TABLE \"users\""), "{sql}");
    project.orm(&["migrate", "status"]).expect_code(0);
    project.orm(&["migrate", "diff"]).expect_code(0);

    // A schema change without applying it: status reports it pending and exits 1.
    let changed = SQLITE_SCHEMA.replace("  title    String\n", "  title    String\n  body     String?\n");
    project.write("prisma/schema.prisma", &changed);
    let diff = project.orm(&["migrate", "diff"]);
    diff.expect_code(0);
    assert!(diff.stdout().contains("ADD COLUMN \"body\""), "{}", diff.stdout());
    project.orm(&["migrate", "dev", "--name", "add body", "--create-only"]).expect_code(0);
    let status = project.orm(&["migrate", "status"]);
    status.expect_code(1);
    assert!(status.stdout().contains("add_body"), "{}", status.stdout());

    // Deploy applies it; then the database is up to date.
    project.orm(&["migrate", "deploy"]).expect_code(0);
    project.orm(&["migrate", "status"]).expect_code(0);

    // Editing an applied migration is detected and refused.
    let path = project.dir.join(&migrations[0]);
    let mut text = std::fs::read_to_string(&path).expect("read");
    text.push_str("\n-- edited by hand\n");
    std::fs::write(&path, text).expect("edit");
    let status = project.orm(&["migrate", "status"]);
    status.expect_code(1);
    assert!(status.stdout().contains("Edited"), "{}", status.stdout());
    let deploy = project.orm(&["migrate", "deploy"]);
    deploy.expect_code(1);
    assert!(deploy.stderr().contains("modified after it was applied"), "{}", deploy.stderr());

    // Reset without a terminal needs --force; with it everything is re-applied.
    project.orm(&["migrate", "reset"]).expect_code(1);
    std::fs::write(&path, sql).expect("restore");
    project.orm(&["migrate", "reset", "--force"]).expect_code(0);
    project.orm(&["migrate", "status"]).expect_code(0);
}

#[test]
fn unreachable_database_is_named_with_the_password_hidden() {
    let project = Project::new("unreachable");
    project.write("schema.prisma", &SQLITE_SCHEMA.replace("\"sqlite\"", "\"postgresql\""));
    let url = "postgres://alice:hunter2@127.0.0.1:1/app";
    let run = project.orm_env(&["migrate", "deploy"], &[("DATABASE_URL", url)]);
    run.expect_code(1);
    let all = format!("{}{}", run.stdout(), run.stderr());
    assert!(all.contains("postgres://alice:****@127.0.0.1:1/app"), "{all}");
    assert!(!all.contains("hunter2"), "password leaked:\n{all}");
}

#[test]
fn db_push_creates_tables_without_migrations() {
    let project = Project::new("push");
    project.write("schema.prisma", SQLITE_SCHEMA);
    project.orm_env(&["db", "push"], &[("DATABASE_URL", "file:./push.db")]).expect_code(0);
    assert!(project.dir.join("push.db").exists());
    assert!(!project.dir.join("migrations").exists(), "db push writes no migration");
    let again = project.orm_env(&["db", "push"], &[("DATABASE_URL", "file:./push.db")]);
    again.expect_code(0);
    assert!(again.stderr().contains("already in sync"), "{}", again.stderr());
}

#[test]
fn format_check_fails_on_unformatted_files_and_format_fixes_them() {
    let project = Project::new("format");
    let messy = "datasource db {\n  provider = \"sqlite\"\n  url = \"file:./dev.db\"\n}\nmodel User {\n  id Int @id @default(autoincrement())\n  email String @unique\n}\n";
    project.write("schema.prisma", messy);
    let check = project.orm(&["format", "--check"]);
    check.expect_code(1);
    assert!(check.stdout().contains("schema.prisma"), "{}", check.stdout());
    assert_eq!(project.read("schema.prisma"), messy, "--check writes nothing");

    project.orm(&["format"]).expect_code(0);
    let formatted = project.read("schema.prisma");
    assert_ne!(formatted, messy);
    assert!(
        formatted.contains("  id    Int    @id @default(autoincrement())"),
        "columns aligned:\n{formatted}"
    );
    project.orm(&["format", "--check"]).expect_code(0);
    project.orm(&["format"]).expect_code(0);
    assert_eq!(project.read("schema.prisma"), formatted, "idempotent");

    project.write("schema.prisma", "model {\n");
    let broken = project.orm(&["format"]);
    broken.expect_code(1);
    assert!(broken.stderr().contains("schema.prisma:"), "{}", broken.stderr());
}

/// `Some(url)` of a database server from `var`; `None` (with a printed skip message) when unset,
/// unless `ORM_REQUIRE_ALL_BACKENDS=1`, then the test fails.
fn server_url(var: &str) -> Option<String> {
    match std::env::var(var) {
        Ok(url) if !url.is_empty() => Some(url),
        _ => {
            assert!(
                !std::env::var("ORM_REQUIRE_ALL_BACKENDS").is_ok_and(|v| v == "1"),
                "{var} is not set but ORM_REQUIRE_ALL_BACKENDS=1"
            );
            eprintln!("skipped: {var} is not set");
            None
        }
    }
}

/// A PostgreSQL database `orm_cli_<random>` created with `psql`, dropped on drop.
struct PgDatabase {
    admin_url: String,
    name: String,
    url: String,
}

impl PgDatabase {
    fn create(admin_url: &str) -> PgDatabase {
        let nanos =
            std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.as_nanos());
        let name = format!("orm_cli_{}_{nanos}", std::process::id());
        let status = Command::new("psql")
            .args([admin_url, "-v", "ON_ERROR_STOP=1", "-q", "-c", &format!("CREATE DATABASE \"{name}\"")])
            .status()
            .expect("run psql");
        assert!(status.success(), "CREATE DATABASE {name}");
        let (base, query) =
            admin_url.split_once('?').map_or((admin_url, String::new()), |(b, q)| (b, format!("?{q}")));
        let path_start = base.find("://").map_or(0, |i| i + 3);
        let slash = base[path_start..].find('/').map_or(base.len(), |i| path_start + i);
        let url = format!("{}/{name}{query}", &base[..slash]);
        PgDatabase { admin_url: admin_url.to_owned(), name, url }
    }
}

impl Drop for PgDatabase {
    fn drop(&mut self) {
        let _ = Command::new("psql")
            .args([
                &self.admin_url,
                "-q",
                "-c",
                &format!("DROP DATABASE IF EXISTS \"{}\" WITH (FORCE)", self.name),
            ])
            .status();
    }
}

#[test]
fn migrate_dev_deploy_status_flow_on_postgres() {
    let Some(admin_url) = server_url("ORM_TEST_POSTGRES_URL") else { return };
    let database = PgDatabase::create(&admin_url);
    let project = Project::new("pg");
    project.write("prisma/schema.prisma", &SQLITE_SCHEMA.replace("\"sqlite\"", "\"postgresql\""));
    let env = [("DATABASE_URL", database.url.as_str())];

    project.orm_env(&["migrate", "dev", "--name", "init"], &env).expect_code(0);
    project.orm_env(&["migrate", "status"], &env).expect_code(0);
    let changed = SQLITE_SCHEMA
        .replace("\"sqlite\"", "\"postgresql\"")
        .replace("  title    String\n", "  title    String\n  body     String?\n");
    project.write("prisma/schema.prisma", &changed);
    let diff = project.orm_env(&["migrate", "diff"], &env);
    diff.expect_code(0);
    assert!(diff.stdout().contains("ADD COLUMN \"body\" TEXT"), "{}", diff.stdout());
    project.orm_env(&["migrate", "dev", "--name", "add_body", "--create-only"], &env).expect_code(0);
    project.orm_env(&["migrate", "status"], &env).expect_code(1);
    project.orm_env(&["migrate", "deploy"], &env).expect_code(0);
    project.orm_env(&["migrate", "status"], &env).expect_code(0);
    // Nothing left to migrate: a further `migrate dev` creates no migration.
    let again = project.orm_env(&["migrate", "dev", "--name", "noop"], &env);
    again.expect_code(0);
    assert!(again.stderr().contains("no new migration"), "{}", again.stderr());
    project.orm_env(&["migrate", "reset", "--force"], &env).expect_code(0);
    project.orm_env(&["migrate", "status"], &env).expect_code(0);
}
