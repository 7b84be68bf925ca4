//! Renders PSL text in the canonical layout of `prisma format` (the formatter behind `orm format`).
//!
//! # Layout rules
//! The rules follow the output of Prisma's own formatter (`prisma format`, Prisma 6), learnt from its
//! documented behaviour (<https://www.prisma.io/docs/orm/reference/prisma-cli-reference#format>) and from
//! real schemas it produced; no code of it is copied.
//!
//! * Two-space indentation; `\r\n` and `\r` become `\n`; the file ends with exactly one `\n` (an
//!   empty schema is written as one `\n`).
//! * Top level: one blank line after every block; blank lines elsewhere (between comments, between a
//!   comment and a block) collapse to at most one. Leading blank lines are dropped.
//! * `model`, `view`, `type` and `enum` bodies are tables: field name, type and attributes (enum: value
//!   name and attributes) are aligned in columns. Column widths are computed per group of lines that no
//!   blank line separates; comment lines do not break a group. The last cell of a line is not padded,
//!   and a trailing comment follows the line after one space.
//! * Field attributes are ordered `@id`, `@unique`, `@default`, `@updatedAt`, `@map`, `@relation`,
//!   `@ignore`, then all others (`@db.*`, …) in source order.
//! * Block attributes (`@@…`) move after the fields, separated by one blank line, ordered `@@id`,
//!   `@@unique`, `@@index`, `@@fulltext`, `@@map`, `@@ignore`, then all others (`@@schema`, …) in source
//!   order. Comment lines directly above a block attribute move with it; empty lines directly above
//!   it (or its comments) are dropped.
//! * `datasource`/`generator`: `key = value` with the `=` aligned per group, like the tables above.
//! * Argument lists and arrays are written on one line as `(a, name: b)` and `[a, b]`; strings and
//!   numbers stay exactly as written; blank lines inside a body collapse to one and are dropped at the
//!   start and end of the body.
//! * Comments are kept verbatim (trailing spaces included, as Prisma does). Deliberate differences:
//!   a comment after the opening `{` stays there (Prisma drops it), and a comment after the closing
//!   `}` stays on that line (Prisma moves it to the next line, and its second run then adds a blank
//!   line, so Prisma is not idempotent there).
//!
//! # Relations
//! Like `prisma format`, the formatter completes relations written on one side only
//! (<https://www.prisma.io/docs/orm/prisma-schema/data-model/relations#relation-fields>). A schema
//! whose relations are complete (every valid schema) is left as it is, and so is a schema with
//! validation errors other than missing relation fields (or a missing datasource).
//!
//! * A forward field `author User @relation(fields: [authorId], references: [id])` whose model `User`
//!   has no field back: `User` gets `posts Post[]` (`post Post?` when `authorId` is unique).
//! * A singular field `category Category` without `fields:` (no back field, or a list back field): it
//!   gets `@relation(fields: [categoryId], references: [id])` and its model a new scalar field
//!   `categoryId` with the type (and `@db.*` attribute) of `Category`'s `@id` (else its first unique
//!   field), optional when the relation field is; without a back field `Category` also gets `posts Post[]`.
//! * A list field `tags Tag[]` whose model `Tag` has no field back: `Tag` gets
//!   `post Post? @relation(fields: [postId], references: [id])` and `postId`.
//! * A one-to-one relation without `fields:` on either side (`profile Profile?` / `user User`): as
//!   in Prisma, the required side (else the side in the model whose name sorts first) gets
//!   `@relation(fields: [userId], references: [id])` and `userId`. Like Prisma, no `@unique` is
//!   added, so validation then reports `schema::one_to_one_fields_not_unique` at the new field: the
//!   user decides between one-to-one (add `@unique`) and one-to-many.
//!
//! New fields go after the last field. Their names are the camel-cased model name (plural for lists,
//! `postId` for foreign keys), with a number appended when taken; a named relation keeps its name
//! (`@relation("name")`) on the new field. Only models of the schema being formatted are considered
//! (one file with [`format_schema`], all files with [`format_schema_files`]);
//! no foreign key is added to a `view`; anything ambiguous (several candidate fields) is left alone.
//! Compound primary keys give one foreign key per key field (`fA`, `fB`).
//!
//! # Errors
//! Text with syntax errors is refused with [`FormatError::Syntax`] (formatting it would lose text).
//! Validation errors (unknown types, bad attributes) do not stop the formatter.

use std::collections::HashMap;
use std::fmt;

use crate::ast::*;
use crate::diagnostics::{Diagnostics, FileId, Severity, Span};
use crate::parser::parse_schema;

/// Why a text could not be formatted.
#[derive(Debug, Clone)]
#[non_exhaustive]
pub enum FormatError {
    /// The text does not parse; the diagnostics (spans into the given text, `FileId(0)`) say where.
    Syntax(Diagnostics),
}

impl fmt::Display for FormatError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            FormatError::Syntax(diagnostics) => {
                write!(f, "the schema has {} syntax error(s) and cannot be formatted", diagnostics.len())
            }
        }
    }
}

impl std::error::Error for FormatError {}

/// Formats one PSL file into the canonical layout described in the module docs.
///
/// Meaning-preserving for schemas that validate (parsing and validating the output gives the same
/// `Schema`, up to spans and the order of `@@index`/`@@fulltext` entries) and idempotent
/// (`format_schema(out) == out`). Incomplete relations are completed (see the module docs).
///
/// # Errors
/// [`FormatError::Syntax`] when `text` has any parse diagnostic (spans with `FileId(0)`).
pub fn format_schema(text: &str) -> Result<String, FormatError> {
    Ok(format_schema_files(&[text])?.into_iter().next().unwrap_or_default())
}

