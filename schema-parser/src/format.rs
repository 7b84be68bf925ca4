//! Renders PSL text in the canonical layout of `prisma format` (the formatter behind `orm format`).
//!
//! # Layout rules
//! The rules follow the output of Prisma's own formatter (`prisma format`, Prisma 6), learnt from its
//! documented behaviour (<https://www.prisma.io/docs/orm/reference/prisma-cli-reference#format>) and from
//! real schemas it produced; no code of it is copied.
//!
//! * Two-space indentation; `\r\n` becomes `\n`; the file ends with exactly one `\n`.
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
//!   order. Comment lines directly above a block attribute move with it.
//! * `datasource`/`generator`: `key = value` with the `=` aligned per group, like the tables above.
//! * Argument lists and arrays are written on one line as `(a, name: b)` and `[a, b]`; strings and
//!   numbers stay exactly as written; blank lines inside a body collapse to one and are dropped at the
//!   start and end of the body.
//! * Comments are kept verbatim (trailing spaces included, as Prisma does). Deliberate differences:
//!   a comment after the opening `{` stays there (Prisma drops it), and a comment after the closing
//!   `}` stays on that line (Prisma moves it to the next line, and its second run then adds a blank
//!   line, so Prisma is not idempotent there).
//!
//! # Errors
//! Text with syntax errors is refused with [`FormatError::Syntax`] (formatting it would lose text).
//! Validation errors (unknown types, bad attributes) do not stop the formatter.

use std::fmt;

use crate::ast::*;
use crate::diagnostics::{Diagnostics, FileId};
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
/// Meaning-preserving (parsing and validating the output gives the same `Schema`, up to spans and the
/// order of `@@index`/`@@fulltext` entries) and idempotent (`format_schema(out) == out`).
///
/// # Errors
/// [`FormatError::Syntax`] when `text` has any parse diagnostic.
pub fn format_schema(text: &str) -> Result<String, FormatError> {
    let mut diagnostics = Diagnostics::new();
    let ast = parse_schema(text, FileId::ZERO, &mut diagnostics);
    if !diagnostics.is_empty() {
        return Err(FormatError::Syntax(diagnostics));
    }
    Ok(render_schema(text, &ast))
}

