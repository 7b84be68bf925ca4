//! Native type attributes (`@db.VarChar(255)`): known names per provider, argument counts and the
//! scalar types each one fits.
//! Sources: <https://www.prisma.io/docs/orm/reference/prisma-schema-reference#model-field-scalar-types>
//! (per-type tables listing the native database type attributes of every connector).

use super::Ctx;
use crate::ast::{self, Expression};
use crate::diagnostics::Diagnostic;
use crate::schema::*;

use ScalarType as S;

/// `(name, maximum number of arguments, scalar types it fits)`.
type Entry = (&'static str, usize, &'static [ScalarType]);

const POSTGRES: &[Entry] = &[
    ("SmallInt", 0, &[S::Int]),
    ("Integer", 0, &[S::Int]),
    ("BigInt", 0, &[S::BigInt]),
    ("Decimal", 2, &[S::Decimal]),
    ("Money", 0, &[S::Decimal]),
    ("Real", 0, &[S::Float]),
    ("DoublePrecision", 0, &[S::Float]),
    ("Inet", 0, &[S::String]),
    ("Citext", 0, &[S::String]),
    ("Oid", 0, &[S::Int]),
    ("VarChar", 1, &[S::String]),
    ("Char", 1, &[S::String]),
    ("Text", 0, &[S::String]),
    ("ByteA", 0, &[S::Bytes]),
    ("Timestamp", 1, &[S::DateTime]),
    ("Timestamptz", 1, &[S::DateTime]),
    ("Date", 0, &[S::DateTime]),
    ("Time", 1, &[S::DateTime]),
    ("Timetz", 1, &[S::DateTime]),
    ("Boolean", 0, &[S::Boolean]),
    ("Bit", 1, &[S::String, S::Boolean]),
    ("VarBit", 1, &[S::String]),
    ("Uuid", 0, &[S::String]),
    ("Xml", 0, &[S::String]),
    ("Json", 0, &[S::Json]),
    ("JsonB", 0, &[S::Json]),
];

const COCKROACH: &[Entry] = &[
    ("Bit", 1, &[S::String]),
    ("Bool", 0, &[S::Boolean]),
    ("Bytes", 0, &[S::Bytes]),
    ("Char", 1, &[S::String]),
    ("CatalogSingleChar", 0, &[S::String]),
    ("Date", 0, &[S::DateTime]),
    ("Decimal", 2, &[S::Decimal]),
    ("Float4", 0, &[S::Float]),
    ("Float8", 0, &[S::Float]),
    ("Inet", 0, &[S::String]),
    ("Int2", 0, &[S::Int]),
    ("Int4", 0, &[S::Int]),
    ("Int8", 0, &[S::BigInt]),
    ("JsonB", 0, &[S::Json]),
    ("Oid", 0, &[S::Int]),
    ("String", 1, &[S::String]),
    ("Time", 1, &[S::DateTime]),
    ("Timestamp", 1, &[S::DateTime]),
    ("Timestamptz", 1, &[S::DateTime]),
    ("Timetz", 1, &[S::DateTime]),
    ("Uuid", 0, &[S::String]),
    ("VarBit", 1, &[S::String]),
];