/// Formats the files of one multi-file schema (a folder loaded as one): each file is laid out on its
/// own, and relations are completed across all of them (a back-relation field goes to the file of
/// its model). Returns the formatted texts in the order of `texts`.
///
/// # Errors
/// [`FormatError::Syntax`] when any file has a parse diagnostic; `FileId(i)` is `texts[i]`.
pub fn format_schema_files(texts: &[&str]) -> Result<Vec<String>, FormatError> {
    // Line breaks become `\n` first, so that the parser and the formatter agree on lines whatever
    // the file uses. A `\r` can only be a line break in PSL: strings and comments end at one.
    let normalized: Vec<String> = texts.iter().map(|t| t.replace("\r\n", "\n").replace('\r', "\n")).collect();
    let mut diagnostics = Diagnostics::new();
    let mut asts: Vec<SchemaAst> = normalized
        .iter()
        .enumerate()
        .map(|(i, text)| parse_schema(text, FileId(i as u32), &mut diagnostics))
        .collect();
    if !diagnostics.is_empty() {
        // Parse the texts as given again, so that the spans point into them.
        let mut original = Diagnostics::new();
        for (i, text) in texts.iter().enumerate() {
            parse_schema(text, FileId(i as u32), &mut original);
        }
        return Err(FormatError::Syntax(if original.is_empty() { diagnostics } else { original }));
    }
    let added = if relations_are_completable(&asts) { complete_relations(&mut asts) } else { HashMap::new() };
    Ok(normalized
        .iter()
        .zip(&asts)
        .enumerate()
        .map(|(i, (text, ast))| render_schema(text, ast, i, &added))
        .collect())
}

/// `ast` is file `file` of the schema; `added` holds fields to append to the model at a [`Loc`].
fn render_schema(text: &str, ast: &SchemaAst, file: usize, added: &HashMap<Loc, Vec<Field>>) -> String {
    let src = Source { text };
    let mut out = String::new();
    // (end offset, was a block) of the previous top-level item.
    let mut prev: Option<(u32, bool)> = None;
    for (top_idx, top) in ast.tops.iter().enumerate() {
        let (start, end, is_block) = match top {
            Top::Comment(c) => (c.span.start, c.span.end, false),
            Top::Datasource(b) | Top::Generator(b) => {
                (doc_start(&b.documentation, b.span.start), b.span.end, true)
            }
            Top::Model(m) => (doc_start(&m.documentation, m.span.start), m.span.end, true),
            Top::Enum(e) => (doc_start(&e.documentation, e.span.start), e.span.end, true),
        };
        let mut same_line = false;
        if let Some((prev_end, prev_was_block)) = prev {
            let newlines = src.newlines_between(prev_end, start);
            same_line = prev_was_block && !is_block && newlines == 0;
            let blank = if prev_was_block { newlines > 0 || is_block } else { newlines > 1 };
            if blank {
                out.push('\n');
            }
        }
        match top {
            Top::Comment(c) if same_line => {
                // A comment after `}` stays on its line. (Prisma moves it to the next line, and a
                // second run then adds a blank line: that would not be idempotent.)
                out.pop();
                out.push(' ');
                out.push_str(&c.text);
                out.push('\n');
            }
            Top::Comment(c) => {
                out.push_str(&c.text);
                out.push('\n');
            }
            Top::Datasource(b) => render_config(&mut out, &src, "datasource", b),
            Top::Generator(b) => render_config(&mut out, &src, "generator", b),
            Top::Model(m) => {
                render_model(&mut out, &src, m, added.get(&(file, top_idx)).map_or(&[], Vec::as_slice))
            }
            Top::Enum(e) => render_enum(&mut out, &src, e),
        }
        prev = Some((end, is_block));
    }
    if out.is_empty() {
        // An empty schema is one empty line, as Prisma writes it.
        out.push('\n');
    }
    out
}

/// Line breaks (`\n`, `\r\n` or a lone `\r`, as the grammar reads them) in `text`.
fn count_line_breaks(text: &str) -> usize {
    let bytes = text.as_bytes();
    let lone_cr =
        bytes.iter().enumerate().filter(|&(i, &b)| b == b'\r' && bytes.get(i + 1) != Some(&b'\n')).count();
    text.matches('\n').count() + lone_cr
}

/// Where an item starts, counting its `///` lines.
fn doc_start(documentation: &Option<Documentation>, start: u32) -> u32 {
    documentation.as_ref().and_then(Documentation::span).map_or(start, |s| s.start)
}

/// The file text, for questions the AST does not answer.
struct Source<'t> {
    text: &'t str,
}

impl Source<'_> {
    /// Line breaks between two byte offsets.
    fn newlines_between(&self, start: u32, end: u32) -> usize {
        self.text.get(start as usize..end as usize).map_or(0, count_line_breaks)
    }
}

/// One line of a block body before layout.
enum Line {
    /// A table row: cells (aligned in columns) and a trailing comment.
    Row(Vec<String>, Option<String>),
    /// A comment line, written as is.
    Comment(String),
    /// A block attribute with its trailing comment and sort key; moved after the rows.
    BlockAttribute(String, Option<String>, usize),
    /// An empty line.
    Blank,
}

/// A block attribute as written out: leading comment lines, the attribute, its trailing comment.
type BlockAttributeLines = (Vec<String>, String, Option<String>);

/// A line with the byte range it came from.
struct Placed {
    line: Line,
    start: u32,
    end: u32,
}