/// Renders a parsed file. `text` is the file the AST was parsed from (for blank lines and comments).
fn render_schema(text: &str, ast: &SchemaAst) -> String {
    let src = Source { text };
    let mut out = String::new();
    // (end offset, was a block) of the previous top-level item.
    let mut prev: Option<(u32, bool)> = None;
    for top in &ast.tops {
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
            Top::Model(m) => render_model(&mut out, &src, m),
            Top::Enum(e) => render_enum(&mut out, &src, e),
        }
        prev = Some((end, is_block));
    }
    out
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
        self.text.get(start as usize..end as usize).map_or(0, |s| s.matches('\n').count())
    }

    /// A `//` comment after `end` on the same line (the parser keeps none for block attributes).
    fn trailing_comment(&self, end: u32) -> Option<(String, u32, u32)> {
        let rest = self.text.get(end as usize..)?;
        let line = rest.split('\n').next().unwrap_or("");
        let trimmed = line.trim_start_matches([' ', '\t']);
        if !trimmed.starts_with("//") {
            return None;
        }
        let start = end as usize + (line.len() - trimmed.len());
        let comment = trimmed.trim_end_matches('\r');
        Some((comment.to_owned(), start as u32, (start + comment.len()) as u32))
    }

    /// The `///` lines directly above the line holding `start` (the parser keeps none for block
    /// attributes), as `(text, start, end)` in source order.
    fn doc_lines_above(&self, start: u32) -> Vec<(String, u32, u32)> {
        let mut res = Vec::new();
        let Some(before) = self.text.get(..start as usize) else {
            return res;
        };
        // Start of the line holding `start`.
        let mut line_start = before.rfind('\n').map_or(0, |i| i + 1);
        while line_start > 0 {
            let prev_end = line_start - 1;
            let prev_start = self.text[..prev_end].rfind('\n').map_or(0, |i| i + 1);
            let line = self.text[prev_start..prev_end].trim_end_matches('\r');
            let trimmed = line.trim_start_matches([' ', '\t']);
            if !trimmed.starts_with("///") {
                break;
            }
            let comment_start = prev_start + (line.len() - trimmed.len());
            res.push((trimmed.to_owned(), comment_start as u32, (comment_start + trimmed.len()) as u32));
            line_start = prev_start;
        }
        res.reverse();
        res
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

/// A line with the byte range it came from.
struct Placed {
    line: Line,
    start: u32,
    end: u32,
}

/// Sorts body lines by position, inserts [`Line::Blank`] where the source had an empty line, moves
/// block attributes (with the comment lines directly above them) out of the table, and collapses blank
/// lines. Returns `(table lines, block attributes as (leading comments, text, trailing comment))`.
#[allow(clippy::type_complexity)]
fn arrange(
    src: &Source<'_>,
    mut placed: Vec<Placed>,
) -> (Vec<Line>, Vec<(Vec<String>, String, Option<String>)>) {
    placed.sort_by_key(|p| p.start);
    placed.dedup_by_key(|p| p.start);
    let mut table: Vec<Line> = Vec::new();
    let mut attributes: Vec<(usize, Vec<String>, String, Option<String>)> = Vec::new();
    let mut prev_end: Option<u32> = None;
    for p in placed {
        if prev_end.is_some_and(|end| src.newlines_between(end, p.start) > 1) {
            table.push(Line::Blank);
        }
        prev_end = Some(p.end);
        match p.line {
            Line::BlockAttribute(text, comment, key) => {
                let mut leading = Vec::new();
                while let Some(Line::Comment(_)) = table.last() {
                    if let Some(Line::Comment(c)) = table.pop() {
                        leading.push(c);
                    }
                }
                leading.reverse();
                attributes.push((key, leading, text, comment));
            }
            line => table.push(line),
        }
    }
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
fn write_body(out: &mut String, lines: &[Line], attributes: &[(Vec<String>, String, Option<String>)]) {
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

/// A block attribute with the comments the parser does not keep for it.
fn push_block_attribute(placed: &mut Vec<Placed>, src: &Source<'_>, attribute: &Attribute) {
    for (text, start, end) in src.doc_lines_above(attribute.span.start) {
        placed.push(Placed { line: Line::Comment(text), start, end });
    }
    let trailing = src.trailing_comment(attribute.span.end);
    let end = trailing.as_ref().map_or(attribute.span.end, |t| t.2);
    let key = block_attribute_rank(&attribute.name.name);
    let line = Line::BlockAttribute(render_attribute("@@", attribute), trailing.map(|t| t.0), key);
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
    let (lines, attributes) = arrange(src, placed);
    write_body(out, &lines, &attributes);
}

fn render_model(out: &mut String, src: &Source<'_>, model: &Model) {
    write_header(out, &model.documentation, model.keyword.as_str(), &model.name.name, &model.header_comment);
    let mut placed = Vec::new();
    for item in &model.items {
        match item {
            ModelItem::Comment(c) => placed.push(placed_comment(c)),
            ModelItem::Attribute(a) => push_block_attribute(&mut placed, src, a),
            ModelItem::Field(f) => {
                push_docs(&mut placed, &f.documentation);
                let mut cells = vec![f.name.name.clone(), render_field_type(&f.ty)];
                if !f.attributes.is_empty() {
                    cells.push(render_field_attributes(&f.attributes));
                }
                let comment = f.trailing_comment.as_ref().map(|c| c.text.clone());
                let end = item_end(f.span.end, &f.trailing_comment);
                placed.push(Placed { line: Line::Row(cells, comment), start: f.span.start, end });
            }
        }
    }
    let (lines, attributes) = arrange(src, placed);
    write_body(out, &lines, &attributes);
}

fn render_enum(out: &mut String, src: &Source<'_>, enum_: &Enum) {
    write_header(out, &enum_.documentation, "enum", &enum_.name.name, &enum_.header_comment);
    let mut placed = Vec::new();
    for item in &enum_.items {
        match item {
            EnumItem::Comment(c) => placed.push(placed_comment(c)),
            EnumItem::Attribute(a) => push_block_attribute(&mut placed, src, a),
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
    let (lines, attributes) = arrange(src, placed);
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