const MYSQL: &[Entry] = &[
    ("Int", 0, &[S::Int]),
    ("UnsignedInt", 0, &[S::Int, S::BigInt]),
    ("SmallInt", 0, &[S::Int]),
    ("UnsignedSmallInt", 0, &[S::Int]),
    ("TinyInt", 0, &[S::Int, S::Boolean]),
    ("UnsignedTinyInt", 0, &[S::Int]),
    ("MediumInt", 0, &[S::Int]),
    ("UnsignedMediumInt", 0, &[S::Int]),
    ("BigInt", 0, &[S::BigInt]),
    ("UnsignedBigInt", 0, &[S::BigInt]),
    ("Decimal", 2, &[S::Decimal]),
    ("Float", 0, &[S::Float]),
    ("Double", 0, &[S::Float]),
    ("Bit", 1, &[S::Boolean, S::Bytes]),
    ("Char", 1, &[S::String]),
    ("VarChar", 1, &[S::String]),
    ("Binary", 1, &[S::Bytes]),
    ("VarBinary", 1, &[S::Bytes]),
    ("TinyBlob", 0, &[S::Bytes]),
    ("Blob", 0, &[S::Bytes]),
    ("MediumBlob", 0, &[S::Bytes]),
    ("LongBlob", 0, &[S::Bytes]),
    ("TinyText", 0, &[S::String]),
    ("Text", 0, &[S::String]),
    ("MediumText", 0, &[S::String]),
    ("LongText", 0, &[S::String]),
    ("Date", 0, &[S::DateTime]),
    ("Time", 1, &[S::DateTime]),
    ("DateTime", 1, &[S::DateTime]),
    ("Timestamp", 1, &[S::DateTime]),
    ("Year", 0, &[S::Int]),
    ("Json", 0, &[S::Json]),
];

const SQLSERVER: &[Entry] = &[
    ("TinyInt", 0, &[S::Int]),
    ("SmallInt", 0, &[S::Int]),
    ("Int", 0, &[S::Int]),
    ("BigInt", 0, &[S::BigInt]),
    ("Decimal", 2, &[S::Decimal]),
    ("Money", 0, &[S::Decimal, S::Float]),
    ("SmallMoney", 0, &[S::Decimal, S::Float]),
    ("Bit", 0, &[S::Boolean, S::Int]),
    ("Float", 1, &[S::Float]),
    ("Real", 0, &[S::Float]),
    ("Date", 0, &[S::DateTime]),
    ("Time", 0, &[S::DateTime]),
    ("DateTime", 0, &[S::DateTime]),
    ("DateTime2", 0, &[S::DateTime]),
    ("SmallDateTime", 0, &[S::DateTime]),
    ("DateTimeOffset", 0, &[S::DateTime]),
    ("Char", 1, &[S::String]),
    ("NChar", 1, &[S::String]),
    ("VarChar", 1, &[S::String]),
    ("NVarChar", 1, &[S::String]),
    ("Text", 0, &[S::String]),
    ("NText", 0, &[S::String]),
    ("Binary", 1, &[S::Bytes]),
    ("VarBinary", 1, &[S::Bytes]),
    ("Image", 0, &[S::Bytes]),
    ("Xml", 0, &[S::String]),
    ("UniqueIdentifier", 0, &[S::String]),
];

const MONGODB: &[Entry] = &[
    ("String", 0, &[S::String]),
    ("Double", 0, &[S::Float]),
    ("Long", 0, &[S::BigInt, S::Int]),
    ("Int", 0, &[S::Int]),
    ("BinData", 0, &[S::Bytes]),
    ("ObjectId", 0, &[S::String, S::Bytes]),
    ("Bool", 0, &[S::Boolean]),
    ("Date", 0, &[S::DateTime]),
    ("Timestamp", 0, &[S::DateTime]),
    ("Json", 0, &[S::Json]),
];

fn table(provider: Provider) -> &'static [Entry] {
    match provider {
        Provider::Postgresql => POSTGRES,
        Provider::Cockroachdb => COCKROACH,
        Provider::Mysql => MYSQL,
        Provider::Sqlserver => SQLSERVER,
        Provider::Mongodb => MONGODB,
        Provider::Sqlite => &[],
    }
}