/// Sorts body lines by position, inserts [`Line::Blank`] where the source had an empty line, moves
/// block attributes (with the comment lines directly above them) out of the table, and collapses blank
/// lines. Returns the table lines and the sorted block attributes.
/// `extra` rows (fields added by [`complete_relations`]) go at the end of the table; `close` is the
/// offset of the block's `}`.
fn arrange(
    src: &Source<'_>,
    mut placed: Vec<Placed>,
    extra: Vec<Line>,
    close: u32,
) -> (Vec<Line>, Vec<BlockAttributeLines>) {
    placed.sort_by_key(|p| p.start);
    placed.dedup_by_key(|p| p.start);
    let mut table: Vec<Line> = Vec::new();
    let mut attributes: Vec<(usize, Vec<String>, String, Option<String>)> = Vec::new();
    let mut prev_end: Option<u32> = None;
    // Comment lines at the end of `table` that directly precede the current item in the source.
    let mut n_comments_above = 0;
    for p in placed {
        if prev_end.is_some_and(|end| src.newlines_between(end, p.start) > 1) {
            table.push(Line::Blank);
            n_comments_above = 0;
        }
        prev_end = Some(p.end);
        match p.line {
            Line::BlockAttribute(text, comment, key) => {
                let leading: Vec<String> = table
                    .split_off(table.len() - n_comments_above)
                    .into_iter()
                    .filter_map(|l| match l {
                        Line::Comment(c) => Some(c),
                        _ => None,
                    })
                    .collect();
                n_comments_above = 0;
                // Empty lines above a block attribute (or its comments) go with it (as in Prisma).
                if matches!(table.last(), Some(Line::Blank)) {
                    table.pop();
                }
                attributes.push((key, leading, text, comment));
            }
            Line::Comment(c) => {
                table.push(Line::Comment(c));
                n_comments_above += 1;
            }
            line => {
                table.push(line);
                n_comments_above = 0;
            }
        }
    }
    // An empty line before `}` counts when fields are added after it (as in Prisma).
    if prev_end.is_some_and(|end| src.newlines_between(end, close) > 1) {
        table.push(Line::Blank);
    }
    table.extend(extra);
    // Collapse blank lines; drop them at both ends.
    let mut lines: Vec<Line> = Vec::with_capacity(table.len());
    for line in table {
        if matches!(line, Line::Blank) && matches!(lines.last(), None | Some(Line::Blank)) {
            continue;
        }
        lines.push(line);
    }
    if matches!(lines.last(), Some(Line::Blank)) {
        lines.pop();
    }
    // Order matters: a stable sort keeps source order among attributes of one kind.
    attributes.sort_by_key(|a| a.0);
    (lines, attributes.into_iter().map(|(_, leading, text, comment)| (leading, text, comment)).collect())
}

/// Writes table lines with columns aligned per group of lines between blank lines.
fn write_table(out: &mut String, lines: &[Line]) {
    if lines.is_empty() {
        return;
    }
    for group in lines.split(|l| matches!(l, Line::Blank)) {
        let mut widths: Vec<usize> = Vec::new();
        for line in group {
            if let Line::Row(cells, _) = line {
                for (i, cell) in cells.iter().enumerate() {
                    let width = cell.chars().count();
                    match widths.get_mut(i) {
                        Some(w) => *w = (*w).max(width),
                        None => widths.push(width),
                    }
                }
            }
        }
        for line in group {
            out.push_str("  ");
            match line {
                Line::Row(cells, comment) => {
                    for (i, cell) in cells.iter().enumerate() {
                        out.push_str(cell);
                        if i + 1 < cells.len() {
                            let pad =
                                widths.get(i).copied().unwrap_or(0).saturating_sub(cell.chars().count());
                            out.extend(std::iter::repeat_n(' ', pad + 1));
                        }
                    }
                    if let Some(c) = comment {
                        out.push(' ');
                        out.push_str(c);
                    }
                }
                Line::Comment(c) => out.push_str(c),
                Line::BlockAttribute(text, comment, _) => {
                    out.push_str(text);
                    if let Some(c) = comment {
                        out.push(' ');
                        out.push_str(c);
                    }
                }
                Line::Blank => {}
            }
            out.push('\n');
        }
        out.push('\n');
    }
    // Every group ended with a blank line; the last one must not.
    out.pop();
}

/// Writes a block body: table, then block attributes after one blank line, then `}`.
fn write_body(out: &mut String, lines: &[Line], attributes: &[BlockAttributeLines]) {
    write_table(out, lines);
    if !attributes.is_empty() {
        // Prisma writes the blank line even when the table is empty.
        out.push('\n');
        for (leading, text, comment) in attributes {
            for c in leading {
                out.push_str("  ");
                out.push_str(c);
                out.push('\n');
            }
            out.push_str("  ");
            out.push_str(text);
            if let Some(c) = comment {
                out.push(' ');
                out.push_str(c);
            }
            out.push('\n');
        }
    }
    out.push_str("}\n");
}

/// Writes `///` lines of a top-level block and its header `keyword name {`.
fn write_header(
    out: &mut String,
    documentation: &Option<Documentation>,
    keyword: &str,
    name: &str,
    header_comment: &Option<Comment>,
) {
    if let Some(doc) = documentation {
        for line in &doc.lines {
            out.push_str(&line.text);
            out.push('\n');
        }
    }
    out.push_str(keyword);
    out.push(' ');
    out.push_str(name);
    out.push_str(" {");
    if let Some(c) = header_comment {
        out.push(' ');
        out.push_str(&c.text);
    }
    out.push('\n');
}

/// `///` lines of an item as placed comment lines.
fn push_docs(placed: &mut Vec<Placed>, documentation: &Option<Documentation>) {
    if let Some(doc) = documentation {
        for c in &doc.lines {
            placed.push(Placed { line: Line::Comment(c.text.clone()), start: c.span.start, end: c.span.end });
        }
    }
}

