//! The validated `Schema` IR: what codegen, the query engine's metadata and migrations consume.
//!
//! Everything here is resolved: names point at ids, relations are paired, defaults are typed.
//! Arenas are plain `Vec`s indexed by the `*Id` newtypes; ids are stable for one `Schema` value only.
//! Terminology (as in PSL): a **name** is what the schema calls a thing, the **mapped name** is the
//! `@map`/`@@map` argument, and the **database name** is the mapped name if present, else the name.

use crate::diagnostics::Span;

/// Index into [`Schema::models`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct ModelId(pub u32);
/// Index into [`Schema::enums`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct EnumId(pub u32);
/// Index into [`Schema::composite_types`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct CompositeTypeId(pub u32);
/// Index into [`Schema::relations`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct RelationId(pub u32);
/// Index into [`Model::scalar_fields`] of one model.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct ScalarFieldId(pub u32);
/// Index into [`Model::relation_fields`] of one model.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct RelationFieldId(pub u32);

/// A whole validated schema (one file or a folder of files loaded as one).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Schema {
    /// The `datasource` block; `None` when the schema has none.
    pub datasource: Option<Datasource>,
    /// `generator` blocks in source order.
    pub generators: Vec<Generator>,
    /// Models and views in source order (file order, then position).
    pub models: Vec<Model>,
    /// Enums in source order.
    pub enums: Vec<Enum>,
    /// Composite types (`type` blocks, MongoDB only) in source order.
    pub composite_types: Vec<CompositeType>,
    /// Resolved relations, in the order their first field appears.
    pub relations: Vec<Relation>,
}

impl Schema {
    /// The model with id `id`. Panics on an id from another schema (an internal invariant).
    pub fn model(&self, id: ModelId) -> &Model {
        &self.models[id.0 as usize]
    }
    /// The enum with id `id`.
    pub fn enum_(&self, id: EnumId) -> &Enum {
        &self.enums[id.0 as usize]
    }
    /// The composite type with id `id`.
    pub fn composite_type(&self, id: CompositeTypeId) -> &CompositeType {
        &self.composite_types[id.0 as usize]
    }
    /// The relation with id `id`.
    pub fn relation(&self, id: RelationId) -> &Relation {
        &self.relations[id.0 as usize]
    }
    /// Looks a model up by its schema name.
    pub fn find_model(&self, name: &str) -> Option<ModelId> {
        self.models.iter().position(|m| m.name == name).map(|i| ModelId(i as u32))
    }
    /// Looks an enum up by its schema name.
    pub fn find_enum(&self, name: &str) -> Option<EnumId> {
        self.enums.iter().position(|e| e.name == name).map(|i| EnumId(i as u32))
    }
    /// The datasource provider, if there is a datasource.
    pub fn provider(&self) -> Option<Provider> {
        self.datasource.as_ref().map(|d| d.provider)
    }
    /// Iterates `(ModelId, &Model)`.
    pub fn models_with_ids(&self) -> impl Iterator<Item = (ModelId, &Model)> {
        self.models.iter().enumerate().map(|(i, m)| (ModelId(i as u32), m))
    }
}

/// A connector family named by `datasource { provider = "…" }`.
/// Source: <https://www.prisma.io/docs/orm/reference/prisma-schema-reference#fields>.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Provider {
    /// `sqlite`.
    Sqlite,
    /// `postgresql` or its alias `postgres`.
    Postgresql,
    /// `mysql` (also MariaDB).
    Mysql,
    /// `mongodb`.
    Mongodb,
    /// `cockroachdb`: validated like PostgreSQL with its own native types.
    Cockroachdb,
    /// `sqlserver`: validated and formatted, not generated.
    Sqlserver,
}

