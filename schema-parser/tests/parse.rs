//! Tricky grammar bits: string escapes, comments everywhere, native types, arrays of function
//! calls, empty blocks, unicode, spans, and recovery from broken lines.

use orm_schema_parser::ast::{self, Arity, Expression, ModelItem, Top};
use orm_schema_parser::{Diagnostics, FileId, parse_schema};

/// Parses `text` and returns the AST and the rendered diagnostics.
#[track_caller]
fn parse(text: &str) -> (ast::SchemaAst, String) {
    let mut diagnostics = Diagnostics::new();
    let ast = parse_schema(text, FileId(0), &mut diagnostics);
    let rendered = diagnostics.render_plain(&[("schema.prisma", text)]);
    (ast, rendered)
}

/// Parses `text`, expecting no diagnostic.
#[track_caller]
fn parse_ok(text: &str) -> ast::SchemaAst {
    let (ast, rendered) = parse(text);
    assert_eq!(rendered, "", "unexpected diagnostics");
    ast
}

fn first_model(ast: &ast::SchemaAst) -> &ast::Model {
    ast.models().next().expect("a model")
}

fn field<'a>(model: &'a ast::Model, name: &str) -> &'a ast::Field {
    model.fields().find(|f| f.name.name == name).expect("field exists")
}

fn default_arg(field: &ast::Field) -> &Expression {
    let attr = field.attributes.iter().find(|a| a.name.name == "default").expect("@default");
    attr.args()[0].value.as_ref().expect("a value")
}

#[test]
fn string_escapes_are_unescaped_and_raw_text_is_kept() {
    let ast = parse_ok(
        r#"model A {
  a String @default("quote \" backslash \\ slash \/ tab \t newline \n unicode \u00e9 end")
}
"#,
    );
    let f = field(first_model(&ast), "a");
    let Expression::String(s) = default_arg(f) else { panic!("a string literal") };
    assert_eq!(s.value, "quote \" backslash \\ slash / tab \t newline \n unicode é end");
    assert_eq!(s.raw, r#"quote \" backslash \\ slash \/ tab \t newline \n unicode \u00e9 end"#);
    assert_eq!(default_arg(f).to_psl(), format!("\"{}\"", s.raw));
}

#[test]
fn invalid_escape_is_reported_at_the_backslash() {
    let (_, rendered) = parse("model A {\n  a String @default(\"x\\qy\")\n}\n");
    assert!(rendered.starts_with("error[schema::invalid_string_escape]"), "{rendered}");
    assert!(rendered.contains("schema.prisma:2:23"), "{rendered}");
}

#[test]
fn unicode_in_strings_comments_and_docs() {
    let ast = parse_ok(
        "/// Ünïcödé model 🚀\nmodel A { // ✓ trailing\n  name String @default(\"日本語\") // コメント\n}\n",
    );
    let model = first_model(&ast);
    assert_eq!(
        model.documentation.as_ref().map(ast::Documentation::text).as_deref(),
        Some("Ünïcödé model 🚀")
    );
    assert_eq!(model.header_comment.as_ref().map(|c| c.text.as_str()), Some("// ✓ trailing"));
    let f = field(model, "name");
    assert_eq!(default_arg(f).as_str(), Some("日本語"));
    assert_eq!(f.trailing_comment.as_ref().map(|c| c.text.as_str()), Some("// コメント"));
}

#[test]
fn comments_everywhere_are_kept_in_order() {
    let text = "// file header\n\n/// doc A\nmodel A {\n  // before id\n  /// doc id\n  id Int @id // after id\n\n  // between\n  /// doc map\n  @@map(\"a\") // after map\n  // last\n}\n// between blocks\n/// dangling doc\n\n/// doc E\nenum E {\n  X // after X\n  @@map(\"e\") // after enum map\n}\n";
    let ast = parse_ok(text);
    let kinds: Vec<String> = ast
        .tops
        .iter()
        .map(|t| match t {
            Top::Comment(c) => format!("comment {}", c.text),
            Top::Model(m) => format!("model {}", m.name.name),
            Top::Enum(e) => format!("enum {}", e.name.name),
            Top::Datasource(_) | Top::Generator(_) => "config".to_owned(),
        })
        .collect();
    assert_eq!(
        kinds,
        [
            "comment // file header",
            "model A",
            "comment // between blocks",
            "comment /// dangling doc",
            "enum E"
        ]
    );
    let model = first_model(&ast);
    assert_eq!(model.documentation.as_ref().map(ast::Documentation::text).as_deref(), Some("doc A"));
    let items: Vec<String> = model
        .items
        .iter()
        .map(|i| match i {
            ModelItem::Comment(c) => c.text.clone(),
            ModelItem::Field(f) => format!(
                "field {} doc={:?} trailing={:?}",
                f.name.name,
                f.documentation.as_ref().map(ast::Documentation::text),
                f.trailing_comment.as_ref().map(|c| c.text.clone())
            ),
            ModelItem::Attribute(a) => format!(
                "@@{} doc={:?} trailing={:?}",
                a.name.name,
                a.documentation.as_ref().map(ast::Documentation::text),
                a.trailing_comment.as_ref().map(|c| c.text.clone())
            ),
        })
        .collect();
    assert_eq!(
        items,
        [
            "// before id",
            "field id doc=Some(\"doc id\") trailing=Some(\"// after id\")",
            "// between",
            "@@map doc=Some(\"doc map\") trailing=Some(\"// after map\")",
            "// last",
        ]
    );
    let enum_ = ast.enums().next().expect("enum");
    assert_eq!(enum_.documentation.as_ref().map(ast::Documentation::text).as_deref(), Some("doc E"));
    let value = enum_.values().next().expect("value");
    assert_eq!(value.trailing_comment.as_ref().map(|c| c.text.as_str()), Some("// after X"));
    let map = enum_.attributes().next().expect("@@map");
    assert_eq!(map.trailing_comment.as_ref().map(|c| c.text.as_str()), Some("// after enum map"));
    assert!(map.documentation.is_none());
    let id = field(model, "id");
    assert!(id.attributes.iter().all(|a| a.documentation.is_none() && a.trailing_comment.is_none()));
}

