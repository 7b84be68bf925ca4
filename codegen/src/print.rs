//! A small, linear pretty-printer for the generated client's `proc_macro2::TokenStream`.
//!
//! # Why not `syn` + `prettyplease`
//! Parsing the generated tokens back into a `syn::File` only to print them took most of
//! `generate`'s time (see `codegen/benches/RESULTS.md`). This printer walks the tokens once and
//! decides spacing and line breaks from the tokens themselves; it never parses Rust.
//!
//! # Layout rules (what the output looks like)
//! - Two-space indentation; lines aim at [`WIDTH`] columns but may run over (long paths, strings).
//! - Item bodies (`struct`, `enum`, `union`, `mod`, `impl`, `trait`) and every `{ … }` holding a
//!   top-level `;`, `,` or attribute are broken: one item, statement, field or variant per line.
//!   Other `{ … }` groups (one-expression `fn` bodies, `const { … }` blocks, one-field struct
//!   literals) stay on one line when they fit, e.g. `pub const fn id() -> F<i32> { F::new(0) }`.
//! - `( … )` and `[ … ]` stay on one line when they fit together with what follows them up to the
//!   next `{`, `;`, `,` or `=`; otherwise a list with commas gets one element per line and a group
//!   without commas keeps its content on the same line (`Ok(Self {` … `})`).
//! - `use` statements and attributes are always printed on one line.
//! - `#[doc = "…"]` attributes are printed as `///` lines (trailing whitespace dropped), unless the
//!   text cannot be one (`\n`, `\r`, a leading `/`): then the attribute is printed as it is.
//! - Spacing: none before `,` `;` `.` `?` `:`, around `::` and `.`, inside generics `<…>`, after
//!   prefix `&` `*` `-` `!` `..`, in `&'static` and `r#type`; one space around binary operators
//!   (`=`, `->`, `=>`, `==`, `|`, …) and after `,` and `:`. Two punctuation characters that the
//!   input kept apart are never printed so that they would lex as one operator (`= =` vs `==`).
//!
//! - A list broken over lines (struct/enum bodies, struct literals, arguments, arrays) gets a
//!   trailing `,`, as rustfmt writes it (not after a struct base `..base`).
//!
//! Lexing the output gives back the input tokens apart from spacing, doc-comment form (`///` vs
//! `#[doc]`) and those trailing commas; the crate's tests check this for the blog case and every
//! corpus schema. Cost is linear in the number of tokens: each group
//! is tried on one line at most once, and a try stops after [`WIDTH`] columns.

use std::fmt::Write as _;

use proc_macro2::{Delimiter, Spacing, TokenStream, TokenTree};

/// Target line width in columns (bytes), indentation included.
pub(crate) const WIDTH: usize = 100;

/// Spaces per indentation level.
const INDENT: usize = 2;

/// Prints `tokens` (a sequence of Rust items) as source text and appends it to `out`. Every line
/// ends with `\n`.
pub(crate) fn print_items(tokens: TokenStream, out: &mut String) {
    let mut tree = Tree { nodes: Vec::new(), text: String::new() };
    tree.push_stream(tokens);
    let mut p = Printer {
        tree: &tree,
        out: std::mem::take(out),
        indent: 0,
        line_start: 0,
        at_line_start: true,
        prev: Prev::LineStart,
        limit: usize::MAX,
        last: Last::Other,
    };
    p.out.reserve(tree.text.len() * 2);
    let end = tree.nodes.len();
    let mut st = SeqState::default();
    p.seq(0, end, Mode::Block, &mut st);
    if !p.at_line_start {
        p.out.push('\n');
    }
    *out = p.out;
}