/// The name a constraint gets without `map:`, as Prisma names it (the validator checks clashes with
/// it, `orm-migrate` creates constraints under it): `{table}_pkey`, `{table}_{columns}_key` /
/// `_idx` / `_fkey`, `{table}_{column}_df` (SQL Server defaults). `{table}_{columns}` is cut (at a
/// char boundary) so the whole name fits PostgreSQL's and CockroachDB's 63-byte and MySQL's 64-byte
/// identifier limits; other providers have no cut.
/// Sources: PostgreSQL manual, "Identifiers and Key Words"
/// (<https://www.postgresql.org/docs/current/sql-syntax-lexical.html#SQL-SYNTAX-IDENTIFIERS>);
/// MySQL manual, "Identifier Length Limits" (<https://dev.mysql.com/doc/refman/8.0/en/identifier-length.html>).
pub fn default_constraint_name(provider: Provider, table: &str, columns: &[&str], suffix: &str) -> String {
    let mut base = table.to_owned();
    for c in columns {
        base.push('_');
        base.push_str(c);
    }
    let limit = match provider {
        Provider::Postgresql | Provider::Cockroachdb => Some(63),
        Provider::Mysql => Some(64),
        Provider::Sqlite | Provider::Mongodb | Provider::Sqlserver => None,
    };
    if let Some(limit) = limit {
        let mut keep = limit - suffix.len() - 1;
        if base.len() > keep {
            while !base.is_char_boundary(keep) {
                keep -= 1;
            }
            base.truncate(keep);
        }
    }
    format!("{base}_{suffix}")
}

impl Provider {
    /// Parses a provider string as PSL spells it (`postgres` is an alias of `postgresql`).
    pub fn from_psl(s: &str) -> Option<Provider> {
        Some(match s {
            "sqlite" => Provider::Sqlite,
            "postgresql" | "postgres" => Provider::Postgresql,
            "mysql" => Provider::Mysql,
            "mongodb" => Provider::Mongodb,
            "cockroachdb" => Provider::Cockroachdb,
            "sqlserver" => Provider::Sqlserver,
            _ => return None,
        })
    }
    /// The canonical PSL spelling.
    pub fn as_str(self) -> &'static str {
        match self {
            Provider::Sqlite => "sqlite",
            Provider::Postgresql => "postgresql",
            Provider::Mysql => "mysql",
            Provider::Mongodb => "mongodb",
            Provider::Cockroachdb => "cockroachdb",
            Provider::Sqlserver => "sqlserver",
        }
    }
}

/// A string-valued setting that may come from the environment: `"…"` or `env("VAR")`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum StringOrEnv {
    /// A literal string.
    Literal(String),
    /// `env("VAR")`: the value of environment variable `VAR`, read at run time.
    Env(String),
}

/// `relationMode` (or the older `referentialIntegrity`) of the datasource.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum RelationMode {
    /// Foreign keys live in the database (the default, except on MongoDB).
    #[default]
    ForeignKeys,
    /// Prisma emulates relations; no foreign keys are created.
    Prisma,
}

/// The `datasource` block.
#[derive(Debug, Clone, PartialEq)]
pub struct Datasource {
    /// Block name, e.g. `db`.
    pub name: String,
    /// The provider.
    pub provider: Provider,
    /// `url`; absent in Prisma 7 style schemas.
    pub url: Option<StringOrEnv>,
    /// `directUrl`.
    pub direct_url: Option<StringOrEnv>,
    /// `shadowDatabaseUrl`.
    pub shadow_database_url: Option<StringOrEnv>,
    /// `relationMode` / `referentialIntegrity`.
    pub relation_mode: RelationMode,
    /// `schemas = [...]` (multi-schema), empty when absent.
    pub schemas: Vec<String>,
    /// `extensions = [...]` (PostgreSQL), in source order; empty when absent.
    pub extensions: Vec<Extension>,
    /// The whole block.
    pub span: Span,
}

/// One entry of a datasource's `extensions = [...]` (PostgreSQL): `name`, `"name"`, or
/// `name(map: "…", schema: "…", version: "…")` with any of the three arguments.
/// Source: <https://www.prisma.io/docs/orm/v6/prisma-schema/postgresql-extensions>.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Extension {
    /// The name as written in the schema.
    pub name: String,
    /// `map:`: the extension's name in the database when it differs (e.g. `uuid-ossp`, which is
    /// not a valid identifier).
    pub map: Option<String>,
    /// `schema:`: the database schema to install the extension into.
    pub schema: Option<String>,
    /// `version:`: the extension version to install.
    pub version: Option<String>,
    /// The entry.
    pub span: Span,
}

impl Extension {
    /// The extension's name in the database: `map` if given, else `name`.
    pub fn database_name(&self) -> &str {
        self.map.as_deref().unwrap_or(&self.name)
    }
}

