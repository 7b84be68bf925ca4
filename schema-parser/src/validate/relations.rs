//! Pairs relation fields into [`Relation`]s: 1-1, 1-n (with back-relation fields), self-relations,
//! named relations and implicit m-n; computes effective referential actions.
//! Sources: <https://www.prisma.io/docs/orm/prisma-schema/data-model/relations> and
//! <https://www.prisma.io/docs/orm/prisma-schema/data-model/relations/referential-actions#referential-action-defaults>.

use foldhash::HashMap;

use super::Ctx;
use super::attributes::PendingRelationField;
use crate::diagnostics::Diagnostic;
use crate::schema::*;

/// Resolves `references:`, groups fields by (model pair, relation name) and builds every relation.
pub(crate) fn resolve_relations(ctx: &mut Ctx<'_>, pending: Vec<PendingRelationField>) {
    for p in &pending {
        resolve_references(ctx, p);
    }
    let mut groups: HashMap<(ModelId, ModelId, String), Vec<usize>> = HashMap::default();
    let mut order: Vec<(ModelId, ModelId, String)> = Vec::new();
    for (i, p) in pending.iter().enumerate() {
        let name = field(ctx, p).relation_name.clone().unwrap_or_default();
        let key = (p.model.min(p.target), p.model.max(p.target), name);
        let entry = groups.entry(key.clone()).or_default();
        if entry.is_empty() {
            order.push(key);
        }
        entry.push(i);
    }
    for key in order {
        let members = groups.remove(&key).unwrap_or_default();
        let (a, b, _) = key;
        let (side_a, side_b): (Vec<usize>, Vec<usize>) = if a == b {
            // Self-relation: the first two fields pair up.
            report_ambiguity(ctx, &pending, &members, 2);
            let (first, rest) = members.split_at(1.min(members.len()));
            (first.to_vec(), rest.to_vec())
        } else {
            let (side_a, side_b): (Vec<usize>, Vec<usize>) =
                members.into_iter().partition(|i| pending[*i].model == a);
            report_ambiguity(ctx, &pending, &side_a, 1);
            report_ambiguity(ctx, &pending, &side_b, 1);
            (side_a, side_b)
        };
        match (side_a.first(), side_b.first()) {
            (Some(x), Some(y)) => build(ctx, &pending[*x], Some(&pending[*y])),
            (Some(x), None) | (None, Some(x)) => {
                missing_back_relation(ctx, &pending[*x]);
                build(ctx, &pending[*x], None);
            }
            (None, None) => {}
        }
        // Extra fields (already reported as ambiguous) get a one-sided relation so ids stay valid.
        for i in side_a.iter().skip(1).chain(side_b.iter().skip(1)) {
            build(ctx, &pending[*i], None);
        }
    }
}

fn field<'a>(ctx: &'a Ctx<'_>, p: &PendingRelationField) -> &'a RelationField {
    ctx.schema.model(p.model).relation_field(p.field)
}

fn field_mut<'a>(ctx: &'a mut Ctx<'_>, p: &PendingRelationField) -> &'a mut RelationField {
    &mut ctx.schema.models[p.model.0 as usize].relation_fields[p.field.0 as usize]
}

fn resolve_references(ctx: &mut Ctx<'_>, p: &PendingRelationField) {
    let target = ctx.schema.model(p.target);
    let mut resolved = Vec::new();
    let mut errors = Vec::new();
    for (name, span) in &p.references {
        match target.find_scalar_field(name) {
            Some(id) => resolved.push(id),
            None => errors.push(
                Diagnostic::error(
                    "schema::unknown_field_reference",
                    format!("The model `{}` has no scalar field `{name}` to use in `references`.", target.name),
                    *span,
                )
                .with_help("`references` lists the fields of the related model that the foreign key points at, usually its `@id`."),
            ),
        }
    }
    for e in errors {
        ctx.push(e);
    }
    field_mut(ctx, p).references = resolved;
}

