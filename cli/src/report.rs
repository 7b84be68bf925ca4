//! Printing: schema diagnostics through miette (colour on a terminal, plain text otherwise) and errors.

use std::fmt;
use std::io::IsTerminal as _;

use miette::{GraphicalReportHandler, GraphicalTheme, LabeledSpan, NamedSource, SourceSpan};
use orm_schema_parser::{Diagnostic, Diagnostics, Severity, SourceFile, Span};

/// Marks an error as an internal bug: `orm` exits with 101 instead of 1.
#[derive(Debug)]
pub struct Bug(pub String);

impl fmt::Display for Bug {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "internal error (this is a bug, please report it): {}", self.0)
    }
}

impl std::error::Error for Bug {}

/// An error whose details were already printed; `main` only turns it into exit code 1.
#[derive(Debug)]
pub struct Reported;

impl fmt::Display for Reported {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("error already reported")
    }
}

impl std::error::Error for Reported {}

/// True when stderr should get ANSI colours: a terminal, and neither `NO_COLOR` (<https://no-color.org>)
/// nor `TERM=dumb` is set. `CLICOLOR_FORCE=1` forces colour.
pub fn use_color() -> bool {
    if std::env::var_os("CLICOLOR_FORCE").is_some_and(|v| v != "0") {
        return true;
    }
    std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
        && std::env::var_os("TERM").is_none_or(|v| v != "dumb")
        && std::io::stderr().is_terminal()
}

/// Prints an error and its causes to stderr: `error: outer: cause: root cause`.
pub fn print_error(err: &anyhow::Error) {
    if use_color() {
        eprintln!("\x1b[1;31merror\x1b[0m: {err:#}");
    } else {
        eprintln!("error: {err:#}");
    }
}

/// Prints a warning line to stderr.
pub fn print_warning(text: &str) {
    if use_color() {
        eprintln!("\x1b[1;33mwarning\x1b[0m: {text}");
    } else {
        eprintln!("warning: {text}");
    }
}

/// Renders every diagnostic (sorted by file and position) with miette and returns the text.
///
/// Each report names the code, the message, `path:line:column` of the primary span with a source
/// snippet, secondary labels (in the same file as snippets, in other files as `path:line:column`
/// notes) and the help text. `color` selects the coloured Unicode theme or plain ASCII.
pub fn render_diagnostics(diagnostics: &Diagnostics, files: &[SourceFile], color: bool) -> String {
    let theme = if color { GraphicalTheme::unicode() } else { GraphicalTheme::none() };
    let handler = GraphicalReportHandler::new_themed(theme).with_width(110).with_links(false);
    let mut out = String::new();
    for diagnostic in diagnostics.sorted() {
        let report = SchemaReport::new(diagnostic, files);
        if handler.render_report(&mut out, &report).is_err() {
            // Rendering into a String only fails on a formatter bug; fall back to one line.
            out.push_str(&format!(
                "{}[{}]: {}\n",
                severity_word(diagnostic.severity),
                diagnostic.code,
                diagnostic.message
            ));
        }
        out.push('\n');
    }
    out
}

/// Prints every diagnostic to stderr (see [`render_diagnostics`]).
pub fn print_diagnostics(diagnostics: &Diagnostics, files: &[SourceFile]) {
    if !diagnostics.is_empty() {
        eprint!("{}", render_diagnostics(diagnostics, files, use_color()));
    }
}

fn severity_word(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
    }
}

/// `path:line:column` of a span (1-based; columns count characters).
pub fn location(files: &[SourceFile], span: Span) -> String {
    match files.get(span.file_id.0 as usize) {
        Some(file) => {
            let (line, column) = orm_schema_parser::diagnostics::line_col(&file.text, span.start as usize);
            format!("{}:{line}:{column}", file.path)
        }
        None => format!("<unknown file>:{}", span.start),
    }
}