/// A `generator` block. Unknown generators are kept as opaque configuration.
#[derive(Debug, Clone, PartialEq)]
pub struct Generator {
    /// Block name, e.g. `client`.
    pub name: String,
    /// `provider`, e.g. `orm-client-rust` (ours) or `prisma-client-js`.
    pub provider: StringOrEnv,
    /// `output`, relative to the schema file's folder.
    pub output: Option<StringOrEnv>,
    /// `previewFeatures`.
    pub preview_features: Vec<String>,
    /// Every other key with its value rendered back as PSL source text.
    pub config: Vec<(String, String)>,
    /// The whole block.
    pub span: Span,
}

impl Generator {
    /// The provider string of our own generator.
    pub const OUR_PROVIDER: &'static str = "orm-client-rust";
}

/// Whether a block is a `model` or a `view`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ModelKind {
    /// `model`.
    Model,
    /// `view` (read-only; not created by migrations).
    View,
}

/// A `model` or `view` block.
#[derive(Debug, Clone, PartialEq)]
pub struct Model {
    /// Name in the schema, e.g. `User`.
    pub name: String,
    /// `@@map("…")`.
    pub mapped_name: Option<String>,
    /// `@@schema("…")`.
    pub schema: Option<String>,
    /// `///` doc comment lines joined with `\n`.
    pub documentation: Option<String>,
    /// Model or view.
    pub kind: ModelKind,
    /// Scalar, enum, composite and `Unsupported` fields in source order.
    pub scalar_fields: Vec<ScalarField>,
    /// Relation fields in source order.
    pub relation_fields: Vec<RelationField>,
    /// `@id` or `@@id`.
    pub primary_key: Option<PrimaryKey>,
    /// `@unique` and `@@unique`, in source order.
    pub unique_constraints: Vec<UniqueConstraint>,
    /// `@@index` and `@@fulltext`, in source order.
    pub indexes: Vec<Index>,
    /// `@@ignore`.
    pub is_ignored: bool,
    /// The whole block.
    pub span: Span,
}

impl Model {
    /// The table (or collection) name: mapped name, else name.
    pub fn database_name(&self) -> &str {
        self.mapped_name.as_deref().unwrap_or(&self.name)
    }
    /// The scalar field with id `id`.
    pub fn scalar_field(&self, id: ScalarFieldId) -> &ScalarField {
        &self.scalar_fields[id.0 as usize]
    }
    /// The relation field with id `id`.
    pub fn relation_field(&self, id: RelationFieldId) -> &RelationField {
        &self.relation_fields[id.0 as usize]
    }
    /// Looks a scalar field up by name.
    pub fn find_scalar_field(&self, name: &str) -> Option<ScalarFieldId> {
        self.scalar_fields.iter().position(|f| f.name == name).map(|i| ScalarFieldId(i as u32))
    }
    /// True when `fields` (in any order) equal the primary key or a unique constraint's fields.
    pub fn is_unique_criterion(&self, fields: &[ScalarFieldId]) -> bool {
        let same = |c: &[IndexField]| c.len() == fields.len() && c.iter().all(|f| fields.contains(&f.field));
        self.primary_key.as_ref().is_some_and(|pk| same(&pk.fields))
            || self.unique_constraints.iter().any(|u| same(&u.fields))
    }
}

/// `Required`, `Optional` (`?`) or `List` (`[]`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum FieldArity {
    /// No modifier.
    Required,
    /// `?`.
    Optional,
    /// `[]`.
    List,
}

/// The built-in scalar types of PSL.
/// Source: <https://www.prisma.io/docs/orm/reference/prisma-schema-reference#model-field-scalar-types>.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ScalarType {
    /// `String`.
    String,
    /// `Int` (32-bit signed).
    Int,
    /// `BigInt` (64-bit signed).
    BigInt,
    /// `Float` (64-bit IEEE 754).
    Float,
    /// `Decimal` (exact decimal).
    Decimal,
    /// `Boolean`.
    Boolean,
    /// `DateTime` (UTC instant).
    DateTime,
    /// `Json`.
    Json,
    /// `Bytes`.
    Bytes,
}

