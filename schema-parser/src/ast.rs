//! The syntax tree of one PSL file: every node has a [`Span`]; comments are kept for the formatter.
//!
//! The AST is a faithful, unvalidated picture of the text: unknown attributes, wrong argument
//! types and dangling names all survive here and are reported by validation. Items inside blocks
//! are kept in source order, `//` comments included, so a formatter can reprint a file; blank
//! lines can be recovered from the spans (byte offsets into the file's text).
//! Source of the syntax: <https://www.prisma.io/docs/orm/reference/prisma-schema-reference>.

use crate::diagnostics::{FileId, Span};

/// One parsed file.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct SchemaAst {
    /// The file this AST came from.
    pub file_id: FileId,
    /// Top-level items in source order.
    pub tops: Vec<Top>,
}

impl SchemaAst {
    /// Datasource blocks in source order.
    pub fn datasources(&self) -> impl Iterator<Item = &ConfigBlock> {
        self.tops.iter().filter_map(|t| match t {
            Top::Datasource(b) => Some(b),
            _ => None,
        })
    }
    /// Generator blocks in source order.
    pub fn generators(&self) -> impl Iterator<Item = &ConfigBlock> {
        self.tops.iter().filter_map(|t| match t {
            Top::Generator(b) => Some(b),
            _ => None,
        })
    }
    /// Model, view and composite type blocks in source order.
    pub fn models(&self) -> impl Iterator<Item = &Model> {
        self.tops.iter().filter_map(|t| match t {
            Top::Model(m) => Some(m),
            _ => None,
        })
    }
    /// Enum blocks in source order.
    pub fn enums(&self) -> impl Iterator<Item = &Enum> {
        self.tops.iter().filter_map(|t| match t {
            Top::Enum(e) => Some(e),
            _ => None,
        })
    }
}

/// A top-level item.
#[derive(Debug, Clone, PartialEq)]
pub enum Top {
    /// `datasource name { … }`.
    Datasource(ConfigBlock),
    /// `generator name { … }`.
    Generator(ConfigBlock),
    /// `model`, `view` or `type` block.
    Model(Model),
    /// `enum` block.
    Enum(Enum),
    /// A free-standing comment between blocks (including `///` lines not followed by a block).
    Comment(Comment),
}

/// A name as written, with its span.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Identifier {
    /// The text.
    pub name: String,
    /// Where it is.
    pub span: Span,
}

/// A `//` or `///` comment (one line).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Comment {
    /// The whole comment text including the leading slashes, without the line break.
    pub text: String,
    /// True for `///` doc comments.
    pub is_doc: bool,
    /// Where it is.
    pub span: Span,
}

impl Comment {
    /// The text after `//` or `///`, with one leading space removed if present.
    pub fn content(&self) -> &str {
        let rest = if self.is_doc { &self.text[3..] } else { &self.text[2..] };
        rest.strip_prefix(' ').unwrap_or(rest)
    }
}

/// Consecutive `///` lines directly above an item.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Documentation {
    /// The comment lines in order.
    pub lines: Vec<Comment>,
}

impl Documentation {
    /// The documentation text: each line's content (see [`Comment::content`]) joined with `\n`.
    pub fn text(&self) -> String {
        let lines: Vec<&str> = self.lines.iter().map(Comment::content).collect();
        lines.join("\n")
    }
    /// The span from the first to the last line.
    pub fn span(&self) -> Option<Span> {
        let first = self.lines.first()?;
        let last = self.lines.last()?;
        Some(Span { file_id: first.span.file_id, start: first.span.start, end: last.span.end })
    }
}

/// `datasource` or `generator`: a list of `key = value` properties.
#[derive(Debug, Clone, PartialEq)]
pub struct ConfigBlock {
    /// Block name, e.g. `db`.
    pub name: Identifier,
    /// `///` lines above the block.
    pub documentation: Option<Documentation>,
    /// Properties and comments in source order.
    pub items: Vec<ConfigItem>,
    /// A comment on the opening line, after `{`.
    pub header_comment: Option<Comment>,
    /// False when the closing `}` is missing (a diagnostic was reported).
    pub is_closed: bool,
    /// The whole block.
    pub span: Span,
}

impl ConfigBlock {
    /// The properties, in source order.
    pub fn properties(&self) -> impl Iterator<Item = &ConfigProperty> {
        self.items.iter().filter_map(|i| match i {
            ConfigItem::Property(p) => Some(p),
            ConfigItem::Comment(_) => None,
        })
    }
    /// The first property named `key`.
    pub fn property(&self, key: &str) -> Option<&ConfigProperty> {
        self.properties().find(|p| p.key.name == key)
    }
}

/// An item of a [`ConfigBlock`].
#[derive(Debug, Clone, PartialEq)]
pub enum ConfigItem {
    /// `key = value`.
    Property(ConfigProperty),
    /// A comment line between properties.
    Comment(Comment),
}

