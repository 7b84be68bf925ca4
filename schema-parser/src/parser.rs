//! Turns PSL text into an [`ast::SchemaAst`] with pest; syntax problems become diagnostics.
//!
//! The grammar (`grammar.pest`) accepts every line somehow (catch-all rules), so pest fails only
//! when its stack guard stops a nesting too deep for the thread's stack (tens of thousands of `[` or
//! `f(`): then the error becomes one `schema::syntax_error` at the start of the line where pest
//! stopped (the exact column depends on the stack size) and the AST is empty. Doc comments (`///`) directly above an item (no blank line between) are attached to it.

use pest::Parser as _;
use pest::iterators::Pair;

use crate::ast::*;
use crate::diagnostics::{Diagnostic, Diagnostics, FileId, Span};

/// The pest parser generated from `grammar.pest`.
#[derive(pest_derive::Parser)]
#[grammar = "grammar.pest"]
struct PslParser;

/// Parses one file. Never fails and never panics: problems are pushed to `diagnostics`.
pub fn parse_schema(text: &str, file_id: FileId, diagnostics: &mut Diagnostics) -> SchemaAst {
    let mut ast = SchemaAst { file_id, tops: Vec::new() };
    let pairs = match PslParser::parse(Rule::schema, text) {
        Ok(pairs) => pairs,
        Err(err) => {
            let pos = match err.location {
                pest::error::InputLocation::Pos(p) => p,
                pest::error::InputLocation::Span((s, _)) => s,
            };
            let line_start = text.get(..pos).and_then(|t| t.rfind(['\n', '\r'])).map_or(0, |i| i + 1);
            diagnostics.push(
                Diagnostic::error(
                    "schema::syntax_error",
                    format!("The schema could not be parsed: {}.", err.variant.message()),
                    Span::new(file_id, line_start, line_start),
                )
                .with_help("Lists and function calls nested this deeply cannot be read; real schemas nest a few levels."),
            );
            return ast;
        }
    };
    let ctx = Ctx { text, file_id, depth: std::cell::Cell::new(0) };
    let mut docs = DocCollector::default();
    let mut pairs = pairs;
    let Some(schema) = pairs.next() else {
        return ast;
    };
    for pair in schema.into_inner() {
        match pair.as_rule() {
            Rule::comment => {
                let comment = ctx.comment(&pair);
                if comment.is_doc {
                    if let Some(flushed) = docs.push(&ctx, comment) {
                        ast.tops.extend(flushed.into_iter().map(Top::Comment));
                    }
                } else {
                    ast.tops.extend(docs.take().into_iter().map(Top::Comment));
                    ast.tops.push(Top::Comment(comment));
                }
            }
            Rule::block => {
                let start = pair.as_span().start();
                let (documentation, loose) = docs.attach(&ctx, start);
                ast.tops.extend(loose.into_iter().map(Top::Comment));
                if let Some(top) = ctx.block(pair, documentation, diagnostics) {
                    ast.tops.push(top);
                }
            }
            Rule::arbitrary_block => {
                ast.tops.extend(docs.take().into_iter().map(Top::Comment));
                let keyword =
                    pair.clone().into_inner().next().map(|p| p.as_str().to_owned()).unwrap_or_default();
                diagnostics.push(
                    Diagnostic::error(
                        "schema::unknown_block",
                        format!("`{keyword}` is not a known kind of block; the block is ignored."),
                        ctx.span(&pair),
                    )
                    .with_help("Blocks are `model`, `view`, `enum`, `type`, `datasource` and `generator`."),
                );
            }
            Rule::catch_all => {
                ast.tops.extend(docs.take().into_iter().map(Top::Comment));
                diagnostics.push(
                    Diagnostic::error(
                        "schema::invalid_line",
                        "This line is not a valid definition.",
                        ctx.span(&pair),
                    )
                    .with_help(
                        "A top-level definition starts with `model`, `view`, `enum`, `type`, `datasource` or `generator`, followed by a name and `{`.",
                    ),
                );
            }
            _ => {}
        }
    }
    ast.tops.extend(docs.take().into_iter().map(Top::Comment));
    ast
}