impl ScalarType {
    /// Parses a PSL type name.
    pub fn from_psl(s: &str) -> Option<ScalarType> {
        Some(match s {
            "String" => ScalarType::String,
            "Int" => ScalarType::Int,
            "BigInt" => ScalarType::BigInt,
            "Float" => ScalarType::Float,
            "Decimal" => ScalarType::Decimal,
            "Boolean" => ScalarType::Boolean,
            "DateTime" => ScalarType::DateTime,
            "Json" => ScalarType::Json,
            "Bytes" => ScalarType::Bytes,
            _ => return None,
        })
    }
    /// The PSL spelling.
    pub fn as_str(self) -> &'static str {
        match self {
            ScalarType::String => "String",
            ScalarType::Int => "Int",
            ScalarType::BigInt => "BigInt",
            ScalarType::Float => "Float",
            ScalarType::Decimal => "Decimal",
            ScalarType::Boolean => "Boolean",
            ScalarType::DateTime => "DateTime",
            ScalarType::Json => "Json",
            ScalarType::Bytes => "Bytes",
        }
    }
}

/// The type of a non-relation field.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum ScalarFieldType {
    /// A built-in scalar.
    Builtin(ScalarType),
    /// An enum of this schema.
    Enum(EnumId),
    /// A composite type (MongoDB).
    Composite(CompositeTypeId),
    /// `Unsupported("…")`: the database type text. Not readable or writable through the client.
    Unsupported(String),
}

/// A native database type attribute, `@db.VarChar(255)` → `name: "VarChar", args: ["255"]`.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct NativeType {
    /// Type name without the `@db.` prefix.
    pub name: String,
    /// Arguments as written (numbers as decimal text).
    pub args: Vec<String>,
    /// The attribute.
    pub span: Span,
}

/// A literal in a default value or a list default.
#[derive(Debug, Clone, PartialEq)]
pub enum LiteralValue {
    /// A string literal (unescaped).
    String(String),
    /// An integer literal.
    Int(i64),
    /// A float literal, kept as written so no precision is lost.
    Float(String),
    /// `true` or `false`.
    Boolean(bool),
    /// A bare identifier naming an enum value.
    EnumValue(String),
}

/// What `@default(…)` produces.
#[derive(Debug, Clone, PartialEq)]
pub enum DefaultKind {
    /// `autoincrement()`.
    Autoincrement,
    /// `sequence()` (CockroachDB).
    Sequence,
    /// `now()`.
    Now,
    /// `uuid()` (version 4) or `uuid(4|7)`.
    Uuid(u8),
    /// `cuid()` (version 1) or `cuid(1|2)`.
    Cuid(u8),
    /// `nanoid()` or `nanoid(n)`.
    Nanoid(Option<u8>),
    /// `ulid()`.
    Ulid,
    /// `auto()` (MongoDB ObjectId).
    Auto,
    /// `dbgenerated("expr")` or `dbgenerated()`.
    DbGenerated(Option<String>),
    /// A literal value.
    Value(LiteralValue),
    /// A list of literals, for list fields.
    List(Vec<LiteralValue>),
}

impl DefaultKind {
    /// True when the value is produced by the client (uuid, cuid, nanoid, ulid), not the database.
    pub fn is_client_generated(&self) -> bool {
        matches!(
            self,
            DefaultKind::Uuid(_) | DefaultKind::Cuid(_) | DefaultKind::Nanoid(_) | DefaultKind::Ulid
        )
    }
}

/// `@default(…)` on a scalar field.
#[derive(Debug, Clone, PartialEq)]
pub struct DefaultValue {
    /// What the default produces.
    pub kind: DefaultKind,
    /// `map:` argument: the default constraint name (SQL Server).
    pub mapped_name: Option<String>,
    /// The attribute.
    pub span: Span,
}

/// A non-relation field.
#[derive(Debug, Clone, PartialEq)]
pub struct ScalarField {
    /// Name in the schema.
    pub name: String,
    /// `@map("…")`.
    pub mapped_name: Option<String>,
    /// `///` doc comment.
    pub documentation: Option<String>,
    /// The type.
    pub ty: ScalarFieldType,
    /// `?`, `[]` or neither.
    pub arity: FieldArity,
    /// `@default(…)`.
    pub default: Option<DefaultValue>,
    /// `@db.*`.
    pub native_type: Option<NativeType>,
    /// `@updatedAt`.
    pub is_updated_at: bool,
    /// `@ignore`.
    pub is_ignored: bool,
    /// The field declaration.
    pub span: Span,
}