/// `key = value`.
#[derive(Debug, Clone, PartialEq)]
pub struct ConfigProperty {
    /// The key.
    pub key: Identifier,
    /// The value; `None` when missing (a diagnostic was reported).
    pub value: Option<Expression>,
    /// `///` lines above the property.
    pub documentation: Option<Documentation>,
    /// A comment after the value on the same line.
    pub trailing_comment: Option<Comment>,
    /// The property, without the trailing comment.
    pub span: Span,
}

/// Which keyword opened a [`Model`] block.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ModelKeyword {
    /// `model`.
    Model,
    /// `view`.
    View,
    /// `type` (composite type).
    Type,
}

impl ModelKeyword {
    /// The keyword as written.
    pub fn as_str(self) -> &'static str {
        match self {
            ModelKeyword::Model => "model",
            ModelKeyword::View => "view",
            ModelKeyword::Type => "type",
        }
    }
}

/// A `model`, `view` or `type` block.
#[derive(Debug, Clone, PartialEq)]
pub struct Model {
    /// The keyword.
    pub keyword: ModelKeyword,
    /// The name.
    pub name: Identifier,
    /// `///` lines above the block.
    pub documentation: Option<Documentation>,
    /// Fields, block attributes and comments in source order.
    pub items: Vec<ModelItem>,
    /// A comment on the opening line, after `{`.
    pub header_comment: Option<Comment>,
    /// False when the closing `}` is missing.
    pub is_closed: bool,
    /// The whole block.
    pub span: Span,
}

impl Model {
    /// Fields in source order.
    pub fn fields(&self) -> impl Iterator<Item = &Field> {
        self.items.iter().filter_map(|i| match i {
            ModelItem::Field(f) => Some(f),
            _ => None,
        })
    }
    /// Block attributes (`@@…`) in source order.
    pub fn attributes(&self) -> impl Iterator<Item = &Attribute> {
        self.items.iter().filter_map(|i| match i {
            ModelItem::Attribute(a) => Some(a),
            _ => None,
        })
    }
}

/// An item of a [`Model`].
#[derive(Debug, Clone, PartialEq)]
pub enum ModelItem {
    /// A field.
    Field(Field),
    /// A block attribute `@@…`.
    Attribute(Attribute),
    /// A comment line.
    Comment(Comment),
}

/// A field: `name Type? @attr(…) // comment`.
#[derive(Debug, Clone, PartialEq)]
pub struct Field {
    /// The name.
    pub name: Identifier,
    /// The type (always present: a field without one is reported and dropped by the parser).
    pub ty: FieldType,
    /// Field attributes in source order.
    pub attributes: Vec<Attribute>,
    /// `///` lines above the field.
    pub documentation: Option<Documentation>,
    /// A comment after the attributes on the same line.
    pub trailing_comment: Option<Comment>,
    /// The field, without the trailing comment.
    pub span: Span,
}

/// `Required`, `Optional` (`?`) or `List` (`[]`), as written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Arity {
    /// No modifier.
    Required,
    /// `?`.
    Optional,
    /// `[]`.
    List,
}

/// The type of a field.
#[derive(Debug, Clone, PartialEq)]
pub struct FieldType {
    /// The type name (`Int`, `User`, …); `Unsupported` for `Unsupported("…")`.
    pub name: Identifier,
    /// The database type text of `Unsupported("…")` (unescaped).
    pub unsupported: Option<StringLiteral>,
    /// The arity modifier.
    pub arity: Arity,
    /// Type name plus modifier.
    pub span: Span,
}

/// An attribute: `@name(args)` on a field or `@@name(args)` on a block.
/// `name` is the text after the `@`/`@@`, dots included (`db.VarChar`).
#[derive(Debug, Clone, PartialEq)]
pub struct Attribute {
    /// Name without the `@`/`@@`, e.g. `default`, `db.VarChar`.
    pub name: Identifier,
    /// The argument list; `None` when written without parentheses.
    pub arguments: Option<ArgumentList>,
    /// `///` lines directly above a block attribute (no blank line between); always `None` for a
    /// field attribute.
    pub documentation: Option<Documentation>,
    /// A comment after a block attribute on the same line; always `None` for a field attribute.
    pub trailing_comment: Option<Comment>,
    /// The whole attribute including `@`, without comments.
    pub span: Span,
}

impl Attribute {
    /// Arguments (empty when no parentheses).
    pub fn args(&self) -> &[Argument] {
        self.arguments.as_ref().map_or(&[], |a| &a.arguments)
    }
}

/// `( arg, name: value, … )`.
#[derive(Debug, Clone, PartialEq)]
pub struct ArgumentList {
    /// Arguments in source order.
    pub arguments: Vec<Argument>,
    /// Parentheses included.
    pub span: Span,
}

/// One argument, positional (`"x"`) or named (`map: "x"`).
#[derive(Debug, Clone, PartialEq)]
pub struct Argument {
    /// The name of a named argument.
    pub name: Option<Identifier>,
    /// The value; `None` for `name:` without a value (reported by the parser).
    pub value: Option<Expression>,
    /// The whole argument.
    pub span: Span,
}