/// Deepest nesting of arrays and function calls kept in the AST. Real schemas need about three
/// levels; the limit keeps the recursive AST builder, validation and `Drop` off the stack limit.
const MAX_EXPRESSION_DEPTH: u32 = 64;

/// Shared state of one parse.
struct Ctx<'t> {
    text: &'t str,
    file_id: FileId,
    /// Current expression nesting while building the AST.
    depth: std::cell::Cell<u32>,
}

/// Pending `///` lines waiting for the item below them.
#[derive(Default)]
struct DocCollector {
    lines: Vec<Comment>,
}

impl DocCollector {
    /// Adds a doc line; returns earlier lines that a blank line separates from it.
    fn push(&mut self, ctx: &Ctx<'_>, comment: Comment) -> Option<Vec<Comment>> {
        let flushed = match self.lines.last() {
            Some(last) if ctx.newlines_between(last.span.end as usize, comment.span.start as usize) > 1 => {
                Some(std::mem::take(&mut self.lines))
            }
            _ => None,
        };
        self.lines.push(comment);
        flushed
    }
    /// All pending lines, as free comments.
    fn take(&mut self) -> Vec<Comment> {
        std::mem::take(&mut self.lines)
    }
    /// Documentation for an item starting at `start`, or the pending lines as loose comments when a
    /// blank line separates them from the item.
    fn attach(&mut self, ctx: &Ctx<'_>, start: usize) -> (Option<Documentation>, Vec<Comment>) {
        let Some(last) = self.lines.last() else {
            return (None, Vec::new());
        };
        if ctx.newlines_between(last.span.end as usize, start) <= 1 {
            (Some(Documentation { lines: self.take() }), Vec::new())
        } else {
            (None, self.take())
        }
    }
}

/// What kind of block a body belongs to.
#[derive(Clone, Copy, PartialEq, Eq)]
enum BodyKind {
    Config,
    Model,
    Enum,
}

/// One parsed body line before it is sorted into a block kind.
enum RawItem<'t> {
    Item(Pair<'t, Rule>, Option<Documentation>, Option<Comment>),
    Comment(Comment),
}

impl<'t> Ctx<'t> {
    fn span(&self, pair: &Pair<'_, Rule>) -> Span {
        let s = pair.as_span();
        Span::new(self.file_id, s.start(), s.end())
    }

    fn ident(&self, pair: &Pair<'_, Rule>) -> Identifier {
        Identifier { name: pair.as_str().to_owned(), span: self.span(pair) }
    }

    fn newlines_between(&self, start: usize, end: usize) -> usize {
        self.text.get(start..end).map_or(0, |s| s.matches('\n').count())
    }

    fn comment(&self, pair: &Pair<'_, Rule>) -> Comment {
        let raw = pair.as_str().trim_end_matches('\r');
        Comment { text: raw.to_owned(), is_doc: raw.starts_with("///"), span: self.span(pair) }
    }