/// A free comment line.
fn placed_comment(c: &Comment) -> Placed {
    Placed { line: Line::Comment(c.text.clone()), start: c.span.start, end: c.span.end }
}

/// A block attribute with its `///` lines and trailing comment.
fn push_block_attribute(placed: &mut Vec<Placed>, attribute: &Attribute) {
    push_docs(placed, &attribute.documentation);
    let end = item_end(attribute.span.end, &attribute.trailing_comment);
    let key = block_attribute_rank(&attribute.name.name);
    let comment = attribute.trailing_comment.as_ref().map(|c| c.text.clone());
    let line = Line::BlockAttribute(render_attribute("@@", attribute), comment, key);
    placed.push(Placed { line, start: attribute.span.start, end });
}

/// End of an item including its trailing comment.
fn item_end(end: u32, trailing_comment: &Option<Comment>) -> u32 {
    trailing_comment.as_ref().map_or(end, |c| c.span.end)
}

fn render_config(out: &mut String, src: &Source<'_>, keyword: &str, block: &ConfigBlock) {
    write_header(out, &block.documentation, keyword, &block.name.name, &block.header_comment);
    let mut placed = Vec::new();
    for item in &block.items {
        match item {
            ConfigItem::Comment(c) => placed.push(placed_comment(c)),
            ConfigItem::Property(p) => {
                push_docs(&mut placed, &p.documentation);
                let value = p.value.as_ref().map(Expression::to_psl).unwrap_or_default();
                let cells = vec![p.key.name.clone(), format!("= {value}")];
                let comment = p.trailing_comment.as_ref().map(|c| c.text.clone());
                let end = item_end(p.span.end, &p.trailing_comment);
                placed.push(Placed { line: Line::Row(cells, comment), start: p.span.start, end });
            }
        }
    }
    let (lines, attributes) = arrange(src, placed, Vec::new(), 0);
    write_body(out, &lines, &attributes);
}

/// Table cells of a field: name, type and (when there are any) attributes.
fn field_cells(f: &Field) -> Vec<String> {
    let mut cells = vec![f.name.name.clone(), render_field_type(&f.ty)];
    if !f.attributes.is_empty() {
        cells.push(render_field_attributes(&f.attributes));
    }
    cells
}

fn render_model(out: &mut String, src: &Source<'_>, model: &Model, added: &[Field]) {
    write_header(out, &model.documentation, model.keyword.as_str(), &model.name.name, &model.header_comment);
    let mut placed = Vec::new();
    for item in &model.items {
        match item {
            ModelItem::Comment(c) => placed.push(placed_comment(c)),
            ModelItem::Attribute(a) => push_block_attribute(&mut placed, a),
            ModelItem::Field(f) => {
                push_docs(&mut placed, &f.documentation);
                let cells = field_cells(f);
                let comment = f.trailing_comment.as_ref().map(|c| c.text.clone());
                let end = item_end(f.span.end, &f.trailing_comment);
                placed.push(Placed { line: Line::Row(cells, comment), start: f.span.start, end });
            }
        }
    }
    let extra = added.iter().map(|f| Line::Row(field_cells(f), None)).collect();
    let (lines, attributes) = arrange(src, placed, extra, model.span.end.saturating_sub(1));
    write_body(out, &lines, &attributes);
}

fn render_enum(out: &mut String, src: &Source<'_>, enum_: &Enum) {
    write_header(out, &enum_.documentation, "enum", &enum_.name.name, &enum_.header_comment);
    let mut placed = Vec::new();
    for item in &enum_.items {
        match item {
            EnumItem::Comment(c) => placed.push(placed_comment(c)),
            EnumItem::Attribute(a) => push_block_attribute(&mut placed, a),
            EnumItem::Value(v) => {
                push_docs(&mut placed, &v.documentation);
                let mut cells = vec![v.name.name.clone()];
                if !v.attributes.is_empty() {
                    cells.push(render_field_attributes(&v.attributes));
                }
                let comment = v.trailing_comment.as_ref().map(|c| c.text.clone());
                let end = item_end(v.span.end, &v.trailing_comment);
                placed.push(Placed { line: Line::Row(cells, comment), start: v.span.start, end });
            }
        }
    }
    let (lines, attributes) = arrange(src, placed, Vec::new(), 0);
    write_body(out, &lines, &attributes);
}

/// `Type`, `Type?`, `Type[]` or `Unsupported("…")?`.
fn render_field_type(ty: &FieldType) -> String {
    let mut res = match &ty.unsupported {
        Some(s) => format!("Unsupported(\"{}\")", s.raw),
        None => ty.name.name.clone(),
    };
    match ty.arity {
        Arity::Required => {}
        Arity::Optional => res.push('?'),
        Arity::List => res.push_str("[]"),
    }
    res
}

/// Field attributes in canonical order, separated by one space.
fn render_field_attributes(attributes: &[Attribute]) -> String {
    let mut sorted: Vec<&Attribute> = attributes.iter().collect();
    // Order matters: stable, so unknown attributes keep their source order.
    sorted.sort_by_key(|a| field_attribute_rank(&a.name.name));
    let rendered: Vec<String> = sorted.iter().map(|a| render_attribute("@", a)).collect();
    rendered.join(" ")
}

/// `@name(args)` with normalised argument spacing.
fn render_attribute(prefix: &str, attribute: &Attribute) -> String {
    let mut res = String::from(prefix);
    res.push_str(&attribute.name.name);
    if let Some(args) = &attribute.arguments {
        write_arguments(&mut res, args);
    }
    res
}