/// A string literal.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StringLiteral {
    /// The unescaped value.
    pub value: String,
    /// The text between the quotes exactly as written (escapes not processed).
    pub raw: String,
    /// Quotes included.
    pub span: Span,
}

/// A value.
#[derive(Debug, Clone, PartialEq)]
pub enum Expression {
    /// `"…"`.
    String(StringLiteral),
    /// `42`, `-1`, `13.37`, kept as written.
    Number(String, Span),
    /// A bare name or dotted path: `true`, `Cascade`, `USER`, `id`, `db.x`.
    Constant(String, Span),
    /// `name(args)`: `env("X")`, `now()`, `id(sort: Desc)`.
    Function(FunctionCall),
    /// `[a, b]`.
    Array(Vec<Expression>, Span),
}

/// `name(args)`.
#[derive(Debug, Clone, PartialEq)]
pub struct FunctionCall {
    /// The function name.
    pub name: Identifier,
    /// Its arguments.
    pub arguments: ArgumentList,
    /// The whole call.
    pub span: Span,
}

impl Expression {
    /// Where the expression is.
    pub fn span(&self) -> Span {
        match self {
            Expression::String(s) => s.span,
            Expression::Number(_, span) | Expression::Constant(_, span) | Expression::Array(_, span) => *span,
            Expression::Function(f) => f.span,
        }
    }
    /// The string value of a string literal.
    pub fn as_str(&self) -> Option<&str> {
        match self {
            Expression::String(s) => Some(&s.value),
            _ => None,
        }
    }
    /// The name of a constant.
    pub fn as_constant(&self) -> Option<&str> {
        match self {
            Expression::Constant(c, _) => Some(c),
            _ => None,
        }
    }
    /// A short description of the kind of value, for messages: `a string`, `a number`, …
    pub fn describe(&self) -> &'static str {
        match self {
            Expression::String(_) => "a string",
            Expression::Number(..) => "a number",
            Expression::Constant(..) => "a constant",
            Expression::Function(_) => "a function call",
            Expression::Array(..) => "a list",
        }
    }
    /// Renders the expression back to PSL source text (strings re-escaped as written).
    pub fn to_psl(&self) -> String {
        let mut out = String::new();
        write_expression(&mut out, self);
        out
    }
}

/// Writes `expr` as PSL text into `out`.
fn write_expression(out: &mut String, expr: &Expression) {
    match expr {
        Expression::String(s) => {
            out.push('"');
            out.push_str(&s.raw);
            out.push('"');
        }
        Expression::Number(n, _) | Expression::Constant(n, _) => out.push_str(n),
        Expression::Function(f) => {
            out.push_str(&f.name.name);
            write_arguments(out, &f.arguments);
        }
        Expression::Array(items, _) => {
            out.push('[');
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    out.push_str(", ");
                }
                write_expression(out, item);
            }
            out.push(']');
        }
    }
}

/// Writes `(a, name: b)` into `out`.
pub(crate) fn write_arguments(out: &mut String, args: &ArgumentList) {
    out.push('(');
    for (i, arg) in args.arguments.iter().enumerate() {
        if i > 0 {
            out.push_str(", ");
        }
        if let Some(name) = &arg.name {
            out.push_str(&name.name);
            out.push_str(": ");
        }
        if let Some(value) = &arg.value {
            write_expression(out, value);
        }
    }
    out.push(')');
}

/// An `enum` block.
#[derive(Debug, Clone, PartialEq)]
pub struct Enum {
    /// The name.
    pub name: Identifier,
    /// `///` lines above the block.
    pub documentation: Option<Documentation>,
    /// Values, block attributes and comments in source order.
    pub items: Vec<EnumItem>,
    /// A comment on the opening line, after `{`.
    pub header_comment: Option<Comment>,
    /// False when the closing `}` is missing.
    pub is_closed: bool,
    /// The whole block.
    pub span: Span,
}

impl Enum {
    /// Values in source order.
    pub fn values(&self) -> impl Iterator<Item = &EnumValue> {
        self.items.iter().filter_map(|i| match i {
            EnumItem::Value(v) => Some(v),
            _ => None,
        })
    }
    /// Block attributes in source order.
    pub fn attributes(&self) -> impl Iterator<Item = &Attribute> {
        self.items.iter().filter_map(|i| match i {
            EnumItem::Attribute(a) => Some(a),
            _ => None,
        })
    }
}

/// An item of an [`Enum`].
#[derive(Debug, Clone, PartialEq)]
pub enum EnumItem {
    /// A value.
    Value(EnumValue),
    /// A block attribute `@@…`.
    Attribute(Attribute),
    /// A comment line.
    Comment(Comment),
}

/// One enum value: `NAME @map("…")`.
#[derive(Debug, Clone, PartialEq)]
pub struct EnumValue {
    /// The name.
    pub name: Identifier,
    /// Attributes (`@map`).
    pub attributes: Vec<Attribute>,
    /// `///` lines above.
    pub documentation: Option<Documentation>,
    /// A comment after the value on the same line.
    pub trailing_comment: Option<Comment>,
    /// The value declaration, without the trailing comment.
    pub span: Span,
}