impl ScalarField {
    /// The column name: mapped name, else name.
    pub fn database_name(&self) -> &str {
        self.mapped_name.as_deref().unwrap_or(&self.name)
    }
}

/// Sort order in an index or primary key.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum SortOrder {
    /// `Asc`.
    Asc,
    /// `Desc`.
    Desc,
}

/// One field of an id, unique or index, with its per-field options.
#[derive(Debug, Clone, PartialEq)]
pub struct IndexField {
    /// The field (of the same model).
    pub field: ScalarFieldId,
    /// `sort:`.
    pub sort: Option<SortOrder>,
    /// `length:` (MySQL prefix length).
    pub length: Option<u32>,
    /// `ops:` operator class (PostgreSQL), as written.
    pub ops: Option<String>,
}

/// `@id` or `@@id`.
#[derive(Debug, Clone, PartialEq)]
pub struct PrimaryKey {
    /// Fields in key order.
    pub fields: Vec<IndexField>,
    /// `name:`, the client-side name of a compound id.
    pub name: Option<String>,
    /// `map:`, the constraint name in the database.
    pub mapped_name: Option<String>,
    /// `clustered:` (SQL Server).
    pub clustered: Option<bool>,
    /// True for `@id` on a field, false for `@@id`.
    pub defined_on_field: bool,
    /// The attribute.
    pub span: Span,
}

/// `@unique` or `@@unique`.
#[derive(Debug, Clone, PartialEq)]
pub struct UniqueConstraint {
    /// Fields in order.
    pub fields: Vec<IndexField>,
    /// `name:`, the client-side name of a compound unique.
    pub name: Option<String>,
    /// `map:`, the index name in the database.
    pub mapped_name: Option<String>,
    /// `clustered:` (SQL Server).
    pub clustered: Option<bool>,
    /// True for `@unique` on a field.
    pub defined_on_field: bool,
    /// The attribute.
    pub span: Span,
}

/// Index algorithm, `type:` of `@@index`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum IndexAlgorithm {
    /// `BTree` (the default).
    BTree,
    /// `Hash`.
    Hash,
    /// `Gin`.
    Gin,
    /// `Gist`.
    Gist,
    /// `SpGist`.
    SpGist,
    /// `Brin`.
    Brin,
}

/// `@@index` or `@@fulltext`.
#[derive(Debug, Clone, PartialEq)]
pub struct Index {
    /// Fields in order.
    pub fields: Vec<IndexField>,
    /// `name:` (deprecated alias of `map:` on `@@index`).
    pub name: Option<String>,
    /// `map:`, the index name in the database.
    pub mapped_name: Option<String>,
    /// `type:`.
    pub algorithm: Option<IndexAlgorithm>,
    /// True for `@@fulltext`.
    pub is_fulltext: bool,
    /// `clustered:`.
    pub clustered: Option<bool>,
    /// The attribute.
    pub span: Span,
}

/// Referential actions of `onDelete`/`onUpdate`.
/// Source: <https://www.prisma.io/docs/orm/prisma-schema/data-model/relations/referential-actions>.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ReferentialAction {
    /// `Cascade`.
    Cascade,
    /// `Restrict`.
    Restrict,
    /// `NoAction`.
    NoAction,
    /// `SetNull`.
    SetNull,
    /// `SetDefault`.
    SetDefault,
}

