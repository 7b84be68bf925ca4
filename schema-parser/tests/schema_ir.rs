//! The validated `Schema` IR: relations, referential actions, defaults, configuration and names,
//! as codegen and migrations consume them.

use orm_schema_parser::*;

/// Validates one file, expecting no error.
#[track_caller]
fn schema(text: &str) -> Schema {
    let file = SourceFile { path: "schema.prisma".to_owned(), text: text.to_owned() };
    let (schema, diagnostics) = parse_and_validate(std::slice::from_ref(&file));
    assert!(!diagnostics.has_errors(), "{}", diagnostics.render_plain(&[("schema.prisma", text)]));
    schema
}

fn model<'s>(schema: &'s Schema, name: &str) -> &'s Model {
    schema.model(schema.find_model(name).expect("model exists"))
}

fn relation_field<'s>(model: &'s Model, name: &str) -> &'s RelationField {
    model.relation_fields.iter().find(|f| f.name == name).expect("relation field exists")
}

fn scalar<'s>(model: &'s Model, name: &str) -> &'s ScalarField {
    model.scalar_field(model.find_scalar_field(name).expect("scalar field exists"))
}

const BLOG: &str = r#"
datasource db {
  provider   = "postgres"
  url        = env("DATABASE_URL")
  directUrl  = "postgres://direct"
  extensions = [pgcrypto, postgis(version: "3"), uuid_ossp(map: "uuid-ossp", schema: "extensions")]
}

generator client {
  provider      = "orm-client-rust"
  output        = "../src/db"
  binaryTargets = ["native"]
  custom        = 42
}

/// A user.
/// Second line.
model User {
  id        Int       @id @default(autoincrement())
  email     String    @unique @db.VarChar(255)
  role      Role      @default(ADMIN)
  posts     Post[]
  comments  Comment[]
  profile   Profile?
  tags      String[]  @default(["a", "b"])
  createdAt DateTime  @default(now()) @map("created_at")

  @@map("users")
}

model Profile {
  id     Int  @id
  userId Int  @unique
  user   User @relation(fields: [userId], references: [id], onDelete: Cascade, map: "profile_user_fk")
}

model Post {
  id       String    @id @default(uuid(7))
  authorId Int?
  author   User?     @relation(fields: [authorId], references: [id])
  tags     Tag[]
  comments Comment[]
}

model Comment {
  id     Int    @id
  postId String
  post   Post   @relation(fields: [postId], references: [id])
  userId Int
  user   User   @relation(fields: [userId], references: [id], onUpdate: NoAction)
}

model Tag {
  name  String @id
  posts Post[]
}

enum Role {
  USER
  /// Can do everything.
  ADMIN @map("admin")
}
"#;

#[test]
fn datasource_and_generator_configuration() {
    let schema = schema(BLOG);
    let ds = schema.datasource.as_ref().expect("datasource");
    assert_eq!(ds.provider, Provider::Postgresql);
    assert_eq!(ds.url, Some(StringOrEnv::Env("DATABASE_URL".to_owned())));
    assert_eq!(ds.direct_url, Some(StringOrEnv::Literal("postgres://direct".to_owned())));
    let names: Vec<&str> = ds.extensions.iter().map(|e| e.name.as_str()).collect();
    assert_eq!(names, ["pgcrypto", "postgis", "uuid_ossp"]);
    let db_names: Vec<&str> = ds.extensions.iter().map(|e| e.database_name()).collect();
    assert_eq!(db_names, ["pgcrypto", "postgis", "uuid-ossp"]);
    assert_eq!(ds.extensions[1].version.as_deref(), Some("3"));
    assert_eq!(ds.extensions[2].map.as_deref(), Some("uuid-ossp"));
    assert_eq!(ds.extensions[2].schema.as_deref(), Some("extensions"));
    assert_eq!((ds.extensions[0].map.as_ref(), ds.extensions[0].schema.as_ref()), (None, None));
    assert_eq!(ds.relation_mode, RelationMode::ForeignKeys);
    let generator = &schema.generators[0];
    assert_eq!(generator.provider, StringOrEnv::Literal(Generator::OUR_PROVIDER.to_owned()));
    assert_eq!(generator.output, Some(StringOrEnv::Literal("../src/db".to_owned())));
    assert_eq!(
        generator.config,
        [("binaryTargets".to_owned(), "[\"native\"]".to_owned()), ("custom".to_owned(), "42".to_owned())]
    );
}

#[test]
fn fields_defaults_names_and_documentation() {
    let schema = schema(BLOG);
    let user = model(&schema, "User");
    assert_eq!(user.database_name(), "users");
    assert_eq!(user.documentation.as_deref(), Some("A user.\nSecond line."));
    let names: Vec<&str> = user.scalar_fields.iter().map(|f| f.name.as_str()).collect();
    assert_eq!(names, ["id", "email", "role", "tags", "createdAt"]);
    assert_eq!(scalar(user, "id").default.as_ref().map(|d| &d.kind), Some(&DefaultKind::Autoincrement));
    assert_eq!(scalar(user, "createdAt").database_name(), "created_at");
    assert_eq!(scalar(user, "createdAt").default.as_ref().map(|d| &d.kind), Some(&DefaultKind::Now));
    let email = scalar(user, "email");
    let native = email.native_type.as_ref().expect("native type");
    assert_eq!((native.name.as_str(), native.args.as_slice()), ("VarChar", ["255".to_owned()].as_slice()));
    let role = scalar(user, "role");
    let role_enum = schema.find_enum("Role").expect("enum");
    assert_eq!(role.ty, ScalarFieldType::Enum(role_enum));
    assert_eq!(
        role.default.as_ref().map(|d| &d.kind),
        Some(&DefaultKind::Value(LiteralValue::EnumValue("ADMIN".to_owned())))
    );
    assert_eq!(
        scalar(user, "tags").default.as_ref().map(|d| &d.kind),
        Some(&DefaultKind::List(vec![
            LiteralValue::String("a".to_owned()),
            LiteralValue::String("b".to_owned())
        ]))
    );
    assert_eq!(
        scalar(model(&schema, "Post"), "id").default.as_ref().map(|d| &d.kind),
        Some(&DefaultKind::Uuid(7))
    );
    let admin = &schema.enum_(role_enum).values[1];
    assert_eq!(
        (admin.database_name(), admin.documentation.as_deref()),
        ("admin", Some("Can do everything."))
    );
    assert!(user.is_unique_criterion(&[user.find_scalar_field("email").expect("email")]));
}