/// Checks `@db.<name>(args)` for the datasource's provider and converts it.
pub(crate) fn native_type(
    ctx: &mut Ctx<'_>,
    attr: &ast::Attribute,
    name: &str,
    field: &ScalarField,
) -> Option<NativeType> {
    let mut args = Vec::new();
    for arg in attr.args() {
        match &arg.value {
            Some(Expression::Number(n, _)) => args.push(n.clone()),
            // `@db.VarChar(max)` on SQL Server and `@db.Decimal(10, 2)` style constants.
            Some(Expression::Constant(c, _)) => args.push(c.clone()),
            Some(other) => {
                ctx.push(Diagnostic::error(
                    "schema::invalid_argument_value",
                    format!(
                        "The arguments of `@{}` must be numbers, found `{}`.",
                        attr.name.name,
                        other.to_psl()
                    ),
                    other.span(),
                ));
                return None;
            }
            None => {}
        }
    }
    let res = NativeType { name: name.to_owned(), args, span: attr.span };
    let Some(provider) = ctx.provider() else { return Some(res) };
    let entries = table(provider);
    let Some((_, max_args, fits)) = entries.iter().find(|(n, _, _)| *n == name) else {
        let mut d = Diagnostic::error(
            "schema::unknown_native_type",
            format!(
                "The native type `@{}` is not known for the `{}` provider.",
                attr.name.name,
                provider.as_str()
            ),
            attr.span,
        );
        d = match super::suggest(name, entries.iter().map(|(n, _, _)| *n)) {
            Some(s) => d.with_help(format!("Did you mean `{s}`?")),
            None if entries.is_empty() => d.with_help(format!("The `{}` provider has no native type attributes.", provider.as_str())),
            None => d.with_help("See the native type tables in https://www.prisma.io/docs/orm/reference/prisma-schema-reference#model-field-scalar-types."),
        };
        ctx.push(d);
        return None;
    };
    if res.args.len() > *max_args {
        ctx.push(Diagnostic::error(
            "schema::invalid_native_type_arguments",
            format!(
                "The native type `@{}` takes at most {max_args} argument(s), found {}.",
                attr.name.name,
                res.args.len()
            ),
            attr.span,
        ));
    }
    check_argument_ranges(ctx, attr, provider, name, &res.args);
    if let ScalarFieldType::Builtin(s) = &field.ty
        && !fits.contains(s)
    {
        let expected: Vec<&str> = fits.iter().map(|t| t.as_str()).collect();
        ctx.push(
            Diagnostic::error(
                "schema::native_type_mismatch",
                format!(
                    "The native type `@{}` cannot be used on the field `{}` of type `{}`.",
                    attr.name.name,
                    field.name,
                    s.as_str()
                ),
                attr.span,
            )
            .with_help(format!(
                "`@{}` fits fields of type {}.",
                attr.name.name,
                expected.join(", ")
            )),
        );
    }
    Some(res)
}

/// What one numeric argument of a native type may be: `(type names, argument index, minimum,
/// maximum, what the argument is)`. Only the bounds that Prisma enforces are listed (e.g. MySQL
/// `Time(7)` and PostgreSQL `VarChar(0)` pass Prisma's validator and are left to the database).
/// Sources: PostgreSQL manual, "Numeric Types" (precision up to 1000) and "Date/Time Types"
/// (fractional seconds 0 to 6), "Bit String Types" (length at least 1); MySQL manual, "String
/// Data Type Storage Requirements" (`VARCHAR` up to 65,535, `CHAR` up to 255), "Fixed-Point
/// Types" (`DECIMAL` precision up to 65, scale up to 30), "Bit-Value Type" (1 to 64); SQL Server
/// docs for `char`/`varchar`/`binary`/`varbinary` (1 to 8,000), `nchar`/`nvarchar` (1 to 4,000),
/// `decimal` (precision up to 38) and `float(n)` (n from 1 to 53); CockroachDB docs for `DECIMAL`,
/// `TIMESTAMP`/`TIME` precision and `BIT`.
type Range = (&'static [&'static str], usize, u64, u64, &'static str);

const POSTGRES_RANGES: &[Range] = &[
    (&["Decimal"], 0, 1, 1000, "the precision"),
    (&["Time", "Timetz", "Timestamp", "Timestamptz"], 0, 0, 6, "the fractional-second precision"),
    (&["Bit", "VarBit"], 0, 1, u64::MAX, "the length"),
];

const COCKROACH_RANGES: &[Range] = &[
    (&["Decimal"], 0, 1, 1000, "the precision"),
    (&["Time", "Timetz", "Timestamp", "Timestamptz"], 0, 0, 6, "the fractional-second precision"),
    (&["Bit", "VarBit"], 0, 1, u64::MAX, "the length"),
];