/// A relation field, e.g. `author User @relation(fields: [authorId], references: [id])`.
#[derive(Debug, Clone, PartialEq)]
pub struct RelationField {
    /// Name in the schema.
    pub name: String,
    /// `///` doc comment.
    pub documentation: Option<String>,
    /// The model on the other side.
    pub related_model: ModelId,
    /// `Required` / `Optional` for to-one, `List` for to-many.
    pub arity: FieldArity,
    /// The resolved relation this field belongs to.
    pub relation: RelationId,
    /// The relation name given in `@relation("…")` or `@relation(name: "…")`.
    pub relation_name: Option<String>,
    /// `fields:` (scalar fields of this model), empty on the back-relation side.
    pub fields: Vec<ScalarFieldId>,
    /// `references:` (scalar fields of `related_model`), empty on the back-relation side.
    pub references: Vec<ScalarFieldId>,
    /// `onDelete:` as written.
    pub on_delete: Option<ReferentialAction>,
    /// `onUpdate:` as written.
    pub on_update: Option<ReferentialAction>,
    /// `map:`, the foreign key constraint name.
    pub mapped_name: Option<String>,
    /// `@ignore`.
    pub is_ignored: bool,
    /// The field declaration.
    pub span: Span,
}

/// The shape of a relation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum RelationKind {
    /// 1-1: the referencing side's `fields` are unique.
    OneToOne,
    /// 1-n: many referencing rows point at one referenced row.
    OneToMany,
    /// Implicit m-n through the join table `_<name>` with columns `A` and `B`.
    ManyToMany,
}

/// One side of a relation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct RelationSide {
    /// The model on this side.
    pub model: ModelId,
    /// Its relation field; `None` only when validation failed to find a back-relation field.
    pub field: Option<RelationFieldId>,
}

/// A resolved relation between two models (or a model and itself).
#[derive(Debug, Clone, PartialEq)]
pub struct Relation {
    /// The explicit name, or Prisma's default: the two model names sorted and joined with `To`.
    pub name: String,
    /// 1-1, 1-n or implicit m-n.
    pub kind: RelationKind,
    /// For 1-1 and 1-n: the side holding `fields:`/`references:` (the foreign key).
    /// For m-n: model `A`, the model whose name sorts first (column `A` of the join table).
    pub referencing: RelationSide,
    /// For 1-1 and 1-n: the side being referenced. For m-n: model `B`.
    pub referenced: RelationSide,
    /// Foreign key columns on `referencing.model` (empty for m-n).
    pub fields: Vec<ScalarFieldId>,
    /// Referenced columns on `referenced.model` (empty for m-n).
    pub references: Vec<ScalarFieldId>,
    /// Effective `onDelete`: as written, else Prisma's default (`SetNull` when every
    /// foreign key field is optional, else `Restrict`; `NoAction` in relation mode `prisma`).
    pub on_delete: ReferentialAction,
    /// Effective `onUpdate`: as written, else `Cascade`.
    pub on_update: ReferentialAction,
    /// `map:` of the foreign key constraint.
    pub mapped_name: Option<String>,
}

impl Relation {
    /// The implicit m-n join table name, `_<name>`.
    pub fn join_table_name(&self) -> String {
        format!("_{}", self.name)
    }
}

/// An `enum` block.
#[derive(Debug, Clone, PartialEq)]
pub struct Enum {
    /// Name in the schema.
    pub name: String,
    /// `@@map("…")`.
    pub mapped_name: Option<String>,
    /// `@@schema("…")`.
    pub schema: Option<String>,
    /// `///` doc comment.
    pub documentation: Option<String>,
    /// Values in source order.
    pub values: Vec<EnumValue>,
    /// The whole block.
    pub span: Span,
}

impl Enum {
    /// The database type name: mapped name, else name.
    pub fn database_name(&self) -> &str {
        self.mapped_name.as_deref().unwrap_or(&self.name)
    }
}

/// One value of an enum.
#[derive(Debug, Clone, PartialEq)]
pub struct EnumValue {
    /// Name in the schema.
    pub name: String,
    /// `@map("…")`.
    pub mapped_name: Option<String>,
    /// `///` doc comment.
    pub documentation: Option<String>,
    /// The declaration.
    pub span: Span,
}

impl EnumValue {
    /// The value stored in the database: mapped name, else name.
    pub fn database_name(&self) -> &str {
        self.mapped_name.as_deref().unwrap_or(&self.name)
    }
}

/// A `type` block (MongoDB composite type).
#[derive(Debug, Clone, PartialEq)]
pub struct CompositeType {
    /// Name in the schema.
    pub name: String,
    /// `///` doc comment.
    pub documentation: Option<String>,
    /// Fields in source order.
    pub fields: Vec<ScalarField>,
    /// The whole block.
    pub span: Span,
}