/// One schema diagnostic adapted to [`miette::Diagnostic`].
#[derive(Debug)]
struct SchemaReport {
    severity: Severity,
    code: &'static str,
    message: String,
    help: Option<String>,
    source: NamedSource<String>,
    labels: Vec<LabeledSpan>,
}

impl SchemaReport {
    fn new(diagnostic: &Diagnostic, files: &[SourceFile]) -> SchemaReport {
        let file = files.get(diagnostic.span.file_id.0 as usize);
        let (name, text) = file.map_or(("<unknown>", ""), |f| (f.path.as_str(), f.text.as_str()));
        let mut labels = vec![LabeledSpan::new_primary_with_span(
            Some(format!("{} at {}", severity_word(diagnostic.severity), location(files, diagnostic.span))),
            clamp(diagnostic.span, text),
        )];
        let mut notes = Vec::new();
        for (span, label) in &diagnostic.labels {
            if span.file_id == diagnostic.span.file_id {
                labels.push(LabeledSpan::new_with_span(Some(label.clone()), clamp(*span, text)));
            } else {
                notes.push(format!("{label}: {}", location(files, *span)));
            }
        }
        let help = match (&diagnostic.help, notes.is_empty()) {
            (help, true) => help.clone(),
            (Some(help), false) => Some(format!("{}\n{help}", notes.join("\n"))),
            (None, false) => Some(notes.join("\n")),
        };
        SchemaReport {
            severity: diagnostic.severity,
            code: diagnostic.code,
            message: diagnostic.message.clone(),
            help,
            source: NamedSource::new(name, text.to_owned()),
            labels,
        }
    }
}

/// The span as a miette range, clamped to the text and to char boundaries.
fn clamp(span: Span, text: &str) -> SourceSpan {
    let mut start = (span.start as usize).min(text.len());
    while !text.is_char_boundary(start) {
        start -= 1;
    }
    let mut end = (span.end as usize).clamp(start, text.len());
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    SourceSpan::new(start.into(), end - start)
}

impl fmt::Display for SchemaReport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for SchemaReport {}

impl miette::Diagnostic for SchemaReport {
    fn code<'a>(&'a self) -> Option<Box<dyn fmt::Display + 'a>> {
        Some(Box::new(self.code))
    }
    fn severity(&self) -> Option<miette::Severity> {
        Some(match self.severity {
            Severity::Error => miette::Severity::Error,
            Severity::Warning => miette::Severity::Warning,
        })
    }
    fn help<'a>(&'a self) -> Option<Box<dyn fmt::Display + 'a>> {
        self.help.as_ref().map(|h| Box::new(h) as Box<dyn fmt::Display>)
    }
    fn source_code(&self) -> Option<&dyn miette::SourceCode> {
        Some(&self.source)
    }
    fn labels(&self) -> Option<Box<dyn Iterator<Item = LabeledSpan> + '_>> {
        Some(Box::new(self.labels.iter().cloned()))
    }
}

#[cfg(test)]
mod tests {
    use orm_schema_parser::FileId;

    use super::*;

    #[test]
    fn plain_rendering_names_code_file_line_column_and_help() {
        let files = vec![SourceFile {
            path: "prisma/schema.prisma".into(),
            text: "model A {\n  id Int @id\n  id Int\n}\n".into(),
        }];
        let mut diagnostics = Diagnostics::new();
        diagnostics.push(
            Diagnostic::error(
                "schema::duplicate_field",
                "Field `id` is already defined on model `A`.",
                Span::new(FileId(0), 25, 27),
            )
            .with_label(Span::new(FileId(0), 12, 14), "first defined here")
            .with_help("Rename one of the fields."),
        );
        let text = render_diagnostics(&diagnostics, &files, false);
        assert!(text.contains("schema::duplicate_field"), "{text}");
        assert!(text.contains("prisma/schema.prisma:3:3"), "{text}");
        assert!(text.contains("Rename one of the fields."), "{text}");
        assert!(text.contains("first defined here"), "{text}");
        assert!(!text.contains('\x1b'), "plain output has no ANSI escapes: {text}");
    }
}