/// One token in pre-order: a group is followed by its content; `next` is the index after it.
#[derive(Clone, Copy)]
struct Node {
    kind: Kind,
    /// Byte range of the token's text in [`Tree::text`] (idents and literals).
    start: u32,
    end: u32,
    /// Index of the next sibling (for a group: after its whole content).
    next: u32,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Kind {
    Ident,
    Literal,
    Punct(char, Spacing),
    Group(Delimiter),
}

/// The token stream flattened into one vector (cheap to walk twice) plus one text arena.
struct Tree {
    nodes: Vec<Node>,
    text: String,
}

impl Tree {
    fn push_stream(&mut self, stream: TokenStream) {
        for tt in stream {
            match tt {
                TokenTree::Group(g) => {
                    let delimiter = g.delimiter();
                    let inner = g.stream();
                    drop(g); // `inner` is now the only owner: iterating it moves tokens.
                    if delimiter == Delimiter::None {
                        self.push_stream(inner);
                        continue;
                    }
                    let at = self.nodes.len();
                    self.nodes.push(Node { kind: Kind::Group(delimiter), start: 0, end: 0, next: 0 });
                    self.push_stream(inner);
                    self.nodes[at].next = self.nodes.len() as u32;
                }
                TokenTree::Ident(i) => self.push_text(Kind::Ident, format_args!("{i}")),
                TokenTree::Literal(l) => self.push_text(Kind::Literal, format_args!("{l}")),
                TokenTree::Punct(p) => {
                    let next = self.nodes.len() as u32 + 1;
                    self.nodes.push(Node {
                        kind: Kind::Punct(p.as_char(), p.spacing()),
                        start: 0,
                        end: 0,
                        next,
                    });
                }
            }
        }
    }

    fn push_text(&mut self, kind: Kind, text: std::fmt::Arguments<'_>) {
        let start = self.text.len() as u32;
        let _ = self.text.write_fmt(text);
        let end = self.text.len() as u32;
        let next = self.nodes.len() as u32 + 1;
        self.nodes.push(Node { kind, start, end, next });
    }

    fn text(&self, n: &Node) -> &str {
        &self.text[n.start as usize..n.end as usize]
    }

    fn punct(&self, i: usize) -> Option<(char, Spacing)> {
        match self.nodes.get(i)?.kind {
            Kind::Punct(c, s) => Some((c, s)),
            _ => None,
        }
    }
}

/// How a sequence of sibling tokens is laid out.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Mode {
    /// Items, statements or fields: a new line after `;`, top-level `,`, attributes and bodies.
    Block,
    /// A broken `( … )` / `[ … ]` list: a new line after each top-level `,`.
    List,
    /// Within one line; nested groups may still break.
    Inline,
    /// Everything on one line; fails (returns `false`) on overflow or on something that needs
    /// a line of its own.
    Flat,
}

/// What the last printed token was, for spacing.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Prev {
    /// Nothing yet on this line.
    LineStart,
    /// `(`, `[`, or `{` in a `use` tree: no space after.
    Open,
    /// Identifier, literal, `?`, closing delimiter: ends an operand.
    Operand,
    /// A lifetime (`'a`): like an operand, but `[`/`(` after it get a space.
    Lifetime,
    /// A keyword that is followed by a space (`pub`, `fn`, `impl`, `as`, …).
    Keyword,
    /// The keyword `pub` or `fn` (no space before a following `(`).
    PubFn,
    /// `::` or `.`: no space after.
    PathSep,
    /// Prefix operator, `#`, macro `!`, generic `<`, closure `|`: no space after.
    Prefix,
    /// Binary operator, `,`, `;`, `:`: a space after.
    Binary,
    /// `>` that closes generics.
    GenericClose,
}

/// Per-sequence state: generic nesting and the current statement's shape.
#[derive(Clone, Copy, Default)]
struct SeqState {
    /// Open `<` of generics at this level.
    generics: u32,
    /// Between the `|`s of a closure's parameters.
    closure: bool,
    /// The statement is a `use` declaration (always one line).
    in_use: bool,
    /// The statement declares an item whose `{ … }` body is always broken.
    item_body: bool,
    /// That item is a `struct`, `enum` or `union`: its body is a comma list.
    comma_body: bool,
}

impl SeqState {
    fn end_statement(&mut self) {
        *self = SeqState::default();
    }
}

struct Printer<'t> {
    tree: &'t Tree,
    out: String,
    indent: usize,
    /// Byte offset in `out` where the current line starts.
    line_start: usize,
    /// Nothing (not even indentation) has been written on the current line.
    at_line_start: bool,
    prev: Prev,
    /// While trying a group on one line: `out` may not grow beyond this length.
    limit: usize,
    /// The last token written, for joining rules (`name!`, `name<`, `= =`).
    last: Last,
}