fn report_ambiguity(ctx: &mut Ctx<'_>, pending: &[PendingRelationField], side: &[usize], allowed: usize) {
    if side.len() <= allowed {
        return;
    }
    let first = &pending[side[0]];
    let first_name = field(ctx, first).name.clone();
    for i in &side[allowed..] {
        let p = &pending[*i];
        let f = field(ctx, p);
        let model = ctx.schema.model(p.model).name.clone();
        let target = ctx.schema.model(p.target).name.clone();
        let message = match &f.relation_name {
            Some(name) => format!(
                "The relation `{name}` between `{model}` and `{target}` has too many fields: `{first_name}` and `{}` both use it.",
                f.name
            ),
            None => format!(
                "The fields `{first_name}` and `{}` of the model `{model}` both refer to `{target}`, so their relations are ambiguous.",
                f.name
            ),
        };
        ctx.push(
            Diagnostic::error("schema::ambiguous_relation", message, p.name_span)
                .with_label(first.name_span, "the other field")
                .with_help("Give each relation its own name with `@relation(\"…\")`, on both sides of each relation."),
        );
    }
}

fn missing_back_relation(ctx: &mut Ctx<'_>, p: &PendingRelationField) {
    let f = field(ctx, p);
    let model = ctx.schema.model(p.model).name.clone();
    let target = ctx.schema.model(p.target).name.clone();
    let back_name = {
        let mut chars = model.chars();
        let first: String = chars.next().map(|c| c.to_lowercase().collect()).unwrap_or_default();
        format!("{first}{}", chars.as_str())
    };
    // The opposite of a list or of a field without the foreign key is the to-one side holding
    // the foreign key; the opposite of the foreign key side is a list.
    let suggestion = if f.arity != FieldArity::List && !f.fields.is_empty() {
        let named = f.relation_name.as_ref().map(|n| format!(" @relation(\"{n}\")")).unwrap_or_default();
        format!("{back_name} {model}[]{named}")
    } else {
        let name = f.relation_name.as_ref().map(|n| format!("\"{n}\", ")).unwrap_or_default();
        format!("{back_name} {model} @relation({name}fields: [{back_name}Id], references: [id])")
    };
    let message = format!(
        "The relation field `{}` of the model `{model}` has no opposite relation field on the model `{target}`.",
        f.name
    );
    ctx.push(
        Diagnostic::error("schema::missing_back_relation", message, p.name_span)
            .with_help(format!("Add a field like `{suggestion}` to the model `{target}`.")),
    );
}