/// Position of a field attribute in the canonical order (Prisma's).
fn field_attribute_rank(name: &str) -> usize {
    match name {
        "id" => 0,
        "unique" => 1,
        "default" => 2,
        "updatedAt" => 3,
        "map" => 4,
        "relation" => 5,
        "ignore" => 6,
        _ => 7,
    }
}

/// Position of a block attribute in the canonical order (Prisma's).
fn block_attribute_rank(name: &str) -> usize {
    match name {
        "id" => 0,
        "unique" => 1,
        "index" => 2,
        "fulltext" => 3,
        "map" => 4,
        "ignore" => 5,
        _ => 6,
    }
}

// ##########################################
// Relation completion
// ##########################################

/// Validation errors that relation completion repairs (or that do not concern relations).
const COMPLETABLE_ERRORS: [&str; 3] =
    ["schema::missing_back_relation", "schema::missing_relation_fields", "schema::missing_datasource"];

/// True when validation finds no error but those in [`COMPLETABLE_ERRORS`]. Like Prisma, relations
/// are completed only in a schema that is otherwise sound: in a broken one (unknown types, duplicate
/// fields) a guess would more likely add to the damage.
fn relations_are_completable(asts: &[SchemaAst]) -> bool {
    let mut diagnostics = Diagnostics::new();
    crate::validate::validate(asts, &mut diagnostics);
    diagnostics.iter().all(|d| d.severity != Severity::Error || COMPLETABLE_ERRORS.contains(&d.code))
}

/// Where a top-level item is: index of the file, index in its `SchemaAst::tops`.
type Loc = (usize, usize);

/// One relation field as written: a field of a model whose type is another model of the schema.
struct RelationFieldInfo {
    /// Where the model holding the field is.
    top: Loc,
    /// Index of the field in `Model::items`.
    item: usize,
    /// The model holding the field.
    model: String,
    /// The related model.
    target: String,
    arity: Arity,
    /// The relation name (`@relation("name")` or `@relation(name: "name")`).
    relation_name: Option<StringLiteral>,
    /// The `fields:` argument of `@relation`, when written.
    fields: Option<Vec<String>>,
    /// The field belongs to a `view` (the formatter adds no foreign key to a view, as Prisma).
    is_view: bool,
}

/// One primary-key field of a model: its name, type name and `@db.*` attributes.
struct IdField {
    name: String,
    ty: String,
    native_type: Vec<Attribute>,
}

