//! Generation from hand-built `Schema` values: the ARCHITECTURE.md example, determinism, refusals.

use orm_codegen::{CodegenError, GenerateOptions, generate};
use orm_schema_parser::*;

fn span(start: usize) -> Span {
    Span::new(FileId::ZERO, start, start + 1)
}

fn scalar(name: &str, ty: ScalarFieldType, arity: FieldArity, at: usize) -> ScalarField {
    ScalarField {
        name: name.to_owned(),
        mapped_name: None,
        documentation: None,
        ty,
        arity,
        default: None,
        native_type: None,
        is_updated_at: false,
        is_ignored: false,
        span: span(at),
    }
}

fn builtin(t: ScalarType) -> ScalarFieldType {
    ScalarFieldType::Builtin(t)
}

fn default(kind: DefaultKind) -> Option<DefaultValue> {
    Some(DefaultValue { kind, mapped_name: None, span: span(0) })
}

fn ix(i: u32) -> IndexField {
    IndexField { field: ScalarFieldId(i), sort: None, length: None, ops: None }
}

fn model(
    name: &str,
    scalar_fields: Vec<ScalarField>,
    relation_fields: Vec<RelationField>,
    at: usize,
) -> Model {
    Model {
        name: name.to_owned(),
        mapped_name: None,
        schema: None,
        documentation: None,
        kind: ModelKind::Model,
        scalar_fields,
        relation_fields,
        primary_key: Some(PrimaryKey {
            fields: vec![ix(0)],
            name: None,
            mapped_name: None,
            clustered: None,
            defined_on_field: true,
            span: span(at),
        }),
        unique_constraints: vec![],
        indexes: vec![],
        is_ignored: false,
        span: span(at),
    }
}

fn relation_field(
    name: &str,
    related: u32,
    arity: FieldArity,
    fields: Vec<u32>,
    refs: Vec<u32>,
) -> RelationField {
    RelationField {
        name: name.to_owned(),
        documentation: None,
        related_model: ModelId(related),
        arity,
        relation: RelationId(0),
        relation_name: None,
        fields: fields.into_iter().map(ScalarFieldId).collect(),
        references: refs.into_iter().map(ScalarFieldId).collect(),
        on_delete: None,
        on_update: None,
        mapped_name: None,
        is_ignored: false,
        span: span(0),
    }
}

/// The ARCHITECTURE.md example: User (with enum Role, @map, @unique, doc comments) and Post (1-n).
fn blog() -> Schema {
    let mut user = model(
        "User",
        vec![
            ScalarField {
                default: default(DefaultKind::Autoincrement),
                ..scalar("id", builtin(ScalarType::Int), FieldArity::Required, 10)
            },
            ScalarField {
                documentation: Some("Login address.".into()),
                ..scalar("email", builtin(ScalarType::String), FieldArity::Required, 20)
            },
            scalar("name", builtin(ScalarType::String), FieldArity::Optional, 30),
            ScalarField {
                default: default(DefaultKind::Value(LiteralValue::EnumValue("USER".into()))),
                ..scalar("role", ScalarFieldType::Enum(EnumId(0)), FieldArity::Required, 40)
            },
            ScalarField {
                default: default(DefaultKind::Now),
                mapped_name: Some("created_at".into()),
                ..scalar("createdAt", builtin(ScalarType::DateTime), FieldArity::Required, 50)
            },
            scalar("type", builtin(ScalarType::String), FieldArity::Optional, 55),
            scalar("tags", builtin(ScalarType::String), FieldArity::List, 56),
            scalar("location", ScalarFieldType::Unsupported("geometry".into()), FieldArity::Optional, 57),
        ],
        vec![relation_field("posts", 1, FieldArity::List, vec![], vec![])],
        1,
    );
    user.documentation = Some("A person who can log in.".into());
    user.unique_constraints.push(UniqueConstraint {
        fields: vec![ix(1)],
        name: None,
        mapped_name: None,
        clustered: None,
        defined_on_field: true,
        span: span(20),
    });
    let mut post = model(
        "Post",
        vec![
            ScalarField {
                default: default(DefaultKind::Uuid(4)),
                ..scalar("id", builtin(ScalarType::String), FieldArity::Required, 100)
            },
            scalar("title", builtin(ScalarType::String), FieldArity::Required, 110),
            ScalarField {
                default: default(DefaultKind::Value(LiteralValue::Boolean(false))),
                ..scalar("published", builtin(ScalarType::Boolean), FieldArity::Required, 120)
            },
            scalar("authorId", builtin(ScalarType::Int), FieldArity::Required, 130),
            scalar("price", builtin(ScalarType::Decimal), FieldArity::Optional, 135),
            scalar("data", builtin(ScalarType::Json), FieldArity::Optional, 136),
            scalar("blob", builtin(ScalarType::Bytes), FieldArity::Optional, 137),
            scalar("views", builtin(ScalarType::BigInt), FieldArity::Required, 138),
            scalar("score", builtin(ScalarType::Float), FieldArity::Optional, 139),
            ScalarField {
                is_updated_at: true,
                ..scalar("updatedAt", builtin(ScalarType::DateTime), FieldArity::Required, 140)
            },
        ],
        vec![relation_field("author", 0, FieldArity::Required, vec![3], vec![0])],
        100,
    );
    post.mapped_name = Some("posts".into());
    post.unique_constraints.push(UniqueConstraint {
        fields: vec![ix(3), ix(1)],
        name: None,
        mapped_name: None,
        clustered: None,
        defined_on_field: false,
        span: span(150),
    });
    Schema {
        datasource: Some(Datasource {
            name: "db".into(),
            provider: Provider::Postgresql,
            url: Some(StringOrEnv::Env("BLOG_DATABASE_URL".into())),
            direct_url: None,
            shadow_database_url: None,
            relation_mode: RelationMode::ForeignKeys,
            schemas: vec![],
            extensions: vec![],
            span: span(0),
        }),
        generators: vec![],
        models: vec![user, post],
        enums: vec![Enum {
            name: "Role".into(),
            mapped_name: None,
            schema: None,
            documentation: Some("What a user may do.".into()),
            values: vec![
                EnumValue { name: "USER".into(), mapped_name: None, documentation: None, span: span(200) },
                EnumValue {
                    name: "ADMIN".into(),
                    mapped_name: Some("admin".into()),
                    documentation: None,
                    span: span(210),
                },
            ],
            span: span(190),
        }],
        composite_types: vec![],
        relations: vec![Relation {
            name: "PostToUser".into(),
            kind: RelationKind::OneToMany,
            referencing: RelationSide { model: ModelId(1), field: Some(RelationFieldId(0)) },
            referenced: RelationSide { model: ModelId(0), field: Some(RelationFieldId(0)) },
            fields: vec![ScalarFieldId(3)],
            references: vec![ScalarFieldId(0)],
            on_delete: ReferentialAction::Restrict,
            on_update: ReferentialAction::Cascade,
            mapped_name: None,
        }],
    }
}