/// Builds the relation of `p1` (and its opposite field `p2`, when found) and links the fields to it.
fn build(ctx: &mut Ctx<'_>, p1: &PendingRelationField, p2: Option<&PendingRelationField>) {
    let f1 = field(ctx, p1).clone();
    let f2 = p2.map(|p| field(ctx, p).clone());
    let side = |p: &PendingRelationField| RelationSide { model: p.model, field: Some(p.field) };
    let name = f1.relation_name.clone().unwrap_or_else(|| {
        let (x, y) = (&ctx.schema.model(p1.model).name, &ctx.schema.model(p1.target).name);
        if x <= y { format!("{x}To{y}") } else { format!("{y}To{x}") }
    });
    let (kind, referencing, referenced): (
        RelationKind,
        &PendingRelationField,
        Option<&PendingRelationField>,
    ) = match (p2, f2.as_ref()) {
        (Some(p2), Some(f2)) => {
            let list1 = f1.arity == FieldArity::List;
            let list2 = f2.arity == FieldArity::List;
            match (list1, list2) {
                (true, true) => {
                    many_to_many_checks(ctx, p1, p2);
                    let m1 = &ctx.schema.model(p1.model).name;
                    let m2 = &ctx.schema.model(p2.model).name;
                    if (m1, &f1.name) <= (m2, &f2.name) {
                        (RelationKind::ManyToMany, p1, Some(p2))
                    } else {
                        (RelationKind::ManyToMany, p2, Some(p1))
                    }
                }
                (false, true) => {
                    check_list_side(ctx, p2);
                    require_fields(ctx, p1, "a one-to-many relation");
                    (RelationKind::OneToMany, p1, Some(p2))
                }
                (true, false) => {
                    check_list_side(ctx, p1);
                    require_fields(ctx, p2, "a one-to-many relation");
                    (RelationKind::OneToMany, p2, Some(p1))
                }
                (false, false) => {
                    let (referencing, referenced) = one_to_one_sides(ctx, p1, p2);
                    (RelationKind::OneToOne, referencing, Some(referenced))
                }
            }
        }
        _ => {
            if f1.arity == FieldArity::List {
                // The to-one side is missing: nothing references, `p1` is the referenced side.
                let id = push_relation(
                    ctx,
                    Relation {
                        name,
                        kind: RelationKind::OneToMany,
                        referencing: RelationSide { model: p1.target, field: None },
                        referenced: side(p1),
                        fields: Vec::new(),
                        references: Vec::new(),
                        on_delete: ReferentialAction::NoAction,
                        on_update: ReferentialAction::Cascade,
                        mapped_name: None,
                    },
                );
                field_mut(ctx, p1).relation = id;
                return;
            }
            (RelationKind::OneToMany, p1, None)
        }
    };
    let rf = field(ctx, referencing).clone();
    if kind != RelationKind::ManyToMany {
        check_fields_and_references(ctx, referencing, kind);
    }
    // The join table of an implicit m-n relation cascades on both foreign keys.
    let (on_delete, on_update) = if kind == RelationKind::ManyToMany {
        (ReferentialAction::Cascade, ReferentialAction::Cascade)
    } else {
        effective_actions(ctx, referencing, &rf)
    };
    let (fields, references) = if kind == RelationKind::ManyToMany {
        (Vec::new(), Vec::new())
    } else {
        (rf.fields.clone(), rf.references.clone())
    };
    let referenced_side = match referenced {
        Some(p) => side(p),
        None => RelationSide { model: referencing.target, field: None },
    };
    let id = push_relation(
        ctx,
        Relation {
            name,
            kind,
            referencing: side(referencing),
            referenced: referenced_side,
            fields,
            references,
            on_delete,
            on_update,
            mapped_name: rf.mapped_name.clone(),
        },
    );
    field_mut(ctx, p1).relation = id;
    if let Some(p2) = p2 {
        field_mut(ctx, p2).relation = id;
    }
}

fn push_relation(ctx: &mut Ctx<'_>, relation: Relation) -> RelationId {
    let id = RelationId(ctx.schema.relations.len() as u32);
    ctx.schema.relations.push(relation);
    id
}

fn field_label(ctx: &Ctx<'_>, p: &PendingRelationField) -> (String, String) {
    (field(ctx, p).name.clone(), ctx.schema.model(p.model).name.clone())
}

fn many_to_many_checks(ctx: &mut Ctx<'_>, p1: &PendingRelationField, p2: &PendingRelationField) {
    for p in [p1, p2] {
        if p.has_fields || p.has_references {
            let (name, model) = field_label(ctx, p);
            ctx.push(
                Diagnostic::error(
                    "schema::fields_on_many_to_many",
                    format!("The field `{name}` of the model `{model}` is part of an implicit many-to-many relation and cannot define `fields` or `references`."),
                    p.relation_span.unwrap_or(p.name_span),
                )
                .with_help("Remove `fields` and `references`, or model the join table explicitly with its own model."),
            );
        }
        let model = ctx.schema.model(p.model);
        if model.primary_key.as_ref().is_none_or(|pk| pk.fields.len() != 1) {
            let name = model.name.clone();
            ctx.push(
                Diagnostic::error(
                    "schema::many_to_many_without_id",
                    format!("The model `{name}` takes part in an implicit many-to-many relation, so it needs a single-field `@id`."),
                    p.name_span,
                )
                .with_help("Add `@id` to one field of the model, or use an explicit join model."),
            );
        }
    }
}

fn check_list_side(ctx: &mut Ctx<'_>, p: &PendingRelationField) {
    if p.has_fields || p.has_references {
        let (name, model) = field_label(ctx, p);
        ctx.push(
            Diagnostic::error(
                "schema::fields_on_list_relation",
                format!("The list field `{name}` of the model `{model}` cannot define `fields` or `references`; the to-one side of the relation holds the foreign key."),
                p.relation_span.unwrap_or(p.name_span),
            )
            .with_help("Move `fields` and `references` to the opposite relation field."),
        );
    }
}