const MYSQL_RANGES: &[Range] = &[
    (&["VarChar"], 0, 0, 65_535, "the length"),
    (&["Char"], 0, 0, 255, "the length"),
    (&["Decimal"], 0, 0, 65, "the precision"),
    (&["Decimal"], 1, 0, 30, "the scale"),
    (&["Bit"], 0, 1, 64, "the length"),
];

const SQLSERVER_RANGES: &[Range] = &[
    (&["VarChar", "Char", "Binary", "VarBinary"], 0, 0, 8000, "the length"),
    (&["NVarChar", "NChar"], 0, 0, 4000, "the length"),
    (&["Decimal"], 0, 0, 38, "the precision"),
    (&["Float"], 0, 1, 53, "the number of mantissa bits"),
];

/// Checks that native type arguments are non-negative whole numbers within the database's limits
/// (see [`Range`]), and that a `Decimal` scale is not larger than its precision.
fn check_argument_ranges(
    ctx: &mut Ctx<'_>,
    attr: &ast::Attribute,
    provider: Provider,
    name: &str,
    args: &[String],
) {
    let mut numbers: Vec<Option<u64>> = Vec::new();
    for arg in args {
        if arg.starts_with('-') || (arg.contains('.') && arg.parse::<f64>().is_ok()) {
            ctx.push(
                Diagnostic::error(
                    "schema::invalid_native_type_arguments",
                    format!(
                        "The arguments of `@{}` must be non-negative whole numbers, found `{arg}`.",
                        attr.name.name
                    ),
                    attr.span,
                )
                .with_help("Write e.g. `@db.VarChar(255)` or `@db.Decimal(10, 2)`."),
            );
            return;
        }
        // Constants such as SQL Server's `Max` are checked by the database, not here.
        numbers.push(arg.parse::<u64>().ok());
    }
    let ranges: &[Range] = match provider {
        Provider::Postgresql => POSTGRES_RANGES,
        Provider::Cockroachdb => COCKROACH_RANGES,
        Provider::Mysql => MYSQL_RANGES,
        Provider::Sqlserver => SQLSERVER_RANGES,
        Provider::Mongodb | Provider::Sqlite => &[],
    };
    // As in Prisma, a scale larger than the precision is reported instead of the range checks.
    if name == "Decimal"
        && let (Some(Some(precision)), Some(Some(scale))) = (numbers.first(), numbers.get(1))
        && scale > precision
    {
        ctx.push(
            Diagnostic::error(
                "schema::native_type_argument_out_of_range",
                format!(
                    "The scale `{scale}` of `@{}` is larger than its precision `{precision}`.",
                    attr.name.name
                ),
                attr.span,
            )
            .with_help("The scale counts digits after the decimal point, so it cannot exceed the precision (total digits)."),
        );
        return;
    }
    for (names, index, min, max, what) in ranges {
        if !names.contains(&name) {
            continue;
        }
        let Some(Some(value)) = numbers.get(*index) else { continue };
        if value < min || value > max {
            let range = if *max == u64::MAX {
                format!("must be at least {min}")
            } else {
                format!("can range from {min} to {max}")
            };
            ctx.push(
                Diagnostic::error(
                    "schema::native_type_argument_out_of_range",
                    format!(
                        "The argument `{value}` of `@{}` is out of range: on {}, {what} of `{name}` {range}.",
                        attr.name.name,
                        display_name(provider)
                    ),
                    attr.span,
                )
                .with_help("See the database manual's limits for this type."),
            );
        }
    }
}

/// How the database is called in messages.
pub(crate) fn display_name(provider: Provider) -> &'static str {
    match provider {
        Provider::Sqlite => "SQLite",
        Provider::Postgresql => "PostgreSQL",
        Provider::Mysql => "MySQL",
        Provider::Mongodb => "MongoDB",
        Provider::Cockroachdb => "CockroachDB",
        Provider::Sqlserver => "SQL Server",
    }
}