#[test]
fn relations_are_paired_with_kinds_names_and_actions() {
    let schema = schema(BLOG);
    let summary: Vec<String> = schema
        .relations
        .iter()
        .map(|r| {
            let side = |s: &RelationSide| {
                let m = schema.model(s.model);
                format!("{}.{}", m.name, s.field.map_or("-".to_owned(), |f| m.relation_field(f).name.clone()))
            };
            format!(
                "{} {:?} {} -> {} delete={:?} update={:?}",
                r.name,
                r.kind,
                side(&r.referencing),
                side(&r.referenced),
                r.on_delete,
                r.on_update
            )
        })
        .collect();
    assert_eq!(
        summary,
        [
            "PostToUser OneToMany Post.author -> User.posts delete=SetNull update=Cascade",
            "CommentToUser OneToMany Comment.user -> User.comments delete=Restrict update=NoAction",
            "ProfileToUser OneToOne Profile.user -> User.profile delete=Cascade update=Cascade",
            "PostToTag ManyToMany Post.tags -> Tag.posts delete=Cascade update=Cascade",
            "CommentToPost OneToMany Comment.post -> Post.comments delete=Restrict update=Cascade",
        ]
    );
    let profile = model(&schema, "Profile");
    let rel = schema.relation(relation_field(profile, "user").relation);
    assert_eq!(rel.mapped_name.as_deref(), Some("profile_user_fk"));
    assert_eq!(rel.fields, [profile.find_scalar_field("userId").expect("userId")]);
    assert_eq!(rel.references, [model(&schema, "User").find_scalar_field("id").expect("id")]);
    assert_eq!(
        schema.relation(relation_field(model(&schema, "Tag"), "posts").relation).join_table_name(),
        "_PostToTag"
    );
    // Every relation field points at a relation that names it on one side.
    for (model_id, m) in schema.models_with_ids() {
        for (i, f) in m.relation_fields.iter().enumerate() {
            let r = schema.relation(f.relation);
            let me = RelationSide { model: model_id, field: Some(RelationFieldId(i as u32)) };
            assert!(r.referencing == me || r.referenced == me, "{}.{} is not in {}", m.name, f.name, r.name);
        }
    }
}

#[test]
fn relation_mode_prisma_and_sql_server_default_to_no_action() {
    let models = "model User {\n  id    Int    @id\n  posts Post[]\n}\n\nmodel Post {\n  id     Int  @id\n  userId Int\n  user   User @relation(fields: [userId], references: [id])\n}\n";
    for datasource in [
        "datasource db {\n  provider     = \"mysql\"\n  url          = env(\"DATABASE_URL\")\n  relationMode = \"prisma\"\n}\n",
        "datasource db {\n  provider = \"sqlserver\"\n  url      = env(\"DATABASE_URL\")\n}\n",
        "datasource db {\n  provider = \"mongodb\"\n  url      = env(\"DATABASE_URL\")\n}\n",
    ] {
        let text = format!(
            "{datasource}\n{}",
            if datasource.contains("mongodb") {
                models
                    .replace("Int    @id", "Int    @id @map(\"_id\")")
                    .replace("Int  @id", "Int  @id @map(\"_id\")")
            } else {
                models.to_owned()
            }
        );
        let schema = schema(&text);
        assert_eq!(schema.relations[0].on_delete, ReferentialAction::NoAction, "{datasource}");
        assert_eq!(schema.relations[0].on_update, ReferentialAction::Cascade);
    }
}

#[test]
fn self_relations_and_named_relations() {
    let schema = schema(
        "datasource db {\n  provider = \"postgresql\"\n}\n\nmodel Node {\n  id        Int    @id\n  parentId  Int?\n  parent    Node?  @relation(\"tree\", fields: [parentId], references: [id])\n  children  Node[] @relation(\"tree\")\n  following Node[] @relation(\"follows\")\n  followers Node[] @relation(\"follows\")\n}\n",
    );
    let kinds: Vec<(String, RelationKind)> =
        schema.relations.iter().map(|r| (r.name.clone(), r.kind)).collect();
    assert_eq!(
        kinds,
        [("tree".to_owned(), RelationKind::OneToMany), ("follows".to_owned(), RelationKind::ManyToMany)]
    );
    let node = model(&schema, "Node");
    let tree = &schema.relations[0];
    assert_eq!(tree.referencing.field.map(|f| node.relation_field(f).name.as_str()), Some("parent"));
    assert_eq!(tree.on_delete, ReferentialAction::SetNull);
    // For a self m-n, side A is the field whose name sorts first.
    let follows = &schema.relations[1];
    assert_eq!(follows.referencing.field.map(|f| node.relation_field(f).name.as_str()), Some("followers"));
}