fn require_fields(ctx: &mut Ctx<'_>, p: &PendingRelationField, what: &str) {
    if !p.has_fields && !p.has_references {
        let (name, model) = field_label(ctx, p);
        ctx.push(
            Diagnostic::error(
                "schema::missing_relation_fields",
                format!("The relation field `{name}` of the model `{model}` must define `fields` and `references`, because it is the to-one side of {what}."),
                p.name_span,
            )
            .with_help("Add e.g. `@relation(fields: [otherId], references: [id])` and a scalar field `otherId` holding the foreign key."),
        );
    }
}

/// Picks the side holding the foreign key of a 1-1 relation and checks the other side is optional.
fn one_to_one_sides<'p>(
    ctx: &mut Ctx<'_>,
    p1: &'p PendingRelationField,
    p2: &'p PendingRelationField,
) -> (&'p PendingRelationField, &'p PendingRelationField) {
    let has1 = p1.has_fields || p1.has_references;
    let has2 = p2.has_fields || p2.has_references;
    let (referencing, referenced) = match (has1, has2) {
        (true, false) => (p1, p2),
        (false, true) => (p2, p1),
        (true, true) => {
            let (name, model) = field_label(ctx, p2);
            ctx.push(
                Diagnostic::error(
                    "schema::fields_on_both_sides",
                    format!("Both sides of the one-to-one relation define `fields` and `references`; remove them from `{name}` of the model `{model}` or from its opposite field."),
                    p2.relation_span.unwrap_or(p2.name_span),
                )
                .with_label(p1.name_span, "the opposite field"),
            );
            (p1, p2)
        }
        (false, false) => {
            let (n1, m1) = field_label(ctx, p1);
            let (n2, m2) = field_label(ctx, p2);
            ctx.push(
                Diagnostic::error(
                    "schema::missing_relation_fields",
                    format!("The one-to-one relation between `{m1}.{n1}` and `{m2}.{n2}` needs `fields` and `references` on one side."),
                    p1.name_span,
                )
                .with_label(p2.name_span, "the opposite field")
                .with_help("Add `@relation(fields: [otherId], references: [id])` on the side that should hold the foreign key."),
            );
            (p1, p2)
        }
    };
    if has1 != has2 && field(ctx, referenced).arity == FieldArity::Required {
        let (name, model) = field_label(ctx, referenced);
        ctx.push(
            Diagnostic::error(
                "schema::required_one_to_one_back_relation",
                format!("The relation field `{name}` of the model `{model}` must be optional: it is the side of a one-to-one relation without the foreign key, which the database cannot require."),
                referenced.name_span,
            )
            .with_help(format!("Write the type with `?`, e.g. `{name} {}?`.", ctx.schema.model(referenced.target).name)),
        );
    }
    (referencing, referenced)
}