/// The last token written.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Last {
    Ident,
    Punct(char, Spacing),
    Other,
}

/// Keywords after which an operand gets a space and which put the next token in prefix position.
fn is_keyword(word: &str) -> bool {
    matches!(
        word,
        "as" | "async"
            | "break"
            | "const"
            | "continue"
            | "dyn"
            | "else"
            | "enum"
            | "extern"
            | "fn"
            | "for"
            | "if"
            | "impl"
            | "in"
            | "let"
            | "loop"
            | "match"
            | "mod"
            | "move"
            | "mut"
            | "pub"
            | "ref"
            | "return"
            | "static"
            | "struct"
            | "trait"
            | "type"
            | "unsafe"
            | "use"
            | "where"
            | "while"
            | "yield"
    )
}

/// Two punctuation characters that lex as one operator when written together.
fn would_join(a: char, b: char) -> bool {
    matches!(
        (a, b),
        ('=', '=' | '>')
            | ('!', '=')
            | ('<', '=' | '<' | '-')
            | ('>', '=' | '>')
            | ('&', '&' | '=')
            | ('|', '|' | '=')
            | ('+' | '*' | '%' | '^', '=')
            | ('-', '=' | '>')
            | ('/', '=' | '/' | '*')
            | ('*', '/')
            | ('.', '.' | '=')
            | (':', ':')
    )
}

