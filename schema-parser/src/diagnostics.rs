//! Spans, diagnostics and the collection that validation fills; rendering to plain text for tests.

use std::fmt::Write as _;

/// Identifies one source file of a (possibly multi-file) schema. Index into the caller's file list.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Default)]
pub struct FileId(pub u32);

impl FileId {
    /// The first (or only) file.
    pub const ZERO: FileId = FileId(0);
}

/// Half-open byte range `start..end` into the UTF-8 text of `file_id`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Default)]
pub struct Span {
    /// The file the offsets point into.
    pub file_id: FileId,
    /// Byte offset of the first byte.
    pub start: u32,
    /// Byte offset one past the last byte.
    pub end: u32,
}

impl Span {
    /// A span over `start..end` of `file_id`.
    pub fn new(file_id: FileId, start: usize, end: usize) -> Span {
        Span { file_id, start: start as u32, end: end as u32 }
    }
}

/// How bad a diagnostic is. Errors make a schema unusable; warnings do not.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Severity {
    /// The schema is invalid; nothing may be generated or migrated from it.
    Error,
    /// The schema is usable, but something deserves attention (e.g. a retired preview feature).
    Warning,
}

/// One problem in a user's schema. Rendered by `orm-cli`, never by this crate (except `render_plain` for tests).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    /// Error or warning.
    pub severity: Severity,
    /// Stable identifier, e.g. `schema::duplicate_field`. Never reword or reuse one.
    pub code: &'static str,
    /// A full sentence; schema names are quoted with backticks.
    pub message: String,
    /// Where the problem is.
    pub span: Span,
    /// Secondary spans, e.g. the first definition of a duplicate.
    pub labels: Vec<(Span, String)>,
    /// How to fix it, when a fix is known.
    pub help: Option<String>,
}

impl Diagnostic {
    /// An error with no labels and no help; add them with the builder methods.
    pub fn error(code: &'static str, message: impl Into<String>, span: Span) -> Diagnostic {
        Diagnostic {
            severity: Severity::Error,
            code,
            message: message.into(),
            span,
            labels: Vec::new(),
            help: None,
        }
    }

    /// A warning with no labels and no help.
    pub fn warning(code: &'static str, message: impl Into<String>, span: Span) -> Diagnostic {
        Diagnostic { severity: Severity::Warning, ..Diagnostic::error(code, message, span) }
    }

    /// Adds a secondary label.
    pub fn with_label(mut self, span: Span, text: impl Into<String>) -> Diagnostic {
        self.labels.push((span, text.into()));
        self
    }

    /// Sets the help text.
    pub fn with_help(mut self, help: impl Into<String>) -> Diagnostic {
        self.help = Some(help.into());
        self
    }
}

/// Accumulates diagnostics so that validation can report every problem at once.
#[derive(Debug, Default, Clone)]
pub struct Diagnostics {
    items: Vec<Diagnostic>,
}

impl Diagnostics {
    /// An empty collection.
    pub fn new() -> Diagnostics {
        Diagnostics::default()
    }

    /// Adds one diagnostic.
    pub fn push(&mut self, diagnostic: Diagnostic) {
        self.items.push(diagnostic);
    }

    /// True when at least one diagnostic is an error.
    pub fn has_errors(&self) -> bool {
        self.items.iter().any(|d| d.severity == Severity::Error)
    }

    /// All diagnostics, sorted by file, then position, then code (source order).
    pub fn sorted(&self) -> Vec<&Diagnostic> {
        let mut res: Vec<&Diagnostic> = self.items.iter().collect();
        res.sort_by_key(|d| (d.span.file_id, d.span.start, d.span.end, d.code));
        res
    }

    /// All diagnostics in insertion order.
    pub fn iter(&self) -> impl Iterator<Item = &Diagnostic> {
        self.items.iter()
    }

    /// Number of diagnostics.
    pub fn len(&self) -> usize {
        self.items.len()
    }

    /// True when there is no diagnostic.
    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }

    /// Renders every diagnostic, in source order, as colour-free text:
    ///
    /// ```text
    /// error[schema::duplicate_field]: Field `id` is already defined on model `User`.
    ///   --> schema.prisma:3:3
    ///   = first defined here: schema.prisma:2:3
    ///   = help: Rename one of the fields or map it with `@map`.
    /// ```
    ///
    /// `files[i]` is `(path, text)` of `FileId(i)`. Lines and columns are 1-based; columns count chars.
    pub fn render_plain(&self, files: &[(&str, &str)]) -> String {
        let mut out = String::new();
        for d in self.sorted() {
            let sev = match d.severity {
                Severity::Error => "error",
                Severity::Warning => "warning",
            };
            let _ = writeln!(out, "{sev}[{}]: {}", d.code, d.message);
            let _ = writeln!(out, "  --> {}", location(files, d.span));
            for (span, text) in &d.labels {
                let _ = writeln!(out, "  = {text}: {}", location(files, *span));
            }
            if let Some(help) = &d.help {
                let _ = writeln!(out, "  = help: {help}");
            }
        }
        out
    }
}

impl IntoIterator for Diagnostics {
    type Item = Diagnostic;
    type IntoIter = std::vec::IntoIter<Diagnostic>;
    fn into_iter(self) -> Self::IntoIter {
        self.items.into_iter()
    }
}

/// `path:line:column` (1-based) of the start of `span`.
pub fn location(files: &[(&str, &str)], span: Span) -> String {
    match files.get(span.file_id.0 as usize) {
        Some((path, text)) => {
            let (line, col) = line_col(text, span.start as usize);
            format!("{path}:{line}:{col}")
        }
        None => format!("<file {}>:{}", span.file_id.0, span.start),
    }
}

/// 1-based line and column (in chars) of byte `offset` in `text`. Offsets past the end clamp to the end.
pub fn line_col(text: &str, offset: usize) -> (usize, usize) {
    let mut offset = offset.min(text.len());
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    let before = &text[..offset];
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let col = text[line_start..offset].chars().count() + 1;
    (line, col)
}
