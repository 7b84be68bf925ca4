//! Validation: AST → Schema.
use crate::{ast, diagnostics::Diagnostics, schema::Schema};
/// Validates.
pub fn validate(_asts: &[ast::SchemaAst], _diagnostics: &mut Diagnostics) -> Schema { Schema::default() }