impl Printer<'_> {
    fn col(&self) -> usize {
        if self.at_line_start { self.indent * INDENT } else { self.out.len() - self.line_start }
    }

    fn overflowed(&self) -> bool {
        self.out.len() > self.limit
    }

    fn newline(&mut self) {
        if !self.at_line_start {
            self.out.push('\n');
            self.line_start = self.out.len();
            self.at_line_start = true;
        }
        self.prev = Prev::LineStart;
        self.last = Last::Other;
    }

    /// Writes `s`, preceded by the indentation at the start of a line or by a space if `space`.
    fn put(&mut self, s: &str, space: bool) {
        if self.at_line_start {
            self.out.extend(std::iter::repeat_n(' ', self.indent * INDENT));
            self.at_line_start = false;
        } else if space {
            self.out.push(' ');
        }
        self.out.push_str(s);
        self.last = Last::Other;
    }

    /// Whether an operand-like token (ident, literal, lifetime, prefix operator) needs a space.
    fn space_before_operand(&self) -> bool {
        matches!(
            self.prev,
            Prev::Operand | Prev::Lifetime | Prev::Keyword | Prev::PubFn | Prev::Binary | Prev::GenericClose
        )
    }

    /// Whether `prev` ends an operand, so that `&`, `*`, `-`, `|` are binary operators.
    fn after_operand(&self) -> bool {
        matches!(self.prev, Prev::Operand | Prev::Lifetime | Prev::GenericClose)
    }

    /// Prints the siblings `i..end`. In [`Mode::Flat`] returns `false` as soon as the line
    /// overflows or a token needs a line of its own; otherwise always `true`.
    fn seq(&mut self, mut i: usize, end: usize, mode: Mode, st: &mut SeqState) -> bool {
        let tree = self.tree;
        let nodes = &tree.nodes;
        while i < end {
            let node = nodes[i];
            let next = node.next as usize;
            match node.kind {
                Kind::Ident => {
                    let word = tree.text(&node);
                    if st.generics == 0 {
                        match word {
                            "use" => st.in_use = true,
                            "struct" | "enum" => {
                                st.item_body = true;
                                st.comma_body = true;
                            }
                            // `union` is a weak keyword: `union U {` but not `fn union()`.
                            "union" if nodes.get(next).is_some_and(|n| n.kind == Kind::Ident) => {
                                st.item_body = true;
                                st.comma_body = true;
                            }
                            "mod" | "trait" => st.item_body = true,
                            // `impl Trait for T {` (not `x: impl Into<T>` or `-> impl Trait`).
                            "impl" if !matches!(self.prev, Prev::Binary | Prev::Prefix | Prev::Open) => {
                                st.item_body = true
                            }
                            _ => {}
                        }
                    }
                    let space = self.space_before_operand();
                    self.put(word, space);
                    self.last = Last::Ident;
                    self.prev = match word {
                        "pub" | "fn" => Prev::PubFn,
                        w if is_keyword(w) => Prev::Keyword,
                        _ => Prev::Operand,
                    };
                    i = next;
                }
                Kind::Literal => {
                    let space = self.space_before_operand();
                    let text = tree.text(&node);
                    self.put(text, space);
                    self.prev = Prev::Operand;
                    i = next;
                }
                Kind::Group(delimiter) => {
                    let ok = match delimiter {
                        Delimiter::Brace => self.brace(i, mode, st),
                        _ => {
                            let (ok, after) = self.paren(i, end, mode, st);
                            if ok && after > next {
                                i = after;
                                continue;
                            }
                            ok
                        }
                    };
                    if !ok {
                        return false;
                    }
                    i = next;
                    if mode == Mode::Block && delimiter == Delimiter::Brace {
                        // A body ends its item or statement unless the expression goes on.
                        let goes_on = match nodes.get(i).map(|n| n.kind) {
                            Some(Kind::Punct(c, _)) => matches!(c, '.' | '?' | ',' | ';'),
                            Some(Kind::Ident) => {
                                matches!(tree.text(&nodes[i]), "else" | "as")
                            }
                            _ => false,
                        };
                        if !goes_on && i < end {
                            st.end_statement();
                            self.newline();
                        }
                    }
                }
                Kind::Punct('#', _) => {
                    let Some(after) = self.attribute(i, end, mode) else { return false };
                    i = after;
                }
                Kind::Punct(c, spacing) => {
                    i = self.punct(i, c, spacing, st);
                    if mode == Mode::Flat && self.overflowed() {
                        return false;
                    }
                    if (c == ';' || (c == ',' && st.generics == 0))
                        && matches!(mode, Mode::Block | Mode::List)
                    {
                        if c == ';' || mode == Mode::Block {
                            st.end_statement();
                        }
                        self.newline();
                    }
                    continue;
                }
            }
            if mode == Mode::Flat && self.overflowed() {
                return false;
            }
        }
        true
    }

    /// Prints the punctuation at `i` (with the characters joined to it into one operator) and
    /// returns the index after it.
    fn punct(&mut self, i: usize, c: char, spacing: Spacing, st: &mut SeqState) -> usize {
        let tree = self.tree;
        // Multi-character operators (`::`, `->`, `=>`, `==`, `..`, …): all parts but the last Joint.
        let second = if spacing == Spacing::Joint { tree.punct(i + 1).map(|(c2, _)| c2) } else { None };
        let mut buf = [0u8; 4];
        let (text, len): (&str, usize) = match (c, second) {
            (':', Some(':')) => ("::", 2),
            ('-', Some('>')) => ("->", 2),
            ('=', Some('>')) => ("=>", 2),
            ('=', Some('=')) => ("==", 2),
            ('!', Some('=')) => ("!=", 2),
            ('<', Some('=')) => ("<=", 2),
            ('>', Some('=')) => (">=", 2),
            ('&', Some('&')) => ("&&", 2),
            ('|', Some('|')) => ("||", 2),
            ('+', Some('=')) => ("+=", 2),
            ('-', Some('=')) => ("-=", 2),
            ('*', Some('=')) => ("*=", 2),
            ('/', Some('=')) => ("/=", 2),
            ('|', Some('=')) => ("|=", 2),
            ('&', Some('=')) => ("&=", 2),
            ('^', Some('=')) => ("^=", 2),
            ('%', Some('=')) => ("%=", 2),
            ('.', Some('.')) => {
                let third =
                    tree.punct(i + 1).filter(|(_, s)| *s == Spacing::Joint).and_then(|_| tree.punct(i + 2));
                match third {
                    Some(('=', _)) => ("..=", 3),
                    Some(('.', _)) => ("...", 3),
                    _ => ("..", 2),
                }
            }
            _ => (&*c.encode_utf8(&mut buf), 1),
        };
        let last_spacing = tree.punct(i + len - 1).map_or(Spacing::Alone, |(_, s)| s);

        let (space, prev) = match text {
            "," | ";" => {
                st.closure = false;
                (false, Prev::Binary)
            }
            "." => (false, Prev::PathSep),
            "::" => (matches!(self.prev, Prev::Keyword | Prev::Binary), Prev::PathSep),
            "?" => (false, Prev::Operand),
            ":" => (false, Prev::Binary),
            ".." | "..=" | "..." => (self.space_before_operand() && !self.after_operand(), Prev::Prefix),
            "'" => {
                // A lifetime: `'` joined to the identifier that follows.
                let space = self.space_before_operand();
                if let Some(n) = tree.nodes.get(i + 1).filter(|n| n.kind == Kind::Ident) {
                    self.put("'", space);
                    self.out.push_str(tree.text(n));
                    self.prev = Prev::Lifetime;
                    return i + 2;
                }
                (space, Prev::Prefix)
            }
            "!" if self.last == Last::Ident => (false, Prev::Prefix), // macro call `name!`
            "<" => {
                if self.last == Last::Ident || self.prev == Prev::PathSep {
                    st.generics += 1;
                    (false, Prev::Prefix)
                } else if !self.after_operand() {
                    // Qualified path `<T as Trait>::…`.
                    st.generics += 1;
                    (self.space_before_operand(), Prev::Prefix)
                } else {
                    (true, Prev::Binary)
                }
            }
            ">" if st.generics > 0 => {
                st.generics -= 1;
                (false, Prev::GenericClose)
            }
            "|" if st.closure => {
                st.closure = false;
                (false, Prev::Binary)
            }
            "|" if !self.after_operand() => {
                st.closure = true;
                (self.space_before_operand(), Prev::Prefix)
            }
            "||" if !self.after_operand() => (self.space_before_operand(), Prev::Binary),
            "&" | "*" | "-" | "!" if !self.after_operand() => (self.space_before_operand(), Prev::Prefix),
            "#" | "$" | "~" | "@" => (self.space_before_operand(), Prev::Prefix),
            _ => (!matches!(self.prev, Prev::LineStart | Prev::Open), Prev::Binary),
        };
        // Never let two separate punctuation characters lex as one operator (`= =` is not `==`);
        // two `>` closing generics may touch (`Option<Vec<T>>`).
        let space = space
            || match self.last {
                Last::Punct(p, Spacing::Alone) => {
                    let generic_pair =
                        p == '>' && self.prev == Prev::GenericClose && prev == Prev::GenericClose;
                    !generic_pair && would_join(p, c)
                }
                _ => false,
            };
        self.put(text, space);
        self.prev = prev;
        self.last = Last::Punct(text.chars().last().unwrap_or(c), last_spacing);
        i + len
    }

    /// Prints an attribute starting with the `#` at `i`; returns the index after it, or `None`
    /// in [`Mode::Flat`] for a doc comment (which needs its own line).
    fn attribute(&mut self, i: usize, end: usize, mode: Mode) -> Option<usize> {
        let tree = self.tree;
        let nodes = &tree.nodes;
        let mut j = i + 1;
        if tree.punct(j).is_some_and(|(c, _)| c == '!') {
            j += 1;
        }
        let Some(group) = nodes.get(j).filter(|n| n.kind == Kind::Group(Delimiter::Bracket)) else {
            // A lone `#` (not an attribute): print it as punctuation.
            let space = self.space_before_operand();
            self.put("#", space);
            self.prev = Prev::Prefix;
            return Some(i + 1);
        };
        let after = group.next as usize;
        let line_mode = matches!(mode, Mode::Block | Mode::List);
        if let Some(doc) = doc_text(tree, j + 1, after).filter(|_| j == i + 1) {
            if !line_mode {
                return if mode == Mode::Flat { None } else { self.attribute_tokens(i, after, mode) };
            }
            self.newline();
            self.put("///", false);
            self.out.push_str(doc.trim_end());
            self.newline();
            return Some(after.min(end));
        }
        if line_mode {
            self.newline();
        }
        self.attribute_tokens(i, after, mode)?;
        if line_mode {
            self.newline();
        }
        Some(after)
    }

    /// Prints `#[…]` (or `#![…]`) from `i` to `after` on the current line.
    fn attribute_tokens(&mut self, i: usize, after: usize, mode: Mode) -> Option<usize> {
        let space = self.space_before_operand();
        self.put("#", space);
        self.prev = Prev::Prefix;
        let saved = self.limit;
        if mode != Mode::Flat {
            self.limit = usize::MAX;
        }
        let mut st = SeqState::default();
        let ok = self.seq(i + 1, after, Mode::Flat, &mut st);
        self.limit = saved;
        if ok { Some(after) } else { None }
    }

    /// Prints the `{ … }` group at `i`.
    fn brace(&mut self, i: usize, mode: Mode, st: &mut SeqState) -> bool {
        let tree = self.tree;
        let nodes = &tree.nodes;
        let node = nodes[i];
        let (start, end) = (i + 1, node.next as usize);
        let space = !matches!(self.prev, Prev::LineStart | Prev::Open | Prev::PathSep | Prev::Prefix);
        if start == end {
            self.put("{}", space);
            self.prev = Prev::Operand;
            st.item_body = false;
            return true;
        }
        if st.in_use {
            // `use a::{b, c};`: one line, no padding.
            self.put("{", space);
            self.prev = Prev::Open;
            let saved = self.limit;
            if mode != Mode::Flat {
                self.limit = usize::MAX;
            }
            let mut inner = SeqState::default();
            let ok = self.seq(start, end, Mode::Flat, &mut inner);
            self.limit = saved;
            if !ok {
                return false;
            }
            self.put("}", false);
            self.prev = Prev::Operand;
            return true;
        }
        let comma_body = std::mem::take(&mut st.comma_body);
        let must_break = std::mem::take(&mut st.item_body) || self.needs_lines(start, end);
        if mode == Mode::Flat {
            if must_break {
                return false;
            }
            return self.flat_brace(start, end, space);
        }
        if !must_break {
            let mark = self.mark();
            let saved = self.limit;
            self.limit = self.out.len() + WIDTH.saturating_sub(self.col());
            let ok = self.flat_brace(start, end, space);
            self.limit = saved;
            if ok && !self.overflowed() {
                return true;
            }
            self.reset(mark);
        }
        self.put("{", space);
        self.indent += 1;
        self.newline();
        let mut inner = SeqState::default();
        self.seq(start, end, Mode::Block, &mut inner);
        let list =
            comma_body || (has_top_level_comma(self.tree, start, end) && !self.needs_semicolon(start, end));
        if list {
            self.trailing_comma(start, end);
        }
        self.indent -= 1;
        self.newline();
        self.put("}", false);
        self.prev = Prev::Operand;
        true
    }

    fn flat_brace(&mut self, start: usize, end: usize, space: bool) -> bool {
        self.put("{", space);
        self.prev = Prev::Open;
        let mut inner = SeqState::default();
        self.out.push(' ');
        if !self.seq(start, end, Mode::Flat, &mut inner) {
            return false;
        }
        self.put("}", true);
        self.prev = Prev::Operand;
        !self.overflowed()
    }

    /// Whether the `{ … }` content `start..end` holds a top-level `;`, attribute, or `,` outside
    /// generics (statements, items, fields, variants, match arms).
    fn needs_lines(&self, start: usize, end: usize) -> bool {
        top_level_separator(self.tree, start, end, true)
    }

    /// Prints the `( … )` or `[ … ]` group at `i` (siblings end at `end`). Returns whether it
    /// succeeded (only fails in [`Mode::Flat`]) and the index up to which siblings were printed.
    fn paren(&mut self, i: usize, end: usize, mode: Mode, st: &mut SeqState) -> (bool, usize) {
        let tree = self.tree;
        let nodes = &tree.nodes;
        let node = nodes[i];
        let Kind::Group(delimiter) = node.kind else { return (true, i + 1) };
        let (open, close) = if delimiter == Delimiter::Parenthesis { ("(", ")") } else { ("[", "]") };
        let (start, inner_end) = (i + 1, node.next as usize);
        let space = match self.prev {
            Prev::LineStart | Prev::Open | Prev::PathSep | Prev::Prefix | Prev::PubFn => false,
            Prev::Operand | Prev::GenericClose => false,
            Prev::Lifetime | Prev::Keyword | Prev::Binary => true,
        };
        if mode == Mode::Flat || st.in_use {
            let saved = self.limit;
            if mode != Mode::Flat {
                self.limit = usize::MAX;
            }
            let ok = self.flat_group(start, inner_end, open, close, space);
            self.limit = saved;
            return (ok, inner_end);
        }
        // Try the group and what follows it up to the next `{`, `;`, `,` or `=` on one line.
        let mut tail = inner_end;
        let mut generics = st.generics;
        while tail < end {
            let n = nodes[tail];
            match n.kind {
                Kind::Group(Delimiter::Brace) | Kind::Punct(';' | '#', _) => break,
                Kind::Punct(',', _) if generics == 0 => break,
                Kind::Punct('=', Spacing::Alone) if generics == 0 => break,
                Kind::Punct('=', Spacing::Joint) => break,
                Kind::Punct('<', _) => generics += 1,
                Kind::Punct('>', _) => generics = generics.saturating_sub(1),
                _ => {}
            }
            tail = n.next as usize;
        }
        let mark = self.mark();
        let saved_st = *st;
        let saved = self.limit;
        // Leave room for a following ` {`.
        self.limit = self.out.len() + WIDTH.saturating_sub(self.col() + 2);
        let mut ok = self.flat_group(start, inner_end, open, close, space);
        if ok && tail > inner_end {
            ok = self.seq(inner_end, tail, Mode::Flat, st);
        }
        self.limit = saved;
        if ok && !self.overflowed() {
            return (true, tail);
        }
        self.reset(mark);
        *st = saved_st;

        // Broken: one element per line if there are top-level commas, else hug the content.
        self.put(open, space);
        self.prev = Prev::Open;
        let mut inner = SeqState::default();
        if has_top_level_comma(self.tree, start, inner_end) {
            self.indent += 1;
            self.newline();
            self.seq(start, inner_end, Mode::List, &mut inner);
            self.trailing_comma(start, inner_end);
            self.indent -= 1;
            self.newline();
        } else {
            self.seq(start, inner_end, Mode::Inline, &mut inner);
        }
        self.put(close, false);
        self.prev = Prev::Operand;
        (true, inner_end)
    }

    fn flat_group(&mut self, start: usize, end: usize, open: &str, close: &str, space: bool) -> bool {
        self.put(open, space);
        self.prev = Prev::Open;
        let mut inner = SeqState::default();
        if !self.seq(start, end, Mode::Flat, &mut inner) {
            return false;
        }
        self.put(close, false);
        self.prev = Prev::Operand;
        !self.overflowed()
    }

    /// Whether `start..end` has a top-level `;` (a block of statements, not a comma list).
    fn needs_semicolon(&self, start: usize, end: usize) -> bool {
        let nodes = &self.tree.nodes;
        let mut i = start;
        while i < end {
            if matches!(nodes[i].kind, Kind::Punct(';', _)) {
                return true;
            }
            i = nodes[i].next as usize;
        }
        false
    }

    /// After the last element of a broken comma list `start..end`: writes `,` unless the list
    /// already ends with one or its last element is a struct base `..base` (which takes none).
    fn trailing_comma(&mut self, start: usize, end: usize) {
        let nodes = &self.tree.nodes;
        let (mut i, mut last, mut element) = (start, None, start);
        while i < end {
            if matches!(nodes[i].kind, Kind::Punct(',', _)) {
                element = nodes[i].next as usize;
            }
            last = Some(i);
            i = nodes[i].next as usize;
        }
        let ends_with_comma = last.is_some_and(|l| matches!(nodes[l].kind, Kind::Punct(',', _)));
        let base = matches!(self.tree.punct(element), Some(('.', Spacing::Joint)))
            && matches!(self.tree.punct(element + 1), Some(('.', _)));
        if last.is_some() && !ends_with_comma && !base {
            self.put(",", false);
            self.prev = Prev::Binary;
        }
    }

    fn mark(&self) -> Mark {
        Mark {
            len: self.out.len(),
            line_start: self.line_start,
            at_line_start: self.at_line_start,
            prev: self.prev,
            last: self.last,
        }
    }

    fn reset(&mut self, m: Mark) {
        self.out.truncate(m.len);
        self.line_start = m.line_start;
        self.at_line_start = m.at_line_start;
        self.prev = m.prev;
        self.last = m.last;
    }
}