/// Checks `fields:`/`references:` of the side holding the foreign key.
fn check_fields_and_references(ctx: &mut Ctx<'_>, p: &PendingRelationField, kind: RelationKind) {
    let rf = field(ctx, p).clone();
    let span = p.relation_span.unwrap_or(p.name_span);
    let (name, model_name) = field_label(ctx, p);
    if p.has_fields != p.has_references {
        let (has, missing) = if p.has_fields { ("fields", "references") } else { ("references", "fields") };
        ctx.push(Diagnostic::error(
            "schema::incomplete_relation_arguments",
            format!("The relation field `{name}` of the model `{model_name}` defines `{has}` but not `{missing}`; give both."),
            span,
        ));
        return;
    }
    if !p.has_fields {
        return;
    }
    if rf.fields.len() != p.n_fields_written {
        return; // An unknown field, already reported.
    }
    if rf.fields.len() != p.references.len() || rf.fields.is_empty() {
        ctx.push(Diagnostic::error(
            "schema::relation_arity_mismatch",
            format!(
                "The relation field `{name}` of the model `{model_name}` lists {} field(s) in `fields` but {} in `references`; they must match one to one.",
                rf.fields.len(),
                p.references.len()
            ),
            span,
        ));
        return;
    }
    if rf.references.len() != p.references.len() {
        return; // An unknown reference, already reported.
    }
    let model = ctx.schema.model(p.model);
    let target = ctx.schema.model(p.target);
    let mut errors = Vec::new();
    for (f, r) in rf.fields.iter().zip(&rf.references) {
        let f = model.scalar_field(*f);
        let r = target.scalar_field(*r);
        if f.ty != r.ty {
            errors.push(
                Diagnostic::error(
                    "schema::relation_type_mismatch",
                    format!(
                        "The field `{}.{}` and the referenced field `{}.{}` have different types.",
                        model.name, f.name, target.name, r.name
                    ),
                    span,
                )
                .with_help("A foreign key field must have the same type as the field it references."),
            );
        }
    }
    if !target.is_unique_criterion(&rf.references) {
        let list: Vec<&str> = rf.references.iter().map(|r| target.scalar_field(*r).name.as_str()).collect();
        errors.push(
            Diagnostic::error(
                "schema::references_not_unique",
                format!(
                    "The `references` [{}] of the relation field `{name}` are not a unique criterion of the model `{}`.",
                    list.join(", "),
                    target.name
                ),
                span,
            )
            .with_help("Reference the `@id`, or add `@unique`/`@@unique` over exactly these fields to the referenced model."),
        );
    }
    if kind == RelationKind::OneToOne && !model.is_unique_criterion(&rf.fields) {
        let list: Vec<&str> = rf.fields.iter().map(|f| model.scalar_field(*f).name.as_str()).collect();
        errors.push(
            Diagnostic::error(
                "schema::one_to_one_fields_not_unique",
                format!(
                    "The `fields` [{}] of the one-to-one relation field `{name}` must be unique on the model `{}`.",
                    list.join(", "),
                    model.name
                ),
                span,
            )
            .with_help("Add `@unique` to the foreign key field (or `@@unique` over the fields)."),
        );
    }
    let any_optional = rf.fields.iter().any(|f| model.scalar_field(*f).arity != FieldArity::Required);
    if rf.arity == FieldArity::Required && any_optional {
        errors.push(
            Diagnostic::error(
                "schema::optional_fields_required_relation",
                format!("The relation field `{name}` of the model `{model_name}` is required, but some of its `fields` are optional."),
                p.name_span,
            )
            .with_help("Make the relation field optional (`?`) or make all its `fields` required."),
        );
    }
    let all_required = rf.fields.iter().all(|f| model.scalar_field(*f).arity == FieldArity::Required);
    for (action, arg) in [(rf.on_delete, "onDelete"), (rf.on_update, "onUpdate")] {
        if action == Some(ReferentialAction::SetNull) && all_required && !rf.fields.is_empty() {
            errors.push(
                Diagnostic::error(
                    "schema::set_null_on_required",
                    format!("The referential action `SetNull` for `{arg}` of `{name}` cannot work: its `fields` are required, so they cannot be set to NULL."),
                    span,
                )
                .with_help("Make the foreign key fields optional, or choose another referential action."),
            );
        }
    }
    for e in errors {
        ctx.push(e);
    }
}

/// Effective referential actions: as written, else Prisma's defaults — `onDelete` is `SetNull`
/// when every foreign key field is optional, else `Restrict` (`NoAction` on SQL Server and in
/// relation mode `prisma`); `onUpdate` is `Cascade`.
fn effective_actions(
    ctx: &Ctx<'_>,
    p: &PendingRelationField,
    rf: &RelationField,
) -> (ReferentialAction, ReferentialAction) {
    let model = ctx.schema.model(p.model);
    let all_optional = !rf.fields.is_empty()
        && rf.fields.iter().all(|f| model.scalar_field(*f).arity == FieldArity::Optional);
    let restrict =
        if ctx.relation_mode() == RelationMode::Prisma || ctx.provider() == Some(Provider::Sqlserver) {
            ReferentialAction::NoAction
        } else {
            ReferentialAction::Restrict
        };
    let on_delete = rf.on_delete.unwrap_or(if all_optional { ReferentialAction::SetNull } else { restrict });
    let on_update = rf.on_update.unwrap_or(ReferentialAction::Cascade);
    (on_delete, on_update)
}