    fn block(
        &self,
        pair: Pair<'t, Rule>,
        documentation: Option<Documentation>,
        diags: &mut Diagnostics,
    ) -> Option<Top> {
        let span = self.span(&pair);
        let mut keyword = String::new();
        let mut name = None;
        let mut header_comment = None;
        let mut is_closed = false;
        let mut body = None;
        let mut open_end = span.start as usize;
        for child in pair.into_inner() {
            match child.as_rule() {
                Rule::block_keyword => keyword = child.as_str().to_owned(),
                Rule::identifier => name = Some(self.ident(&child)),
                Rule::block_open => open_end = child.as_span().end(),
                Rule::comment => header_comment = Some(self.comment(&child)),
                Rule::block_body => body = Some(child),
                Rule::block_close => is_closed = true,
                _ => {}
            }
        }
        let name = name?;
        let kind = match keyword.as_str() {
            "datasource" | "generator" => BodyKind::Config,
            "enum" => BodyKind::Enum,
            _ => BodyKind::Model,
        };
        if !is_closed {
            diags.push(
                Diagnostic::error(
                    "schema::unclosed_block",
                    format!("The {keyword} `{}` is missing its closing `}}`.", name.name),
                    Span::new(self.file_id, span.start as usize, open_end),
                )
                .with_help("Add a line containing only `}` after the last item of the block."),
            );
        }
        let raw_items = match body {
            Some(body) => self.body_items(body, kind, &keyword, diags),
            None => Vec::new(),
        };
        Some(match kind {
            BodyKind::Config => {
                let mut items = Vec::new();
                for raw in raw_items {
                    match raw {
                        RawItem::Comment(c) => items.push(ConfigItem::Comment(c)),
                        RawItem::Item(p, documentation, trailing_comment) => {
                            if p.as_rule() == Rule::key_value {
                                let prop = self.key_value(p, documentation, trailing_comment, diags);
                                items.push(ConfigItem::Property(prop));
                            } else {
                                diags.push(
                                    Diagnostic::error(
                                        "schema::invalid_property",
                                        format!(
                                            "This line is not a valid property of the {keyword} `{}`.",
                                            name.name
                                        ),
                                        self.span(&p),
                                    )
                                    .with_help(format!(
                                        "Properties of a {keyword} are written `key = value`."
                                    )),
                                );
                            }
                        }
                    }
                }
                let block = ConfigBlock { name, documentation, items, header_comment, is_closed, span };
                if keyword == "datasource" { Top::Datasource(block) } else { Top::Generator(block) }
            }
            BodyKind::Enum => {
                let mut items = Vec::new();
                for raw in raw_items {
                    match raw {
                        RawItem::Comment(c) => items.push(EnumItem::Comment(c)),
                        RawItem::Item(p, documentation, trailing_comment) => match p.as_rule() {
                            Rule::block_attribute => {
                                let mut attribute = self.attribute(p, diags);
                                attribute.documentation = documentation;
                                attribute.trailing_comment = trailing_comment;
                                items.push(EnumItem::Attribute(attribute))
                            }
                            Rule::field => {
                                if let Some(v) =
                                    self.enum_value(p, &name.name, documentation, trailing_comment, diags)
                                {
                                    items.push(EnumItem::Value(v));
                                }
                            }
                            _ => diags.push(Diagnostic::error(
                                "schema::invalid_enum_value",
                                format!("This line is not a valid value of the enum `{}`.", name.name),
                                self.span(&p),
                            )),
                        },
                    }
                }
                Top::Enum(Enum { name, documentation, items, header_comment, is_closed, span })
            }
            BodyKind::Model => {
                let keyword = match keyword.as_str() {
                    "view" => ModelKeyword::View,
                    "type" => ModelKeyword::Type,
                    _ => ModelKeyword::Model,
                };
                let mut items = Vec::new();
                for raw in raw_items {
                    match raw {
                        RawItem::Comment(c) => items.push(ModelItem::Comment(c)),
                        RawItem::Item(p, documentation, trailing_comment) => match p.as_rule() {
                            Rule::block_attribute => {
                                let mut attribute = self.attribute(p, diags);
                                attribute.documentation = documentation;
                                attribute.trailing_comment = trailing_comment;
                                items.push(ModelItem::Attribute(attribute))
                            }
                            Rule::field => {
                                if let Some(f) =
                                    self.field(p, keyword, &name.name, documentation, trailing_comment, diags)
                                {
                                    items.push(ModelItem::Field(f));
                                }
                            }
                            _ => diags.push(
                                Diagnostic::error(
                                    "schema::invalid_field",
                                    format!(
                                        "This line is not a valid field of the {} `{}`.",
                                        keyword.as_str(),
                                        name.name
                                    ),
                                    self.span(&p),
                                )
                                .with_help(
                                    "A field is written `name Type`, followed by optional attributes.",
                                ),
                            ),
                        },
                    }
                }
                Top::Model(Model { keyword, name, documentation, items, header_comment, is_closed, span })
            }
        })
    }