/// A position in the output to come back to when a one-line try fails.
#[derive(Clone, Copy)]
struct Mark {
    len: usize,
    line_start: usize,
    at_line_start: bool,
    prev: Prev,
    last: Last,
}

/// Whether `start..end` has a `,` outside generics.
fn has_top_level_comma(tree: &Tree, start: usize, end: usize) -> bool {
    top_level_separator(tree, start, end, false)
}

/// Whether `start..end` has a `,` outside generics or, with `statements`, a top-level `;` or `#`
/// (one scan for [`has_top_level_comma`] and `Printer::needs_lines`).
fn top_level_separator(tree: &Tree, start: usize, end: usize, statements: bool) -> bool {
    let mut generics = 0u32;
    let mut i = start;
    let mut prev_ident = false;
    while i < end {
        let n = tree.nodes[i];
        match n.kind {
            Kind::Punct(';' | '#', _) if statements => return true,
            Kind::Punct(',', _) if generics == 0 => return true,
            Kind::Punct('<', _) if prev_ident => generics += 1,
            Kind::Punct('>', _) if generics > 0 => {
                let arrow =
                    i > start && matches!(tree.nodes[i - 1].kind, Kind::Punct('-' | '=', Spacing::Joint));
                if !arrow {
                    generics -= 1;
                }
            }
            _ => {}
        }
        prev_ident = n.kind == Kind::Ident || matches!(n.kind, Kind::Punct(':', Spacing::Alone));
        i = n.next as usize;
    }
    false
}