fn options() -> GenerateOptions {
    GenerateOptions { schema_path: "blog.prisma".into() }
}

#[test]
fn blog_client_snapshot() {
    let out = generate(&blog(), &options()).expect("blog schema generates");
    assert_eq!(out.model_count, 2);
    assert!(out.notes.iter().any(|n| n.contains("User.location")), "{:?}", out.notes);
    insta::assert_snapshot!("blog_client", out.source);
}

#[test]
fn generation_is_deterministic() {
    let a = generate(&blog(), &options()).expect("generates");
    let b = generate(&blog().clone(), &options()).expect("generates");
    assert_eq!(a.source.as_bytes(), b.source.as_bytes());
}

#[test]
fn sqlserver_is_refused_plainly() {
    let mut schema = blog();
    if let Some(ds) = schema.datasource.as_mut() {
        ds.provider = Provider::Sqlserver;
    }
    let err = generate(&schema, &options()).expect_err("sqlserver must be refused");
    assert!(matches!(err, CodegenError::UnsupportedProvider { provider: "sqlserver", .. }));
    assert!(err.to_string().contains("not supported for client generation"), "{err}");
}

#[test]
fn mongodb_generates_and_recursive_composites_are_refused_with_span() {
    let mut schema = blog();
    if let Some(ds) = schema.datasource.as_mut() {
        ds.provider = Provider::Mongodb;
    }
    let out = generate(&schema, &options()).expect("mongodb generates");
    assert!(out.source.contains("pub struct User {"), "{}", out.source);

    // `type Address { street String  next Address? }` would be a struct of infinite size.
    let mut schema = blog();
    schema.composite_types.push(CompositeType {
        name: "Address".into(),
        documentation: None,
        fields: vec![
            scalar("street", builtin(ScalarType::String), FieldArity::Required, 301),
            scalar("next", ScalarFieldType::Composite(CompositeTypeId(0)), FieldArity::Optional, 310),
        ],
        span: span(300),
    });
    let err = generate(&schema, &options()).expect_err("recursive composite refused");
    assert_eq!(err.span(), Some(span(310)));
    assert!(err.to_string().contains("recursive composite type `Address`"), "{err}");

    // Through a list it is fine: `Vec` is indirect.
    schema.composite_types[0].fields[1].arity = FieldArity::List;
    let out = generate(&schema, &options()).expect("a list of itself generates");
    assert!(out.source.contains("pub next: Vec<Address>"), "{}", out.source);

    // A composite type named like a model collides in the Rust type namespace.
    schema.composite_types[0].name = "User".into();
    let err = generate(&schema, &options()).expect_err("name collision");
    assert!(matches!(err, CodegenError::NameCollision { .. }), "{err}");
}

#[test]
fn colliding_field_names_get_a_suffix_then_an_error() {
    let mut schema = blog();
    schema.models[0].scalar_fields.push(scalar(
        "created_at",
        builtin(ScalarType::Int),
        FieldArity::Optional,
        77,
    ));
    let out = generate(&schema, &options()).expect("a second `created_at` is renamed");
    assert!(out.source.contains("pub created_at_field: Option<i32>"), "{}", out.source);
    assert!(out.notes.iter().any(|n| n.contains("`created_at_field`")), "{:?}", out.notes);

    // Scalar fields `postsCount`-like names that take both `posts` and `posts_relation`.
    let mut schema = blog();
    schema.models[0].scalar_fields.push(scalar("posts", builtin(ScalarType::Int), FieldArity::Optional, 88));
    schema.models[0].scalar_fields.push(scalar(
        "posts_relation",
        builtin(ScalarType::Int),
        FieldArity::Optional,
        99,
    ));
    let err = generate(&schema, &options()).expect_err("the relation `posts` cannot be renamed");
    assert!(matches!(err, CodegenError::NameCollision { .. }));
    assert!(err.to_string().contains("relation field `posts`"), "{err}");
}