#[test]
fn native_type_attribute_keeps_name_and_arguments() {
    let ast = parse_ok("model A {\n  a String @db.VarChar(255)\n  b Decimal @db.Decimal(10, 2)\n}\n");
    let model = first_model(&ast);
    let attr = &field(model, "a").attributes[0];
    assert_eq!(attr.name.name, "db.VarChar");
    assert_eq!(attr.args().len(), 1);
    assert!(matches!(&attr.args()[0].value, Some(Expression::Number(n, _)) if n == "255"));
    let attr = &field(model, "b").attributes[0];
    let args: Vec<String> =
        attr.args().iter().map(|a| a.value.as_ref().map(Expression::to_psl).unwrap_or_default()).collect();
    assert_eq!(args, ["10", "2"]);
    // Spans are byte offsets into the text.
    let text = "model A {\n  a String @db.VarChar(255)\n}\n";
    let ast = parse_ok(text);
    let attr = &field(first_model(&ast), "a").attributes[0];
    assert_eq!(&text[attr.span.start as usize..attr.span.end as usize], "@db.VarChar(255)");
    assert_eq!(&text[attr.name.span.start as usize..attr.name.span.end as usize], "db.VarChar");
}

#[test]
fn arrays_of_function_calls_and_named_arguments() {
    let ast = parse_ok(
        "model A {\n  a Int\n  b String\n  @@index([a(sort: Desc), b(length: 10, ops: raw(\"x\"))], type: Hash, map: \"idx\")\n}\n",
    );
    let attr = first_model(&ast).attributes().next().expect("@@index");
    assert_eq!(attr.args().len(), 3);
    let Some(Expression::Array(items, _)) = &attr.args()[0].value else { panic!("an array") };
    let names: Vec<String> = items
        .iter()
        .map(|i| match i {
            Expression::Function(f) => {
                let arg_names: Vec<&str> = f
                    .arguments
                    .arguments
                    .iter()
                    .filter_map(|a| a.name.as_ref().map(|n| n.name.as_str()))
                    .collect();
                format!("{}({})", f.name.name, arg_names.join(","))
            }
            other => other.to_psl(),
        })
        .collect();
    assert_eq!(names, ["a(sort)", "b(length,ops)"]);
    assert_eq!(attr.args()[1].name.as_ref().map(|n| n.name.as_str()), Some("type"));
    assert_eq!(
        attr.args()[0].value.as_ref().map(Expression::to_psl).as_deref(),
        Some("[a(sort: Desc), b(length: 10, ops: raw(\"x\"))]")
    );
}

#[test]
fn datasource_properties_with_env_and_extension_calls() {
    let ast = parse_ok(
        "datasource db {\n  provider   = \"postgresql\"\n  url        = env(\"DATABASE_URL\")\n  extensions = [pgcrypto, postgis(version: \"2.1\")]\n}\n",
    );
    let ds = ast.datasources().next().expect("datasource");
    assert_eq!(
        ds.property("provider").and_then(|p| p.value.as_ref()).and_then(Expression::as_str),
        Some("postgresql")
    );
    let url = ds.property("url").and_then(|p| p.value.as_ref()).expect("url");
    assert!(matches!(url, Expression::Function(f) if f.name.name == "env"));
    let ext = ds.property("extensions").and_then(|p| p.value.as_ref()).expect("extensions");
    assert_eq!(ext.to_psl(), "[pgcrypto, postgis(version: \"2.1\")]");
}