/// Completes relations as described in the module docs (`# Relations`): modifies `@relation`
/// attributes in `asts` and returns the fields to append, by model.
fn complete_relations(asts: &mut [SchemaAst]) -> HashMap<Loc, Vec<Field>> {
    let mut added: HashMap<Loc, Vec<Field>> = HashMap::new();
    let mut model_tops: HashMap<String, Loc> = HashMap::new();
    for (file, ast) in asts.iter().enumerate() {
        for (i, top) in ast.tops.iter().enumerate() {
            if let Top::Model(m) = top
                && m.keyword != ModelKeyword::Type
            {
                model_tops.entry(m.name.name.clone()).or_insert((file, i));
            }
        }
    }
    let mut relation_fields = Vec::new();
    for (top, t) in asts
        .iter()
        .enumerate()
        .flat_map(|(file, ast)| ast.tops.iter().enumerate().map(move |(i, t)| ((file, i), t)))
    {
        let Top::Model(m) = t else { continue };
        if m.keyword == ModelKeyword::Type {
            continue;
        }
        for (item, it) in m.items.iter().enumerate() {
            let ModelItem::Field(f) = it else { continue };
            if f.ty.unsupported.is_some() || !model_tops.contains_key(&f.ty.name.name) {
                continue;
            }
            let relation = f.attributes.iter().find(|a| a.name.name == "relation");
            // A relation whose `fields:`/`references:` name missing fields is left to validation.
            let known = |names: Option<Vec<String>>, model: Option<&Model>| {
                names.is_none_or(|names| {
                    names.iter().all(|n| model.is_some_and(|m| m.fields().any(|f| &f.name.name == n)))
                })
            };
            let target = model_tops.get(&f.ty.name.name).and_then(|&loc| match top_at(asts, loc) {
                Some(Top::Model(target)) => Some(target),
                _ => None,
            });
            if !known(relation.and_then(|r| named_argument(r, "fields")).map(constant_names), Some(m))
                || !known(relation.and_then(|r| named_argument(r, "references")).map(constant_names), target)
            {
                continue;
            }
            relation_fields.push(RelationFieldInfo {
                top,
                item,
                model: m.name.name.clone(),
                target: f.ty.name.name.clone(),
                arity: f.ty.arity,
                relation_name: relation.and_then(relation_name),
                fields: relation.and_then(|r| named_argument(r, "fields")).map(constant_names),
                is_view: m.keyword == ModelKeyword::View,
            });
        }
    }
    // Names in use per model (existing and added fields).
    let mut taken: HashMap<Loc, Vec<String>> = HashMap::new();
    for (file, ast) in asts.iter().enumerate() {
        for (i, top) in ast.tops.iter().enumerate() {
            if let Top::Model(m) = top {
                taken.insert((file, i), m.fields().map(|f| f.name.name.clone()).collect());
            }
        }
    }
    // New `fields:`/`references:` arguments: (model, field item, foreign keys, referenced fields).
    let mut new_arguments: Vec<(Loc, usize, Vec<String>, Vec<String>)> = Vec::new();
    let same_relation = |a: &RelationFieldInfo, b: &RelationFieldInfo| {
        a.relation_name.as_ref().map(|n| &n.value) == b.relation_name.as_ref().map(|n| &n.value)
    };
    for f in &relation_fields {
        let forward: Vec<&RelationFieldInfo> = relation_fields
            .iter()
            .filter(|g| g.model == f.model && g.target == f.target && same_relation(f, g))
            .collect();
        if forward.len() != 1 {
            continue;
        }
        let (Some(&own_top), Some(&target_top)) = (model_tops.get(&f.model), model_tops.get(&f.target))
        else {
            continue;
        };
        if own_top != f.top {
            continue; // A second model of the same name: validation reports it.
        }
        if f.model == f.target {
            // Self-relation: a singular field gets a list back field (and its foreign key first when
            // it has no `fields:`).
            if f.arity == Arity::List {
                continue;
            }
            let mut new_fields = Vec::new();
            if f.fields.is_none() {
                let Some(ids) = id_fields(top_at(asts, f.top)).filter(|_| !f.is_view) else { continue };
                let name = unique_name(&mut taken, f.top, &plural(&camel(&f.model)));
                new_fields.push(new_relation_field(
                    &name,
                    &f.model,
                    Arity::List,
                    f.relation_name.as_ref(),
                    None,
                ));
                let fks = foreign_keys(&mut taken, f.top, &f.target, &ids);
                new_fields.extend(fks.iter().zip(&ids).map(|(fk, id)| new_scalar_field(fk, id, f.arity)));
                new_arguments.push((f.top, f.item, fks, ids.iter().map(|id| id.name.clone()).collect()));
            } else {
                let name = unique_name(&mut taken, f.top, &plural(&camel(&f.model)));
                new_fields.push(new_relation_field(
                    &name,
                    &f.model,
                    Arity::List,
                    f.relation_name.as_ref(),
                    None,
                ));
            }
            added.entry(f.top).or_default().extend(new_fields);
            continue;
        }
        let back: Vec<&RelationFieldInfo> = relation_fields
            .iter()
            .filter(|g| g.model == f.target && g.target == f.model && same_relation(f, g))
            .collect();
        match (back.as_slice(), f.arity, &f.fields) {
            // A forward field without a back field.
            ([], Arity::Required | Arity::Optional, Some(fk)) => {
                let unique = fields_are_unique(top_at(asts, f.top), fk);
                let (arity, name) = if unique {
                    (Arity::Optional, camel(&f.model))
                } else {
                    (Arity::List, plural(&camel(&f.model)))
                };
                let name = unique_name(&mut taken, target_top, &name);
                let field = new_relation_field(&name, &f.model, arity, f.relation_name.as_ref(), None);
                added.entry(target_top).or_default().push(field);
            }
            // A singular field without `fields:`, with no back field or a list back field.
            ([], Arity::Required | Arity::Optional, None) => {
                let Some(ids) = id_fields(top_at(asts, target_top)).filter(|_| !f.is_view) else { continue };
                let fks = foreign_keys(&mut taken, f.top, &f.target, &ids);
                let entry = added.entry(f.top).or_default();
                entry.extend(fks.iter().zip(&ids).map(|(fk, id)| new_scalar_field(fk, id, f.arity)));
                new_arguments.push((f.top, f.item, fks, ids.iter().map(|id| id.name.clone()).collect()));
                let name = unique_name(&mut taken, target_top, &plural(&camel(&f.model)));
                let field = new_relation_field(&name, &f.model, Arity::List, f.relation_name.as_ref(), None);
                added.entry(target_top).or_default().push(field);
            }
            // The singular side of a 1-n relation, or the side of a 1-1 relation (neither side
            // has `fields:`) that Prisma's formatter picks for the foreign key.
            ([g], Arity::Required | Arity::Optional, None)
                if g.fields.is_none() && (g.arity == Arity::List || holds_one_to_one_foreign_key(f, g)) =>
            {
                let Some(ids) = id_fields(top_at(asts, target_top)).filter(|_| !f.is_view) else { continue };
                let fks = foreign_keys(&mut taken, f.top, &f.target, &ids);
                let entry = added.entry(f.top).or_default();
                entry.extend(fks.iter().zip(&ids).map(|(fk, id)| new_scalar_field(fk, id, f.arity)));
                new_arguments.push((f.top, f.item, fks, ids.iter().map(|id| id.name.clone()).collect()));
            }
            // A list field without a back field: the other model gets the foreign key.
            ([], Arity::List, None) => {
                let target_is_view = matches!(top_at(asts, target_top), Some(Top::Model(t)) if t.keyword == ModelKeyword::View);
                let Some(ids) = id_fields(top_at(asts, f.top)).filter(|_| !target_is_view) else { continue };
                let name = unique_name(&mut taken, target_top, &camel(&f.model));
                let fks = foreign_keys(&mut taken, target_top, &f.model, &ids);
                let arguments = (fks.clone(), ids.iter().map(|id| id.name.clone()).collect());
                let field = new_relation_field(
                    &name,
                    &f.model,
                    Arity::Optional,
                    f.relation_name.as_ref(),
                    Some(arguments),
                );
                let entry = added.entry(target_top).or_default();
                entry.push(field);
                entry.extend(fks.iter().zip(&ids).map(|(fk, id)| new_scalar_field(fk, id, Arity::Optional)));
            }
            _ => {}
        }
    }
    for (top, item, fks, references) in new_arguments {
        if let Some(Top::Model(m)) = asts.get_mut(top.0).and_then(|ast| ast.tops.get_mut(top.1))
            && let Some(ModelItem::Field(f)) = m.items.get_mut(item)
        {
            let arguments = relation_arguments(&fks, &references);
            match f.attributes.iter_mut().find(|a| a.name.name == "relation") {
                Some(relation) => {
                    let list = relation
                        .arguments
                        .get_or_insert_with(|| ArgumentList { arguments: Vec::new(), span: NO_SPAN });
                    list.arguments.extend(arguments);
                }
                None => f.attributes.push(synthetic_attribute("relation", arguments)),
            }
        }
    }
    added
}