    /// Splits a block body into items (with their docs and trailing comments) and free comments.
    fn body_items(
        &self,
        body: Pair<'t, Rule>,
        kind: BodyKind,
        keyword: &str,
        diags: &mut Diagnostics,
    ) -> Vec<RawItem<'t>> {
        let mut res: Vec<RawItem<'t>> = Vec::new();
        let mut docs = DocCollector::default();
        // End of the last item on its line, to recognise trailing comments.
        let mut last_item_end: Option<usize> = None;
        for child in body.into_inner() {
            match child.as_rule() {
                Rule::comment => {
                    let comment = self.comment(&child);
                    let start = child.as_span().start();
                    let trailing = last_item_end.is_some_and(|end| self.newlines_between(end, start) == 0);
                    if trailing && let Some(RawItem::Item(_, _, slot)) = res.last_mut() {
                        *slot = Some(comment);
                        last_item_end = None;
                        continue;
                    }
                    last_item_end = None;
                    if comment.is_doc {
                        if let Some(flushed) = docs.push(self, comment) {
                            res.extend(flushed.into_iter().map(RawItem::Comment));
                        }
                    } else {
                        res.extend(docs.take().into_iter().map(RawItem::Comment));
                        res.push(RawItem::Comment(comment));
                    }
                }
                Rule::block_catch_all => {
                    res.extend(docs.take().into_iter().map(RawItem::Comment));
                    last_item_end = None;
                    let what = match kind {
                        BodyKind::Config => "property",
                        BodyKind::Enum => "enum value or attribute",
                        BodyKind::Model => "field or attribute",
                    };
                    diags.push(
                        Diagnostic::error(
                            "schema::invalid_line",
                            format!("This line is not a valid {what} in a {keyword} block."),
                            self.span(&child),
                        )
                        .with_help(match kind {
                            BodyKind::Config => "Properties are written `key = value`.",
                            BodyKind::Enum => "Enum values are names, optionally followed by `@map(\"…\")`.",
                            BodyKind::Model => {
                                "A field is written `name Type` followed by attributes such as `@id`; a block attribute starts with `@@`."
                            }
                        }),
                    );
                }
                Rule::block_attribute | Rule::key_value | Rule::field => {
                    let start = child.as_span().start();
                    let (documentation, loose) = docs.attach(self, start);
                    res.extend(loose.into_iter().map(RawItem::Comment));
                    last_item_end = Some(child.as_span().end());
                    res.push(RawItem::Item(child, documentation, None));
                }
                _ => {}
            }
        }
        res.extend(docs.take().into_iter().map(RawItem::Comment));
        res
    }

    fn key_value(
        &self,
        pair: Pair<'t, Rule>,
        documentation: Option<Documentation>,
        trailing_comment: Option<Comment>,
        diags: &mut Diagnostics,
    ) -> ConfigProperty {
        let span = self.span(&pair);
        let mut inner = pair.into_inner();
        let key = inner.next().map(|p| self.ident(&p)).unwrap_or(Identifier { name: String::new(), span });
        let value = inner.next().map(|p| self.expression(p, diags));
        if value.is_none() {
            diags.push(Diagnostic::error(
                "schema::missing_property_value",
                format!("The property `{}` has no value.", key.name),
                span,
            ));
        }
        ConfigProperty { key, value, documentation, trailing_comment, span }
    }

    fn field(
        &self,
        pair: Pair<'t, Rule>,
        keyword: ModelKeyword,
        block_name: &str,
        documentation: Option<Documentation>,
        trailing_comment: Option<Comment>,
        diags: &mut Diagnostics,
    ) -> Option<Field> {
        let span = self.span(&pair);
        let mut name = None;
        let mut ty = None;
        let mut attributes = Vec::new();
        for child in pair.into_inner() {
            match child.as_rule() {
                Rule::identifier => name = Some(self.ident(&child)),
                Rule::field_type => ty = Some(self.field_type(child, diags)),
                Rule::field_attribute => attributes.push(self.attribute(child, diags)),
                _ => {}
            }
        }
        let name = name?;
        let Some(ty) = ty else {
            diags.push(
                Diagnostic::error(
                    "schema::missing_field_type",
                    format!(
                        "The field `{}` of the {} `{block_name}` has no type.",
                        name.name,
                        keyword.as_str()
                    ),
                    span,
                )
                .with_help("Write the type after the field name, e.g. `name String`."),
            );
            return None;
        };
        Some(Field { name, ty, attributes, documentation, trailing_comment, span })
    }

    fn field_type(&self, pair: Pair<'t, Rule>, diags: &mut Diagnostics) -> FieldType {
        let span = self.span(&pair);
        let mut name = Identifier { name: String::new(), span };
        let mut unsupported = None;
        let mut arity = Arity::Required;
        for child in pair.into_inner() {
            match child.as_rule() {
                Rule::identifier => name = self.ident(&child),
                Rule::unsupported_type => {
                    let child_span = self.span(&child);
                    name = Identifier {
                        name: "Unsupported".to_owned(),
                        span: Span { end: child_span.start + "Unsupported".len() as u32, ..child_span },
                    };
                    if let Some(s) = child.into_inner().next() {
                        unsupported = Some(self.string_literal(s, diags));
                    }
                }
                Rule::arity => {
                    arity = match child.as_str() {
                        "?" => Arity::Optional,
                        "[]" => Arity::List,
                        other => {
                            let (fixed, help) = if other == "!" {
                                (Arity::Required, "Fields are required by default; remove the `!`.")
                            } else {
                                (Arity::List, "List fields cannot be optional; remove the `?`.")
                            };
                            diags.push(
                                Diagnostic::error(
                                    "schema::invalid_arity",
                                    format!("The type modifier `{other}` is not valid."),
                                    self.span(&child),
                                )
                                .with_help(help),
                            );
                            fixed
                        }
                    }
                }
                _ => {}
            }
        }
        FieldType { name, unsupported, arity, span }
    }

    fn enum_value(
        &self,
        pair: Pair<'t, Rule>,
        enum_name: &str,
        documentation: Option<Documentation>,
        trailing_comment: Option<Comment>,
        diags: &mut Diagnostics,
    ) -> Option<EnumValue> {
        let span = self.span(&pair);
        let mut name = None;
        let mut attributes = Vec::new();
        for child in pair.into_inner() {
            match child.as_rule() {
                Rule::identifier => name = Some(self.ident(&child)),
                Rule::field_type => diags.push(
                    Diagnostic::error(
                        "schema::invalid_enum_value",
                        format!("The value of the enum `{enum_name}` is followed by `{}`; enum values have no type.", child.as_str()),
                        self.span(&child),
                    )
                    .with_help("Write one value name per line."),
                ),
                Rule::field_attribute => attributes.push(self.attribute(child, diags)),
                _ => {}
            }
        }
        Some(EnumValue { name: name?, attributes, documentation, trailing_comment, span })
    }

    fn attribute(&self, pair: Pair<'t, Rule>, diags: &mut Diagnostics) -> Attribute {
        let span = self.span(&pair);
        let mut name = Identifier { name: String::new(), span };
        let mut arguments = None;
        for child in pair.into_inner() {
            match child.as_rule() {
                Rule::attribute_name => name = self.ident(&child),
                Rule::arguments_list => arguments = Some(self.arguments(child, diags)),
                _ => {}
            }
        }
        Attribute { name, arguments, documentation: None, trailing_comment: None, span }
    }

    fn arguments(&self, pair: Pair<'t, Rule>, diags: &mut Diagnostics) -> ArgumentList {
        let span = self.span(&pair);
        let mut arguments = Vec::new();
        for child in pair.into_inner() {
            let arg_span = self.span(&child);
            match child.as_rule() {
                Rule::named_argument => {
                    let mut inner = child.into_inner();
                    let name = inner.next().map(|p| self.ident(&p));
                    let value = inner.next().map(|p| self.expression(p, diags));
                    if value.is_none() {
                        diags.push(Diagnostic::error(
                            "schema::missing_argument_value",
                            format!(
                                "The argument `{}` has no value.",
                                name.as_ref().map_or("", |n| n.name.as_str())
                            ),
                            arg_span,
                        ));
                    }
                    arguments.push(Argument { name, value, span: arg_span });
                }
                Rule::positional_argument => {
                    let value = child.into_inner().next().map(|p| self.expression(p, diags));
                    arguments.push(Argument { name: None, value, span: arg_span });
                }
                _ => {}
            }
        }
        ArgumentList { arguments, span }
    }

    fn expression(&self, pair: Pair<'t, Rule>, diags: &mut Diagnostics) -> Expression {
        let span = self.span(&pair);
        let depth = self.depth.get();
        if depth >= MAX_EXPRESSION_DEPTH {
            if depth == MAX_EXPRESSION_DEPTH {
                diags.push(Diagnostic::error(
                    "schema::nesting_too_deep",
                    format!("This value nests lists or function calls more than {MAX_EXPRESSION_DEPTH} levels deep."),
                    span,
                ));
                // Deeper levels of this value are cut off without another message.
                self.depth.set(depth + 1);
            }
            return Expression::Array(Vec::new(), span);
        }
        self.depth.set(depth + 1);
        let res = self.expression_inner(pair, span, diags);
        self.depth.set(depth);
        res
    }

    fn expression_inner(&self, pair: Pair<'t, Rule>, span: Span, diags: &mut Diagnostics) -> Expression {
        match pair.as_rule() {
            Rule::string_literal => Expression::String(self.string_literal(pair, diags)),
            Rule::numeric_value => Expression::Number(pair.as_str().to_owned(), span),
            Rule::function_call => {
                let mut name = Identifier { name: String::new(), span };
                let mut arguments = ArgumentList { arguments: Vec::new(), span };
                for child in pair.into_inner() {
                    match child.as_rule() {
                        Rule::path => name = self.ident(&child),
                        Rule::arguments_list => arguments = self.arguments(child, diags),
                        _ => {}
                    }
                }
                Expression::Function(FunctionCall { name, arguments, span })
            }
            Rule::array_expression => {
                Expression::Array(pair.into_inner().map(|p| self.expression(p, diags)).collect(), span)
            }
            _ => Expression::Constant(pair.as_str().to_owned(), span),
        }
    }

    fn string_literal(&self, pair: Pair<'t, Rule>, diags: &mut Diagnostics) -> StringLiteral {
        let span = self.span(&pair);
        let raw = pair.into_inner().next().map_or("", |p| p.as_str());
        let content_start = span.start as usize + 1;
        let value = unescape(raw, |offset, len, message| {
            let start = content_start + offset;
            diags.push(
                Diagnostic::error("schema::invalid_string_escape", message, Span::new(self.file_id, start, start + len))
                    .with_help("Valid escapes are `\\\"`, `\\\\`, `\\/`, `\\b`, `\\f`, `\\n`, `\\r`, `\\t` and `\\uXXXX`."),
            );
        });
        StringLiteral { value, raw: raw.to_owned(), span }
    }
}