#[test]
fn empty_blocks_and_empty_file() {
    let ast = parse_ok("model A {\n}\n\nenum E {}\n\ngenerator g {\n}\n");
    assert_eq!(first_model(&ast).items.len(), 0);
    assert_eq!(ast.enums().next().map(|e| e.items.len()), Some(0));
    assert_eq!(ast.generators().count(), 1);
    assert!(parse_ok("").tops.is_empty());
    assert!(parse_ok("\n\n  \n").tops.is_empty());
}

#[test]
fn field_types_arity_and_unsupported() {
    let ast = parse_ok(
        "model A {\n  a Int\n  b String?\n  c String[]\n  d Unsupported(\"circle\")?\n  e Unsupported(\"a \\\"b\\\"\")\n}\n",
    );
    let model = first_model(&ast);
    let arities: Vec<Arity> = model.fields().map(|f| f.ty.arity).collect();
    assert_eq!(arities, [Arity::Required, Arity::Optional, Arity::List, Arity::Optional, Arity::Required]);
    let d = field(model, "d");
    assert_eq!(d.ty.name.name, "Unsupported");
    assert_eq!(d.ty.unsupported.as_ref().map(|s| s.value.as_str()), Some("circle"));
    assert_eq!(field(model, "e").ty.unsupported.as_ref().map(|s| s.value.as_str()), Some("a \"b\""));
}

#[test]
fn crlf_line_endings_and_tabs() {
    let ast = parse_ok("model A {\r\n\tid\tInt\t@id // c\r\n}\r\n");
    let f = field(first_model(&ast), "id");
    assert_eq!(f.trailing_comment.as_ref().map(|c| c.text.as_str()), Some("// c"));
}

#[test]
fn broken_lines_are_reported_and_parsing_continues() {
    let (ast, rendered) =
        parse("model A {\n  id Int @id\n  ??? what\n  name String\n}\n\n!!!\n\nmodel B {\n  id Int @id\n}\n");
    assert_eq!(ast.models().count(), 2);
    assert_eq!(first_model(&ast).fields().count(), 2);
    let codes: Vec<&str> = rendered.lines().filter(|l| l.starts_with("error")).collect();
    assert_eq!(codes.len(), 2, "{rendered}");
    assert!(rendered.contains("schema.prisma:3:3"), "{rendered}");
    assert!(rendered.contains("schema.prisma:7:1"), "{rendered}");
}

#[test]
fn unclosed_block_is_reported_and_next_block_still_parses() {
    let (ast, rendered) = parse("model A {\n  id Int @id\n\nmodel B {\n  id Int @id\n}\n");
    assert!(rendered.contains("schema::unclosed_block"), "{rendered}");
    let names: Vec<&str> = ast.models().map(|m| m.name.name.as_str()).collect();
    assert_eq!(names, ["A", "B"]);
}

#[test]
fn multi_line_arrays_in_config() {
    let ast = parse_ok(
        "generator g {\n  provider = \"x\"\n  binaryTargets = [\n    \"native\",\n    \"linux\",\n  ]\n}\n",
    );
    let g = ast.generators().next().expect("generator");
    let Some(Expression::Array(items, _)) = g.property("binaryTargets").and_then(|p| p.value.as_ref()) else {
        panic!("an array")
    };
    assert_eq!(items.len(), 2);
}

#[test]
fn unescape_handles_lone_backslash_and_bad_unicode() {
    let mut errors = Vec::new();
    let out = orm_schema_parser::unescape("a\\u12G4b\\", |offset, len, _| errors.push((offset, len)));
    assert_eq!(out, "a\\u12G4b\\");
    assert_eq!(errors, [(1, 2), (8, 1)]);
}

#[test]
fn deeply_nested_input_is_a_diagnostic_not_a_crash() {
    // Depths around pest's own stack limit, then far past it; the schema goes through
    // validation too (which renders the default value in its message).
    for depth in [100, 1_000, 3_000, 10_000, 50_000] {
        let text = format!(
            "datasource db {{\n  provider = \"postgresql\"\n}}\n\nmodel A {{\n  id Int @id\n  a  Int @default({}1{})\n}}\n",
            "[".repeat(depth),
            "]".repeat(depth)
        );
        let file = orm_schema_parser::SourceFile { path: "schema.prisma".to_owned(), text };
        let (_, diagnostics) = orm_schema_parser::parse_and_validate(std::slice::from_ref(&file));
        assert!(diagnostics.has_errors(), "depth {depth}: expected an error");
    }
    let (_, rendered) = parse(&format!("model A {{\n  a Int @default({})\n}}\n", "f(".repeat(50_000)));
    assert!(rendered.contains("error["), "expected a diagnostic, got none");
}
