//! End to end on real-world schemas: parse → generate the client → compile it in a scratch project →
//! migrate an empty database → create and read back one row in every model. Once per backend.
//!
//! SQLite always runs (a file in a temp folder). PostgreSQL (`ORM_TEST_POSTGRES_URL`) and
//! MySQL/MariaDB (`ORM_TEST_MYSQL_URL`) run with a fresh database per case (`orm_e2e_<random>`,
//! dropped afterwards); when a variable is unset that test is skipped with a message, unless
//! `ORM_REQUIRE_ALL_BACKENDS=1`.

use orm_tests::scratch::{Backend, MysqlDatabase, PgDatabase, ScratchProject, backend_url, sqlite_url};
use orm_tests::{corpus_schema, parse, program, rewrite_datasource};

/// One corpus schema: short name and file. Each runs on every backend; the datasource is rewritten to
/// the backend's provider (with `url = env("DATABASE_URL")`).
struct Case {
    name: &'static str,
    file: &'static str,
}

/// teable: 30 models, 1-n and 1-1 relations, `@map`/`@@map` everywhere (a sqlite and a postgres
/// variant exist upstream; each backend uses its own); epic-stack: SQLite-first, compound ids;
/// open-saas: PostgreSQL-first. MySQL/MariaDB uses the PostgreSQL variant of teable.
fn cases(provider: &str) -> Vec<Case> {
    let teable = if provider == "sqlite" {
        "teableio__teable__db-main-sqlite.prisma"
    } else {
        "teableio__teable__db-main-postgres.prisma"
    };
    vec![
        Case { name: "teable", file: teable },
        Case { name: "epic_stack", file: "epicweb-dev__epic-stack__prisma.prisma" },
        Case { name: "open_saas", file: "wasp-lang__open-saas__template-app.prisma" },
    ]
}

struct Prepared {
    bin: String,
    schema: orm_schema_parser::Schema,
    n_models: usize,
}

/// Generates clients and programs for every case and builds them in one scratch project.
fn prepare(provider: &str) -> Option<(ScratchProject, Vec<Prepared>)> {
    let dir = orm_tests::corpus_dir()?;
    let mut project = ScratchProject::new(provider);
    let mut prepared = Vec::new();
    for case in cases(provider) {
        let text = rewrite_datasource(&corpus_schema(&dir, case.file), provider);
        let (schema, diagnostics, files) = parse(case.file, &text);
        let pairs: Vec<(&str, &str)> = files.iter().map(|f| (f.path.as_str(), f.text.as_str())).collect();
        assert!(
            !diagnostics.has_errors(),
            "{} is invalid on {provider}:\n{}",
            case.file,
            diagnostics.render_plain(&pairs)
        );
        let client = orm_codegen::generate(
            &schema,
            &orm_codegen::GenerateOptions { schema_path: case.file.to_owned() },
        )
        .unwrap_or_else(|e| panic!("codegen failed for {}: {e}", case.file));
        let program = program::generate(&schema).unwrap_or_else(|e| panic!("{}: {e}", case.file));
        assert_eq!(program.models.len(), schema.models.len(), "{}: every model is created", case.file);
        let bin = format!("{}_{provider}", case.name);
        project.add_bin(&bin, &client.source, &program.source);
        prepared.push(Prepared { bin, n_models: schema.models.len(), schema });
    }
    if let Err(output) = project.build() {
        panic!("the generated clients do not compile:\n{output}");
    }
    Some((project, prepared))
}

/// Creates every table of `schema` in the empty database at `url` (diff from the empty schema).
fn migrate_empty(schema: &orm_schema_parser::Schema, url: &str) {
    let runtime = tokio::runtime::Builder::new_current_thread().enable_all().build().expect("tokio runtime");
    runtime.block_on(async {
        let provider = schema.provider().expect("datasource");
        let dialect = orm_migrate::SqlDialect::from_provider(provider).expect("SQL provider");
        let next = orm_migrate::calculate(schema, dialect);
        let previous = orm_migrate::DatabaseSchema::empty(dialect);
        let steps = orm_migrate::diff(&previous, &next);
        let script = orm_migrate::render_script(&steps, &previous, &next, dialect);
        let mut connection = orm_migrate::connect(url).await.unwrap_or_else(|e| panic!("connect {url}: {e}"));
        connection
            .execute_script(&script)
            .await
            .unwrap_or_else(|e| panic!("migration failed: {e}\n{script}"));
        connection.close().await;
    });
}

fn run_case(project: &ScratchProject, case: &Prepared, url: &str) {
    migrate_empty(&case.schema, url);
    let (ok, output) = project.run(&case.bin, url);
    assert!(ok, "{} failed:\n{output}", case.bin);
    let expected = format!("E2E_OK {}", case.n_models);
    assert!(output.contains(&expected), "{}: expected `{expected}` in:\n{output}", case.bin);
}

#[test]
fn corpus_schemas_round_trip_on_sqlite() {
    let Some((project, prepared)) = prepare("sqlite") else { return };
    assert!(prepared.iter().any(|p| p.n_models >= 15), "at least one schema with 15+ models");
    for case in &prepared {
        let url = sqlite_url(&project.dir, &case.bin);
        run_case(&project, case, &url);
    }
}

#[test]
fn corpus_schemas_round_trip_on_postgres() {
    let Backend::Url(admin_url) = backend_url("ORM_TEST_POSTGRES_URL") else { return };
    let Some((project, prepared)) = prepare("postgresql") else { return };
    for case in &prepared {
        let database = PgDatabase::create(&admin_url, &case.bin);
        run_case(&project, case, &database.url);
    }
}

#[test]
fn corpus_schemas_round_trip_on_mysql() {
    let Backend::Url(admin_url) = backend_url("ORM_TEST_MYSQL_URL") else { return };
    let Some((project, prepared)) = prepare("mysql") else { return };
    for case in &prepared {
        let database = MysqlDatabase::create(&admin_url, &case.bin);
        run_case(&project, case, &database.url);
    }
}