/// Unescapes the content of a PSL string literal. PSL strings use JSON escapes
/// (<https://www.prisma.io/docs/orm/reference/prisma-schema-reference#string>, <https://www.json.org>):
/// `\"`, `\\`, `\/`, `\b`, `\f`, `\n`, `\r`, `\t` and `\uXXXX`. An unknown escape is reported through
/// `on_error(byte offset in raw, byte length, message)` and kept as written.
pub fn unescape(raw: &str, mut on_error: impl FnMut(usize, usize, String)) -> String {
    let mut out = String::with_capacity(raw.len());
    let mut chars = raw.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        let Some((_, e)) = chars.next() else {
            on_error(i, 1, "The string ends with a lone backslash.".to_owned());
            out.push('\\');
            break;
        };
        match e {
            '"' => out.push('"'),
            '\\' => out.push('\\'),
            '/' => out.push('/'),
            'b' => out.push('\u{8}'),
            'f' => out.push('\u{c}'),
            'n' => out.push('\n'),
            'r' => out.push('\r'),
            't' => out.push('\t'),
            'u' => {
                let hex: String = raw[i + 2..].chars().take(4).collect();
                let code = if hex.len() == 4 && hex.chars().all(|h| h.is_ascii_hexdigit()) {
                    u32::from_str_radix(&hex, 16).ok().and_then(char::from_u32)
                } else {
                    None
                };
                match code {
                    Some(ch) => {
                        out.push(ch);
                        for _ in 0..4 {
                            chars.next();
                        }
                    }
                    None => {
                        on_error(i, 2, "The escape `\\u` must be followed by four hexadecimal digits of a valid character.".to_owned());
                        out.push_str("\\u");
                    }
                }
            }
            other => {
                on_error(
                    i,
                    1 + other.len_utf8(),
                    format!("The escape sequence `\\{other}` is not valid in a string."),
                );
                out.push('\\');
                out.push(other);
            }
        }
    }
    out
}