/// The text of a `doc = "…"` attribute body (`start..end` inside the brackets) when it can be
/// written as a `///` line: a string literal without `\n` or `\r` that does not start with `/`
/// (`////` would be a plain comment).
fn doc_text(tree: &Tree, start: usize, end: usize) -> Option<String> {
    let nodes = &tree.nodes;
    if end != start + 3 {
        return None;
    }
    let (name, eq, lit) = (nodes[start], nodes[start + 1], nodes[start + 2]);
    if name.kind != Kind::Ident || tree.text(&name) != "doc" {
        return None;
    }
    if !matches!(eq.kind, Kind::Punct('=', _)) || lit.kind != Kind::Literal {
        return None;
    }
    let value = string_value(tree.text(&lit))?;
    if value.contains(['\n', '\r']) || value.starts_with('/') {
        return None;
    }
    Some(value)
}

/// The value of a Rust string literal (`"…"` with escapes, or raw `r#"…"#`), per the Rust
/// reference, "Tokens → String literals"
/// (<https://doc.rust-lang.org/reference/tokens.html#string-literals>); `None` for anything else
/// (byte strings, C strings, suffixes, unknown escapes).
pub(crate) fn string_value(lit: &str) -> Option<String> {
    if let Some(raw) = lit.strip_prefix('r') {
        let hashes = raw.len() - raw.trim_start_matches('#').len();
        let body = raw.get(hashes..)?.strip_prefix('"')?;
        let body = body.strip_suffix(&raw[..hashes])?.strip_suffix('"')?;
        return Some(body.to_owned());
    }
    let body = lit.strip_prefix('"')?.strip_suffix('"')?;
    if !body.contains('\\') {
        return Some(body.to_owned());
    }
    let mut out = String::with_capacity(body.len());
    let mut chars = body.chars();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        match chars.next()? {
            'n' => out.push('\n'),
            'r' => out.push('\r'),
            't' => out.push('\t'),
            '\\' => out.push('\\'),
            '0' => out.push('\0'),
            '\'' => out.push('\''),
            '"' => out.push('"'),
            'x' => {
                let hex: String = chars.by_ref().take(2).collect();
                let v = u8::from_str_radix(&hex, 16).ok().filter(|v| *v < 0x80)?;
                out.push(char::from(v));
            }
            'u' => {
                if chars.next()? != '{' {
                    return None;
                }
                let hex: String = chars.by_ref().take_while(|c| *c != '}').collect();
                let v = u32::from_str_radix(&hex.replace('_', ""), 16).ok()?;
                out.push(char::from_u32(v)?);
            }
            '\n' => {
                // Line continuation: skip the newline and leading whitespace.
                let rest: String = chars.collect();
                let trimmed = rest.trim_start_matches([' ', '\t', '\n', '\r']);
                out.push_str(&string_value(&format!("\"{trimmed}\""))?);
                return Some(out);
            }
            _ => return None,
        }
    }
    Some(out)
}