/// In a 1-1 relation where neither side has `fields:`, whether `f` (not its back field `g`) gets
/// the foreign key, as Prisma's formatter decides: the required side when exactly one side is
/// required, else the side in the model whose name sorts first (see the module docs).
fn holds_one_to_one_foreign_key(f: &RelationFieldInfo, g: &RelationFieldInfo) -> bool {
    match (f.arity, g.arity) {
        (Arity::Required, Arity::Optional) => true,
        (Arity::Optional, Arity::Required) => false,
        _ => f.model < g.model,
    }
}

/// The top-level item at `loc` (`None` only for a `loc` that was not taken from `asts`).
fn top_at(asts: &[SchemaAst], loc: Loc) -> Option<&Top> {
    asts.get(loc.0)?.tops.get(loc.1)
}

/// The span of text the formatter made up.
const NO_SPAN: Span = Span { file_id: FileId::ZERO, start: 0, end: 0 };

fn synthetic_identifier(name: &str) -> Identifier {
    Identifier { name: name.to_owned(), span: NO_SPAN }
}

fn synthetic_attribute(name: &str, arguments: Vec<Argument>) -> Attribute {
    let arguments = (!arguments.is_empty()).then_some(ArgumentList { arguments, span: NO_SPAN });
    Attribute {
        name: synthetic_identifier(name),
        arguments,
        documentation: None,
        trailing_comment: None,
        span: NO_SPAN,
    }
}

/// `fields: [fks], references: [references]`.
fn relation_arguments(fks: &[String], references: &[String]) -> Vec<Argument> {
    let list = |names: &[String]| {
        Expression::Array(names.iter().map(|n| Expression::Constant(n.clone(), NO_SPAN)).collect(), NO_SPAN)
    };
    vec![
        Argument { name: Some(synthetic_identifier("fields")), value: Some(list(fks)), span: NO_SPAN },
        Argument {
            name: Some(synthetic_identifier("references")),
            value: Some(list(references)),
            span: NO_SPAN,
        },
    ]
}

/// A relation field `name Model[]` / `name Model?`, with `@relation("name", fields:, references:)`
/// when the relation is named or `arguments` (foreign key, referenced field) are given.
fn new_relation_field(
    name: &str,
    ty: &str,
    arity: Arity,
    relation_name: Option<&StringLiteral>,
    arguments: Option<(Vec<String>, Vec<String>)>,
) -> Field {
    let mut relation_arguments_list = Vec::new();
    if let Some(n) = relation_name {
        let value =
            Expression::String(StringLiteral { value: n.value.clone(), raw: n.raw.clone(), span: NO_SPAN });
        relation_arguments_list.push(Argument { name: None, value: Some(value), span: NO_SPAN });
    }
    if let Some((fks, references)) = arguments {
        relation_arguments_list.extend(relation_arguments(&fks, &references));
    }
    let mut attributes = Vec::new();
    if !relation_arguments_list.is_empty() {
        attributes.push(synthetic_attribute("relation", relation_arguments_list));
    }
    Field {
        name: synthetic_identifier(name),
        ty: FieldType { name: synthetic_identifier(ty), unsupported: None, arity, span: NO_SPAN },
        attributes,
        documentation: None,
        trailing_comment: None,
        span: NO_SPAN,
    }
}

/// A foreign-key field with the type and native type of `id`.
fn new_scalar_field(name: &str, id: &IdField, arity: Arity) -> Field {
    let arity = if arity == Arity::Optional { Arity::Optional } else { Arity::Required };
    Field {
        name: synthetic_identifier(name),
        ty: FieldType { name: synthetic_identifier(&id.ty), unsupported: None, arity, span: NO_SPAN },
        attributes: id.native_type.clone(),
        documentation: None,
        trailing_comment: None,
        span: NO_SPAN,
    }
}

/// Names of new foreign-key fields in the model at `top` for the primary key `ids` of `target`:
/// `categoryId`, or `fA`, `fB` for a compound key.
fn foreign_keys(
    taken: &mut HashMap<Loc, Vec<String>>,
    top: Loc,
    target: &str,
    ids: &[IdField],
) -> Vec<String> {
    ids.iter()
        .map(|id| unique_name(taken, top, &format!("{}{}", camel(target), capitalize(&id.name))))
        .collect()
}

/// `name` if no field of the model at `top` has it yet, else `name2`, `name3`…; records the choice.
fn unique_name(taken: &mut HashMap<Loc, Vec<String>>, top: Loc, name: &str) -> String {
    let names = taken.entry(top).or_default();
    let mut candidate = name.to_owned();
    let mut n = 2;
    while names.contains(&candidate) {
        candidate = format!("{name}{n}");
        n += 1;
    }
    names.push(candidate.clone());
    candidate
}

/// The relation name of a `@relation` attribute: its first positional argument or `name:`.
fn relation_name(relation: &Attribute) -> Option<StringLiteral> {
    let value = relation
        .args()
        .iter()
        .find(|a| a.name.is_none())
        .or_else(|| relation.args().iter().find(|a| a.name.as_ref().is_some_and(|n| n.name == "name")))?
        .value
        .as_ref()?;
    match value {
        Expression::String(s) => Some(s.clone()),
        _ => None,
    }
}

/// The value of the named argument `name` of an attribute.
fn named_argument<'a>(attribute: &'a Attribute, name: &str) -> Option<&'a Expression> {
    attribute.args().iter().find(|a| a.name.as_ref().is_some_and(|n| n.name == name))?.value.as_ref()
}

/// Field names of a list like `[a, b(sort: Desc)]`.
fn constant_names(expression: &Expression) -> Vec<String> {
    match expression {
        Expression::Array(items, _) => items.iter().flat_map(constant_names).collect(),
        Expression::Constant(name, _) => vec![name.clone()],
        Expression::Function(f) => vec![f.name.name.clone()],
        _ => Vec::new(),
    }
}

/// True when the field list `fields` of a model is unique: one field with `@id`/`@unique`, or exactly
/// the fields of an `@@id`/`@@unique` in the same order (as Prisma decides it).
fn fields_are_unique(top: Option<&Top>, fields: &[String]) -> bool {
    let Some(Top::Model(m)) = top else { return false };
    if let [single] = fields
        && m.fields().any(|f| {
            &f.name.name == single
                && f.attributes.iter().any(|a| matches!(a.name.name.as_str(), "id" | "unique"))
        })
    {
        return true;
    }
    m.attributes()
        .filter(|a| matches!(a.name.name.as_str(), "id" | "unique"))
        .any(|a| block_attribute_fields(a).as_deref() == Some(fields))
}

/// The field list of `@@id`/`@@unique`/`@@index`: the first positional argument or `fields:`.
fn block_attribute_fields(attribute: &Attribute) -> Option<Vec<String>> {
    let arguments = attribute.args();
    let list = arguments
        .iter()
        .find(|a| a.name.is_none())
        .or_else(|| arguments.iter().find(|a| a.name.as_ref().is_some_and(|n| n.name == "fields")))?;
    list.value.as_ref().map(constant_names)
}

/// The fields a new foreign key references: the one field marked `@id`, the fields of `@@id`, else
/// the first required `@unique` field or the fields of the first `@@unique`. `None` when there is no
/// such key or a key field is not a plain scalar field of the model.
fn id_fields(top: Option<&Top>) -> Option<Vec<IdField>> {
    let Some(Top::Model(m)) = top else { return None };
    let has = |f: &&Field, name: &str| f.attributes.iter().any(|a| a.name.name == name);
    let names = match m.attributes().find(|a| a.name.name == "id") {
        Some(compound) => block_attribute_fields(compound)?,
        None => {
            let mut ids = m.fields().filter(|f| has(f, "id"));
            match (ids.next(), ids.next()) {
                (Some(id), None) => vec![id.name.name.clone()],
                (Some(_), Some(_)) => return None,
                // No primary key: the first unique field, else the first `@@unique` (as Prisma).
                (None, _) => match m.fields().find(|f| has(f, "unique") && f.ty.arity == Arity::Required) {
                    Some(unique) => vec![unique.name.name.clone()],
                    None => block_attribute_fields(m.attributes().find(|a| a.name.name == "unique")?)?,
                },
            }
        }
    };
    if names.is_empty() {
        return None;
    }
    names
        .iter()
        .map(|name| {
            let field = m.fields().find(|f| &f.name.name == name)?;
            if field.ty.unsupported.is_some() || field.ty.arity == Arity::List {
                return None;
            }
            Some(IdField {
                name: name.clone(),
                ty: field.ty.name.name.clone(),
                native_type: field
                    .attributes
                    .iter()
                    .filter(|a| a.name.name.starts_with("db."))
                    .cloned()
                    .collect(),
            })
        })
        .collect()
}

/// `BlogPost` → `blogPost`, `USER_ROLE` → `userRole`.
fn camel(name: &str) -> String {
    let words: Vec<&str> = name.split('_').filter(|w| !w.is_empty()).collect();
    let mut res = String::new();
    for (i, word) in words.iter().enumerate() {
        let word =
            if word.chars().all(|c| !c.is_lowercase()) { word.to_lowercase() } else { (*word).to_owned() };
        if i == 0 {
            let mut chars = word.chars();
            if let Some(first) = chars.next() {
                res.extend(first.to_lowercase());
                res.push_str(chars.as_str());
            }
        } else {
            res.push_str(&capitalize(&word));
        }
    }
    if res.is_empty() { name.to_owned() } else { res }
}

/// `id` → `Id`.
fn capitalize(name: &str) -> String {
    let mut chars = name.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// English plural of a camel-cased name (its last word): `post` → `posts`, `category` → `categories`,
/// `address` → `addresses`, `person` → `people`.
fn plural(name: &str) -> String {
    const IRREGULAR: [(&str, &str); 6] = [
        ("person", "people"),
        ("Person", "People"),
        ("child", "children"),
        ("Child", "Children"),
        ("man", "men"),
        ("Man", "Men"),
    ];
    for (singular, plural) in IRREGULAR {
        if let Some(stem) = name.strip_suffix(singular)
            && (stem.is_empty() || singular.starts_with(char::is_uppercase))
        {
            return format!("{stem}{plural}");
        }
    }
    let ends_with_consonant_y = name.ends_with('y')
        && name
            .chars()
            .rev()
            .nth(1)
            .is_some_and(|c| !matches!(c.to_ascii_lowercase(), 'a' | 'e' | 'i' | 'o' | 'u'));
    if ends_with_consonant_y {
        format!("{}ies", &name[..name.len() - 1])
    } else if ["s", "x", "z", "ch", "sh"].iter().any(|e| name.ends_with(e)) {
        format!("{name}es")
    } else {
        format!("{name}s")
    }
}
